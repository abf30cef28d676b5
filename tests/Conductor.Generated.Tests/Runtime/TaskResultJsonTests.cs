using System.Text;
using System.Text.Json;
using Conductor.Generated.Client;

namespace Conductor.Generated.Tests.Runtime;

/// <summary>
/// The runtime writes each result body with <see cref="TaskResultJson"/> instead of the
/// serializer: the bytes must be exactly what the serializer writes for the same result, so the
/// server (TaskResource#updateTask, #updateTaskV2 reading a TaskResult with Jackson) sees no difference.
/// </summary>
public sealed class TaskResultJsonTests
{
    public static TheoryData<string> Results() => [.. Cases.Keys];

    private static readonly Dictionary<string, Func<TaskResult>> Cases = new(StringComparer.Ordinal)
    {
        ["completed, empty output"] = () => new TaskResult { TaskId = "t1", WorkflowInstanceId = "w1", WorkerId = "worker-1", Status = TaskResultStatus.Completed },
        ["completed, output"] = () => new TaskResult
        {
            TaskId = "t1",
            WorkflowInstanceId = "w1",
            Status = TaskResultStatus.Completed,
            OutputData = Encoding.UTF8.GetBytes("{\"a\":[1,2,{\"b\":\"c\"}],\"d\":null}"),
        },
        ["in progress, callback"] = () => new TaskResult { TaskId = "t", WorkflowInstanceId = "w", Status = TaskResultStatus.InProgress, CallbackAfterSeconds = 30 },
        ["failed, reason to escape"] = () => new TaskResult
        {
            TaskId = "t\"<>&'",
            WorkflowInstanceId = "wé\u2028",
            WorkerId = "host/1",
            Status = TaskResultStatus.Failed,
            ReasonForIncompletion = "line 1\nline 2 \"quoted\" <tag> \U0001F600",
        },
        ["terminal, external output, lease"] = () => new TaskResult
        {
            TaskId = "t",
            WorkflowInstanceId = "w",
            Status = TaskResultStatus.FailedWithTerminalError,
            ExternalOutputPayloadStoragePath = "task/output/abc.json",
            ExtendLease = true,
            CallbackAfterSeconds = -1,
        },
        ["logs"] = () => new TaskResult
        {
            TaskId = "t",
            WorkflowInstanceId = "w",
            Status = TaskResultStatus.Completed,
            Logs = [new TaskExecutionLog { Log = "one", TaskId = "t", CreatedTime = 1_700_000_000_000 }, new TaskExecutionLog { Log = null, CreatedTime = 0 }],
        },
        ["nulls where non-null is declared"] = () => new TaskResult { TaskId = null!, WorkflowInstanceId = null!, Status = TaskResultStatus.Completed },
        ["status outside the enum"] = () => new TaskResult { TaskId = "t", WorkflowInstanceId = "w", Status = (TaskResultStatus)42 },
    };

    [Theory]
    [MemberData(nameof(Results))]
    public void Writes_the_bytes_the_serializer_writes(string name)
    {
        var expected = Serializer(Cases[name]());

        var written = Written(Cases[name]());

        Assert.Equal(Encoding.UTF8.GetString(expected), Encoding.UTF8.GetString(written));
    }

    [Fact]
    public void Each_call_writes_a_body_of_its_own_after_a_large_one()
    {
        var large = new TaskResult
        {
            TaskId = "t",
            WorkflowInstanceId = "w",
            Status = TaskResultStatus.Completed,
            OutputData = Encoding.UTF8.GetBytes("{\"big\":\"" + new string('x', 100_000) + "\"}"),
        };
        var small = Cases["completed, empty output"]();

        var first = TaskResultJson.Serialize(large);
        var second = TaskResultJson.Serialize(small);
        var third = TaskResultJson.Serialize(small);

        Assert.Equal(Serializer(large), first);
        Assert.Equal(Serializer(small), second);
        Assert.Equal(second, third);
        Assert.NotSame(second, third);
    }

    [Fact]
    public void An_output_that_is_not_json_fails_as_with_the_serializer_and_the_next_body_is_whole()
    {
        var broken = new TaskResult { TaskId = "t", WorkflowInstanceId = "w", Status = TaskResultStatus.Completed, OutputData = "{\"a\":"u8.ToArray() };

        Assert.ThrowsAny<JsonException>(() => Serializer(broken));
        Assert.ThrowsAny<JsonException>(() => TaskResultJson.Serialize(broken));

        var next = Cases["completed, output"]();
        Assert.Equal(Serializer(next), TaskResultJson.Serialize(next));
    }

    [Fact]
    public void Every_property_of_the_contract_is_written_when_set()
    {
        // A property added to TaskResult joins the serializer's contract at once, but must be
        // added to TaskResultJson by hand: this names the one that was not.
        var everything = new TaskResult
        {
            WorkflowInstanceId = "w",
            TaskId = "t",
            Status = TaskResultStatus.Failed,
            OutputData = "{\"a\":1}"u8.ToArray(),
            ExternalOutputPayloadStoragePath = "task/output/x.json",
            ReasonForIncompletion = "why",
            CallbackAfterSeconds = 5,
            WorkerId = "worker",
            Logs = [new TaskExecutionLog { Log = "line", TaskId = "t", CreatedTime = 1 }],
            ExtendLease = true,
        };
        var contract = ConductorJsonContext.Default.TaskResult.Properties.Select(property => property.Name).ToList();

        using var written = JsonDocument.Parse(Written(everything));
        var names = written.RootElement.EnumerateObject().Select(property => property.Name).ToList();

        Assert.Equal(contract, names);
        Assert.Equal(Encoding.UTF8.GetString(Serializer(everything)), Encoding.UTF8.GetString(Written(everything)));
    }

    private static byte[] Serializer(TaskResult result) => JsonSerializer.SerializeToUtf8Bytes(result, ConductorJsonContext.Default.TaskResult);

    private static byte[] Written(TaskResult result) => TaskResultJson.Serialize(result);
}
