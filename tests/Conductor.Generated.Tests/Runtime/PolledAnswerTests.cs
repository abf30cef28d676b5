using System.Buffers;
using System.Text;
using System.Text.Json;
using Conductor.Generated.Client;

namespace Conductor.Generated.Tests.Runtime;

/// <summary>
/// The worker runtime reads a poll answer once into pooled memory, each task's input pointing
/// into it, instead of deserializing each task with a copy of its input. It must read the same
/// tasks and fail the same elements as the serializer (ConductorJsonContext's contract: names
/// without regard to case, numbers in strings, unknown fields ignored), and its input must stop
/// being readable once every task has let go of the answer.
/// </summary>
public sealed class PolledAnswerTests
{
    private const string FullTask = """
        {"taskType":"t","status":"IN_PROGRESS","inputData":{"name":"a","n":[1,2,{"x":null}]},"referenceTaskName":"t_ref",
         "retryCount":2,"seq":1,"correlationId":"c","pollCount":3,"taskDefName":"t","scheduledTime":1700000000000,
         "startTime":1700000000001,"endTime":0,"updateTime":1700000000002,"startDelayInSeconds":0,"retried":false,
         "executed":false,"callbackFromWorker":true,"responseTimeoutSeconds":3600,"workflowInstanceId":"wf-1",
         "workflowType":"w","taskId":"task-1","callbackAfterSeconds":0,"workerId":"me","outputData":{},"queueWaitTime":1,
         "workflowTask":{"name":"t","taskReferenceName":"t_ref","inputParameters":{"name":"${workflow.input.name}"},"type":"SIMPLE"},
         "domain":null,"workflowPriority":5,"iteration":0,"retriedTaskId":null,"reasonForIncompletion":null,
         "externalInputPayloadStoragePath":null,"externalOutputPayloadStoragePath":null}
        """;

    /// <summary>Every field of the task's contract, none null, none at its default.</summary>
    private const string EveryFieldSet = """
        {"taskId":"t","taskType":"tt","taskDefName":"td","status":"SCHEDULED","inputData":{"k":1},
         "externalInputPayloadStoragePath":"in.json","externalOutputPayloadStoragePath":"out.json","referenceTaskName":"r",
         "workflowInstanceId":"w","workflowType":"wt","correlationId":"c","domain":"d","retryCount":1,"pollCount":2,
         "callbackAfterSeconds":3,"responseTimeoutSeconds":4,"iteration":5,"scheduledTime":6,"queueWaitTime":7,
         "startTime":8,"updateTime":9,"workerId":"me","workflowPriority":10,"retriedTaskId":"rt","outputData":{"o":2},
         "reasonForIncompletion":"why","endTime":11}
        """;

    public static TheoryData<string> Answers => new()
    {
        "[" + EveryFieldSet + "]",
        // Null where the contract allows it.
        """[{"taskId":"a","workflowInstanceId":"wf","queueWaitTime":null,"domain":null}]""",
        "[]",
        "null",
        "[" + FullTask + "]",
        "[" + FullTask + "," + FullTask.Replace("task-1", "task-2", StringComparison.Ordinal) + "]",
        // Names in other cases, as the serializer matches them.
        """[{"TASKID":"a","WorkflowInstanceId":"wf","INPUTDATA":{"k":1},"RetryCount":1}]""",
        // A number in a string, which the serializer reads.
        """[{"taskId":"a","workflowInstanceId":"wf","inputData":{},"retryCount":"4","pollCount":"2"}]""",
        // An escaped name: \u0074askId is taskId.
        """[{"\u0074askId":"a","workflowInstanceId":"wf","inputData":{"k":"v"}}]""",
        // A name beyond ASCII that the serializer does not match, and one it matches ignoring case (dotless i).
        """[{"taskId":"a","wörkflowInstanceId":"x","workflowInstanceId":"wf","inputData":{}}]""",
        """[{"taskıd":"a","workflowInstanceId":"wf","inputData":{}}]""",
        // Unreadable elements beside readable ones.
        """[42,{"taskId":"a","workflowInstanceId":"wf","inputData":{"k":1}},{"workflowInstanceId":"wf-2","inputData":{}},{"taskId":"b","retryCount":"abc"},{"taskId":"c","pollCount":1e400},{"taskId":"d","status":7}]""",
        // A null input, a string input, a missing input.
        """[{"taskId":"a","workflowInstanceId":"wf","inputData":null},{"taskId":"b","inputData":"text"},{"taskId":"c"}]""",
        // Duplicate fields: the last one wins in both.
        """[{"taskId":"a","taskId":"b","workflowInstanceId":"wf","inputData":{"k":1},"inputData":{"k":2}}]""",
        // The queue wait time the server sends (Task#getQueueWaitTime), null, and in a string.
        """[{"taskId":"a","workflowInstanceId":"wf","inputData":{},"queueWaitTime":1234},{"taskId":"b","queueWaitTime":null},{"taskId":"c","queueWaitTime":"7"}]""",
        // Numbers out of range and with fractions.
        """[{"taskId":"a","retryCount":2147483648},{"taskId":"b","pollCount":1.5},{"taskId":"c","startTime":-5}]""",
        // An answer deeper than the serializer reads a task: that element alone fails.
        "[" + """{"taskId":"deep","inputData":""" + Nested(1100) + "}," + """{"taskId":"ok","inputData":{}}""" + "]",
        // Exactly as deep as the server writes.
        "[" + """{"taskId":"deep","inputData":{"tree":""" + Nested(1000 - 4) + "}}]",
    };

    [Theory]
    [MemberData(nameof(Answers))]
    public void Reads_the_same_tasks_and_failures_as_the_serializer(string answer)
    {
        var bytes = Encoding.UTF8.GetBytes(answer);
        var expected = ConductorClient.ReadPollAnswer(bytes);
        var kept = ConductorClient.ReadPollAnswerKept(Rent(bytes), bytes.Length);
        try
        {
            Assert.Equal(expected.Tasks.Select(Serialize), kept.Tasks.Select(Serialize));
            Assert.Equal(expected.Unreadable, kept.Unreadable);
        }
        finally
        {
            foreach (var task in kept.Tasks)
            {
                task.ReleaseAnswer();
            }
        }
    }

    [Fact]
    public void The_task_with_every_field_set_sets_every_field_of_the_contract()
    {
        // A property added to ConductorTask joins the serializer's contract at once, but the
        // pooled reader takes a field it does not know for one to ignore: this names the property
        // the answer above does not set, so the theory above compares it too.
        var written = JsonSerializer.SerializeToElement(
            ConductorClient.ReadPollAnswer(Encoding.UTF8.GetBytes("[" + EveryFieldSet + "]")).Tasks[0],
            ConductorJsonContext.Default.ConductorTask);
        var unset = ConductorJsonContext.Default.ConductorTask.Properties
            .Select(property => property.Name)
            .Where(name => !written.TryGetProperty(name, out var value) || IsDefault(value))
            .ToList();

        Assert.Empty(unset);
    }

    private static bool IsDefault(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined or JsonValueKind.False => true,
        JsonValueKind.Number => value.GetRawText() == "0",
        JsonValueKind.String => value.GetString()!.Length == 0,
        _ => false,
    };

    [Fact]
    public void An_answer_that_is_not_an_array_fails_as_before()
    {
        var bytes = """{"taskId":"a"}"""u8.ToArray();
        var expected = Assert.Throws<JsonException>(() => ConductorClient.ReadPollAnswer(bytes));
        var actual = Assert.Throws<JsonException>(() => ConductorClient.ReadPollAnswerKept(Rent(bytes), bytes.Length));
        Assert.Equal(expected.Message, actual.Message);
    }

    [Fact]
    public void The_input_is_readable_until_the_last_task_of_the_answer_lets_go()
    {
        var bytes = Encoding.UTF8.GetBytes("[" + FullTask + "," + FullTask.Replace("task-1", "task-2", StringComparison.Ordinal) + "]");
        var answer = ConductorClient.ReadPollAnswerKept(Rent(bytes), bytes.Length);
        var (first, second) = (answer.Tasks[0], answer.Tasks[1]);
        var firstInput = new TaskContext(first, "me").Input;

        first.ReleaseAnswer();
        first.ReleaseAnswer(); // a second release changes nothing
        Assert.Equal("a", firstInput.GetProperty("name").GetString());
        Assert.Equal("a", second.InputData.GetProperty("name").GetString());

        second.ReleaseAnswer();
        Assert.Throws<ObjectDisposedException>(() => firstInput.GetProperty("name"));
        Assert.Throws<ObjectDisposedException>(() => second.InputData.GetRawText());
        // What was read into the task itself stays.
        Assert.Equal("task-2", second.TaskId);
        Assert.Equal(3600, second.ResponseTimeoutSeconds);
    }

    [Fact]
    public void A_cloned_input_outlives_the_answer()
    {
        var bytes = Encoding.UTF8.GetBytes("[" + FullTask + "]");
        var task = ConductorClient.ReadPollAnswerKept(Rent(bytes), bytes.Length).Tasks[0];
        var kept = task.InputData.Clone();
        task.ReleaseAnswer();
        Assert.Equal("a", kept.GetProperty("name").GetString());
    }

    [Fact]
    public void A_task_the_fast_reader_declines_has_an_input_of_its_own()
    {
        var bytes = """[{"taskId":"a","retryCount":"4","inputData":{"k":"v"}}]"""u8.ToArray();
        var task = ConductorClient.ReadPollAnswerKept(Rent(bytes), bytes.Length).Tasks[0];
        task.ReleaseAnswer();
        Assert.Equal(4, task.RetryCount);
        Assert.Equal("v", task.InputData.GetProperty("k").GetString());
    }

    /// <summary>The answer in an array of the shared pool, longer than it, as the client's read leaves it.</summary>
    private static byte[] Rent(byte[] bytes)
    {
        var array = ArrayPool<byte>.Shared.Rent(bytes.Length + 17);
        bytes.CopyTo(array, 0);
        array.AsSpan(bytes.Length).Fill((byte)'x');
        return array;
    }

    private static readonly JsonElement Placeholder = JsonDocument.Parse("0").RootElement;

    /// <summary>Every field of the task as JSON, its input and output as their kind and raw text.</summary>
    private static string Serialize(ConductorTask task)
    {
        var (input, output) = (task.InputData, task.OutputData);
        try
        {
            task.InputData = Placeholder;
            task.OutputData = Placeholder;
            var scalars = JsonSerializer.Serialize(task, ConductorJsonContext.Default.ConductorTask);
            return $"{scalars} input {Describe(input)} output {Describe(output)}";
        }
        finally
        {
            (task.InputData, task.OutputData) = (input, output);
        }
    }

    private static string Describe(JsonElement element) =>
        element.ValueKind == JsonValueKind.Undefined ? "(undefined)" : element.ValueKind + " " + element.GetRawText();

    private static string Nested(int depth) => string.Concat(Enumerable.Repeat("[", depth)) + string.Concat(Enumerable.Repeat("]", depth));
}
