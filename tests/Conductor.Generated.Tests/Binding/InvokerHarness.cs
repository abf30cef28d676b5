using System.Text;
using System.Text.Json;
using Conductor.Generated.Client;

namespace Conductor.Generated.Tests.Binding;

/// <summary>Runs a generated invoker on a task whose <c>inputData</c> is given as JSON.</summary>
internal static class InvokerHarness
{
    public const string WorkerId = "binding-tests";

    public static TaskContext ContextFor(string inputJson, string taskType = "test_task")
    {
        var task = new ConductorTask
        {
            TaskId = "task-1",
            TaskType = taskType,
            WorkflowInstanceId = "workflow-1",
            InputData = JsonDocument.Parse(inputJson).RootElement,
        };
        return new TaskContext(task, WorkerId);
    }

    public static async Task<WorkerResult> InvokeAsync(WorkerDefinition worker, string inputJson, CancellationToken cancellationToken = default) =>
        await worker.Invoker(ContextFor(inputJson, worker.TaskName), cancellationToken);

    /// <summary>Invokes and returns the output object, failing the test when binding failed.</summary>
    public static async Task<JsonElement> OutputOfAsync(WorkerDefinition worker, string inputJson)
    {
        var result = await InvokeAsync(worker, inputJson);
        Assert.False(result.IsBindingFailure, result.BindingError);
        return Parse(result);
    }

    /// <summary>Invokes and returns the binding error, failing the test when binding succeeded.</summary>
    public static async Task<string> BindingErrorOfAsync(WorkerDefinition worker, string inputJson)
    {
        var result = await InvokeAsync(worker, inputJson);
        Assert.True(result.IsBindingFailure, "binding succeeded with output " + Encoding.UTF8.GetString(result.OutputJson.Span));
        return result.BindingError!;
    }

    /// <summary>Asserts two JSON texts are the same value, whatever their whitespace and escaping.</summary>
    public static void AssertJsonEqual(string expected, JsonElement actual) => Assert.Equal(Compact(expected), Compact(actual));

    public static JsonElement Parse(WorkerResult result) => JsonDocument.Parse(result.OutputJson).RootElement;

    /// <summary>The JSON text with insignificant whitespace removed, for comparisons.</summary>
    public static string Compact(string json) => JsonSerializer.Serialize(JsonDocument.Parse(json).RootElement, BindingTestJsonContext.Default.JsonElement);

    public static string Compact(JsonElement json) => JsonSerializer.Serialize(json, BindingTestJsonContext.Default.JsonElement);
}
