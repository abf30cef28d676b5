using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Conductor.Generated.LoadHarness.Server;

/// <summary>
/// The server's own clock for every task: the test server logs when it schedules a task, hands
/// it to a worker and applies its result, inside its engine lock; this logger factory keeps the
/// moment of each (Stopwatch ticks, sub-microsecond) instead of writing text. The task's
/// <c>scheduledTime</c>/<c>startTime</c>/<c>endTime</c> fields hold the same moments but in whole
/// milliseconds, too coarse for a one-millisecond exchange. Every other category (Kestrel,
/// hosting) gets a null logger so the server does no logging work beyond these three events.
/// </summary>
internal sealed class ServerEventRecorder : ILoggerFactory
{
    private const string ServerCategory = "Conductor.Generated.Testing.ConductorTestServer";

    private readonly ConcurrentDictionary<string, TaskTimeline> _tasks = new(StringComparer.Ordinal);
    private readonly RecordingLogger _logger;
    private readonly Lock _waiterGate = new();
    private int _completed;
    private (int Count, TaskCompletionSource Reached)? _waiter;

    public ServerEventRecorder() => _logger = new RecordingLogger(this);

    /// <summary>How many tasks have reached a terminal status.</summary>
    public int Completed => Volatile.Read(ref _completed);

    public TaskTimeline? Find(string taskId) => _tasks.GetValueOrDefault(taskId);

    /// <summary>The timelines of the given tasks that completed.</summary>
    public List<TaskTimeline> CompletedTimelines(IEnumerable<string> taskIds) =>
        [.. taskIds.Select(Find).OfType<TaskTimeline>().Where(timeline => timeline.Completed != 0)];

    /// <summary>Completes once <paramref name="count"/> tasks in all have completed.</summary>
    public Task WhenCompleted(int count)
    {
        lock (_waiterGate)
        {
            if (Completed >= count)
            {
                return Task.CompletedTask;
            }

            var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiter = (count, reached);
            return reached.Task;
        }
    }

    public ILogger CreateLogger(string categoryName) =>
        categoryName == ServerCategory ? _logger : NullLogger.Instance;

    public void AddProvider(ILoggerProvider provider)
    {
    }

    public void Dispose()
    {
    }

    private void OnScheduled(string taskId, long now) => _tasks[taskId] = new TaskTimeline(taskId) { Scheduled = now };

    private void OnHandedOut(string taskId, long now)
    {
        if (_tasks.TryGetValue(taskId, out var timeline) && timeline.HandedOut == 0)
        {
            timeline.HandedOut = now;
        }
    }

    private void OnUpdated(string taskId, string status, long now)
    {
        if (status is "SCHEDULED" or "IN_PROGRESS" || !_tasks.TryGetValue(taskId, out var timeline) || timeline.Completed != 0)
        {
            return;
        }

        timeline.Completed = now;
        var completed = Interlocked.Increment(ref _completed);
        lock (_waiterGate)
        {
            if (_waiter is { } waiter && completed >= waiter.Count)
            {
                _waiter = null;
                waiter.Reached.TrySetResult();
            }
        }
    }

    /// <summary>Takes the three task events apart by name; ignores every other message.</summary>
    private sealed class RecordingLogger(ServerEventRecorder recorder) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var now = Stopwatch.GetTimestamp();
            if (state is not IReadOnlyList<KeyValuePair<string, object?>> values || values.Count == 0 || values[0].Value is not string taskId)
            {
                return;
            }

            switch (eventId.Name)
            {
                case "TaskScheduled":
                    recorder.OnScheduled(taskId, now);
                    break;
                case "TaskHandedOut":
                    recorder.OnHandedOut(taskId, now);
                    break;
                case "TaskUpdated" when values.Count > 1 && values[1].Value is string status:
                    recorder.OnUpdated(taskId, status, now);
                    break;
            }
        }
    }
}
