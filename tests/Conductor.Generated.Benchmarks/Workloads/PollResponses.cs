using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Conductor.Generated.Benchmarks.Workloads;

/// <summary>
/// The raw answer of <c>GET /api/tasks/poll/batch/{taskType}</c> holding one task, as the
/// Conductor server sends it: the task's input plus the fields the server adds to every task
/// (ids, times, counters, and the embedded <c>workflowTask</c>).
/// </summary>
internal static class PollResponses
{
    public const string WorkerId = "bench-worker-1";

    public static byte[] For(Workload workload) => workload switch
    {
        Workload.Primitives => Task("bench_primitives", PrimitivesInput()),
        Workload.RecordWithList => Task("bench_order", OrderInput(lines: 10)),
        Workload.Large100KB => Task("bench_readings", ReadingsInput(count: 1_100)),
        _ => throw new ArgumentOutOfRangeException(nameof(workload), workload, null),
    };

    /// <summary>One task of type <paramref name="taskType"/> with <paramref name="inputJson"/> as its <c>inputData</c>.</summary>
    private static byte[] Task(string taskType, string inputJson)
    {
        // Field names and order follow the server's Task model; values are those of a first poll.
        var json = $$"""
            [{"taskType":"{{taskType}}","status":"IN_PROGRESS","inputData":{{inputJson}},"referenceTaskName":"{{taskType}}_ref",
            "retryCount":0,"seq":2,"correlationId":"order-2026-11-29-4711","pollCount":1,"taskDefName":"{{taskType}}",
            "scheduledTime":1764410000000,"startTime":1764410000120,"endTime":0,"updateTime":1764410000120,"startDelayInSeconds":0,
            "retried":false,"executed":false,"callbackFromWorker":true,"responseTimeoutSeconds":600,
            "workflowInstanceId":"0b8f7a52-6c1e-4f0e-9a55-3d2c8e1f7a40","workflowType":"order_fulfilment","taskId":"5e2d9c41-7b3a-4e8f-a1d6-0c9b8a7f6e51",
            "callbackAfterSeconds":0,"workerId":"{{WorkerId}}","outputData":{},
            "workflowTask":{"name":"{{taskType}}","taskReferenceName":"{{taskType}}_ref","inputParameters":{"payload":"${workflow.input.payload}"},
            "type":"SIMPLE","startDelay":0,"optional":false,"asyncComplete":false,"permissive":false},
            "rateLimitPerFrequency":0,"rateLimitFrequencyInSeconds":0,"workflowPriority":0,"iteration":0,"subworkflowChanged":false,
            "firstStartTime":0,"loopOverTask":false,"queueWaitTime":120}]
            """;
        return Encoding.UTF8.GetBytes(json.ReplaceLineEndings(""));
    }

    private static string PrimitivesInput() =>
        """{"customer":"Ada Lovelace","quantity":3,"weightKg":12.75,"express":true}""";

    private static string OrderInput(int lines) => WriteJson(writer =>
    {
        writer.WriteStartObject();
        writer.WriteStartObject("order");
        writer.WriteString("id", "order-4711");
        writer.WriteString("customer", "Ada Lovelace");
        writer.WriteStartArray("lines");
        for (var index = 0; index < lines; index++)
        {
            writer.WriteStartObject();
            writer.WriteString("sku", string.Create(CultureInfo.InvariantCulture, $"SKU-{1000 + index}"));
            writer.WriteNumber("quantity", 1 + (index % 4));
            writer.WriteNumber("unitPrice", 9.99m + index);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
        writer.WriteEndObject();
    });

    private static string ReadingsInput(int count) => WriteJson(writer =>
    {
        writer.WriteStartObject();
        writer.WriteStartArray("readings");
        for (var index = 0; index < count; index++)
        {
            writer.WriteStartObject();
            writer.WriteString("sensor", string.Create(CultureInfo.InvariantCulture, $"boiler-room/temperature-{index % 16:00}"));
            writer.WriteNumber("timestamp", 1764410000000L + (index * 1000L));
            writer.WriteNumber("value", Math.Round(60 + (15 * Math.Sin(index / 25.0)), 3));
            writer.WriteString("unit", "celsius");
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    });

    private static string WriteJson(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
