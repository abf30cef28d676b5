using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Conductor.Generated.Diagnostics;

namespace Conductor.Generated.Tests.Faults;

/// <summary>
/// Sums the runtime's counters (<c>task_poll_total</c>, <c>task_update_error_total</c>, ...) for
/// the task types a test owns. The runtime's meter is shared by every test in the process, so
/// measurements are kept only when their <c>taskType</c> tag is one of ours.
/// </summary>
internal sealed class WorkerCounters : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<string, long> _totals = new(StringComparer.Ordinal);
    private readonly HashSet<string> _taskTypes;

    public WorkerCounters(params string[] taskTypes)
    {
        _taskTypes = new HashSet<string>(taskTypes, StringComparer.Ordinal);
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == ConductorDiagnostics.MeterName)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>(OnMeasurement);
        _listener.Start();
    }

    /// <summary>The sum of a counter over our task types; 0 when it never moved.</summary>
    public long this[string counterName] => _totals.GetValueOrDefault(counterName);

    public void Dispose() => _listener.Dispose();

    private void OnMeasurement(Instrument instrument, long measurement, ReadOnlySpan<KeyValuePair<string, object?>> tags, object? state)
    {
        if (instrument is not Counter<long>)
        {
            return;
        }

        foreach (var tag in tags)
        {
            if (tag.Key == "taskType" && tag.Value is string taskType && _taskTypes.Contains(taskType))
            {
                _totals.AddOrUpdate(instrument.Name, measurement, (_, total) => total + measurement);
                return;
            }
        }
    }
}
