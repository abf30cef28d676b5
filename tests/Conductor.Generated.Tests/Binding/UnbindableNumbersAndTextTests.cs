using System.Text;
using System.Text.Json;
using Conductor.Generated.Client;

namespace Conductor.Generated.Tests.Binding;

/// <summary>
/// Inputs that can never bind are terminal binding errors naming the key, alike for every number
/// type: numbers beyond the type's range (1e400 is beyond double's) and strings that are not
/// valid UTF-8 (the server hands JSON over without checking every string).
/// </summary>
public sealed class UnbindableNumbersAndTextTests
{
    [Theory]
    [InlineData("binding_echo_double")]
    [InlineData("binding_echo_single")]
    [InlineData("binding_echo_decimal")]
    [InlineData("binding_echo_int32")]
    [InlineData("binding_echo_int64")]
    public async Task A_number_beyond_the_range_of_double_is_a_binding_error_for_every_number_type(string taskName)
    {
        var worker = ConductorWorkers.All.Single(candidate => candidate.TaskName == taskName);

        var error = await InvokerHarness.BindingErrorOfAsync(worker, """{"value": 1e400}""");

        Assert.Contains("'value'", error, StringComparison.Ordinal);
        Assert.Contains("1e400", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Infinity_and_NaN_named_in_a_string_still_bind_to_double()
    {
        var worker = ConductorWorkers.All.Single(candidate => candidate.TaskName == "binding_echo_double");

        var result = await InvokerHarness.InvokeAsync(worker, """{"value": "-Infinity"}""");

        Assert.False(result.IsBindingFailure, result.BindingError);
    }

    [Theory]
    [InlineData("binding_echo_string")]
    [InlineData("binding_echo_color")]
    [InlineData("binding_echo_guid")]
    public async Task A_string_that_is_not_valid_utf8_is_a_binding_error_naming_the_key(string taskName)
    {
        var worker = ConductorWorkers.All.Single(candidate => candidate.TaskName == taskName);
        byte[] input = [.. "{\"value\": \"ab"u8, 0xFF, 0xFE, .. "\"}"u8];
        var task = new ConductorTask
        {
            TaskId = "task-utf8",
            TaskType = taskName,
            WorkflowInstanceId = "workflow-utf8",
            InputData = JsonDocument.Parse(input).RootElement,
        };

        var result = await worker.Invoker(new TaskContext(task, InvokerHarness.WorkerId), CancellationToken.None);

        Assert.True(result.IsBindingFailure, "bound: " + Encoding.UTF8.GetString(result.OutputJson.Span));
        Assert.Contains("'value'", result.BindingError, StringComparison.Ordinal);
        Assert.Contains("not valid UTF-8", result.BindingError, StringComparison.Ordinal);
    }
}
