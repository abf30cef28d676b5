using System.Collections.Concurrent;
using System.Diagnostics.Tracing;
using System.Globalization;
using System.Text;

namespace Conductor.Generated.LoadHarness.Worker;

/// <summary>
/// Where the allocations go, by type: listens to the runtime's GC allocation ticks (one event per
/// about 100 KB allocated, naming the type of the object that crossed the mark), a sampling
/// profile that needs no tool. Opt-in (<c>--allocation-profile</c>): the listener costs time, so
/// the measured runs never enable it. Event sources are off in Native AOT builds; use the JIT build.
/// </summary>
internal sealed class AllocationProfile : EventListener
{
    private const int AllocationTickEventId = 10;
    private const long GcKeyword = 0x1;

    private readonly ConcurrentDictionary<string, long> _bytesByType = new(StringComparer.Ordinal);

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(eventSource, EventLevel.Verbose, (EventKeywords)GcKeyword);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        if (eventData.EventId != AllocationTickEventId || eventData.Payload is null || eventData.PayloadNames is null)
        {
            return;
        }

        var typeName = eventData.PayloadNames.IndexOf("TypeName") is var typeIndex and >= 0 ? eventData.Payload[typeIndex] as string : null;
        var amountIndex = eventData.PayloadNames.IndexOf("AllocationAmount64");
        var amount = amountIndex >= 0 ? Convert.ToInt64(eventData.Payload[amountIndex], CultureInfo.InvariantCulture) : 100_000;
        _bytesByType.AddOrUpdate(typeName ?? "?", amount, (_, total) => total + amount);
    }

    /// <summary>One line: the types with the most sampled bytes, and their share.</summary>
    public string Top(int count)
    {
        var snapshot = _bytesByType.ToArray();
        var total = Math.Max(1, snapshot.Sum(pair => pair.Value));
        var text = new StringBuilder();
        foreach (var (type, bytes) in snapshot.OrderByDescending(pair => pair.Value).Take(count))
        {
            text.Append(CultureInfo.InvariantCulture, $"{type}={100.0 * bytes / total:0.0}%;");
        }

        return text.ToString();
    }

    /// <summary>Forgets the samples so far (the warm-up).</summary>
    public void Reset() => _bytesByType.Clear();
}
