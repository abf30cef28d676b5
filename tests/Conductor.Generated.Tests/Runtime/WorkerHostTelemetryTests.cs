using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Conductor.Generated.Diagnostics;
using Conductor.Generated.Tests.Runtime.Infrastructure;
using static Conductor.Generated.Tests.Runtime.Infrastructure.WorkerHostFixture;

namespace Conductor.Generated.Tests.Runtime;

public sealed class WorkerHostTelemetryTests
{
    [Fact]
    public async Task Polls_executions_failures_and_updates_are_counted_and_timed_per_task_type()
    {
        const string taskType = "metered";
        var measurements = new ConcurrentQueue<(string Instrument, double Value, Dictionary<string, object?> Tags)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, meterListener) =>
        {
            if (instrument.Meter.Name == ConductorDiagnostics.MeterName)
            {
                meterListener.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument, value, tags));
        listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Record(instrument, value, tags));
        listener.Start();

        await using (var fixture = await StartAsync(
            [Worker(taskType, (context, _) => context.TaskId == "metered-bad"
                ? throw new TimeoutException("slow dependency")
                : ValueTask.FromResult(Output("""{"n":1}""")))],
            server =>
            {
                server.PollFailure = (_, pollNumber) => pollNumber == 1 ? System.Net.HttpStatusCode.BadGateway : null;
                server.Enqueue(taskType, "metered-good");
                server.Enqueue(taskType, "metered-bad");
            }))
        {
            await fixture.WaitForUpdateAsync("metered-good");
            await fixture.WaitForUpdateAsync("metered-bad");
            // Updates are timed after the server answers; wait for both timings.
            await Eventually.TrueAsync(() => Of("task_update_time_seconds").Count == 2, "both update timings");
        }

        Assert.True(Of("task_poll_total").Count >= 2);
        Assert.Single(Of("task_poll_error_total"));
        Assert.Equal(2, Of("task_execution_started_total").Sum(measurement => measurement.Value));
        var executeError = Assert.Single(Of("task_execute_error_total"));
        Assert.Equal(nameof(TimeoutException), executeError.Tags["exception"]);
        Assert.Equal(
            ["COMPLETED", "FAILED"],
            Of("task_execute_time_seconds").Select(measurement => (string)measurement.Tags["status"]!).Order());
        Assert.All(Of("task_update_time_seconds"), measurement => Assert.Equal("SUCCESS", measurement.Tags["status"]));
        Assert.Contains(Of("task_poll_time_seconds"), measurement => (string?)measurement.Tags["status"] == "FAILURE");
        Assert.All(Of("task_execute_time_seconds"), measurement => Assert.True(measurement.Value >= 0));

        void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            var tagMap = new Dictionary<string, object?>();
            foreach (var tag in tags)
            {
                tagMap[tag.Key] = tag.Value;
            }

            if (tagMap.TryGetValue("taskType", out var type) && (string?)type == taskType)
            {
                measurements.Enqueue((instrument.Name, value, tagMap));
            }
        }

        List<(string Instrument, double Value, Dictionary<string, object?> Tags)> Of(string name) =>
            [.. measurements.Where(measurement => measurement.Instrument == name)];
    }

    [Fact]
    public async Task A_worker_with_every_slot_busy_counts_the_queue_as_full_instead_of_polling()
    {
        const string taskType = "queue_full";
        var queueFull = 0L;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, meterListener) =>
        {
            if (instrument.Meter.Name == ConductorDiagnostics.MeterName && instrument.Name == "task_execution_queue_full_total")
            {
                meterListener.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "taskType" && (string?)tag.Value == taskType)
                {
                    Interlocked.Add(ref queueFull, value);
                }
            }
        });
        listener.Start();
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        await using var fixture = await StartAsync(
            [Worker(taskType, async (_, cancellationToken) =>
            {
                await gate.Task.WaitAsync(cancellationToken);
                return Output("{}");
            })],
            server => server.Enqueue(taskType, "busy-1"));
        await Eventually.TrueAsync(() => Interlocked.Read(ref queueFull) == 1, "the queue-full count");

        Assert.Single(fixture.Server.Polls);
        gate.SetResult();
        await fixture.WaitForUpdateAsync("busy-1", "COMPLETED");
    }

    [Fact]
    public async Task Each_task_execution_is_one_activity_tagged_with_task_type_and_workflow()
    {
        const string taskType = "traced";
        var activities = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == ConductorDiagnostics.ActivitySourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                if ((string?)activity.GetTagItem("conductor.task.type") == taskType)
                {
                    activities.Enqueue(activity);
                }
            },
        };
        ActivitySource.AddActivityListener(listener);

        await using var fixture = await StartAsync(
            [Worker(taskType, (context, _) => context.TaskId == "traced-bad"
                ? throw new InvalidOperationException("nope")
                : ValueTask.FromResult(Output("{}")))],
            server =>
            {
                server.Enqueue(taskType, "traced-good");
                server.Enqueue(taskType, "traced-bad");
            });
        await Eventually.TrueAsync(() => activities.Count == 2, "two finished activities");

        var good = activities.Single(activity => (string?)activity.GetTagItem("conductor.task.id") == "traced-good");
        var bad = activities.Single(activity => (string?)activity.GetTagItem("conductor.task.id") == "traced-bad");
        Assert.Equal("conductor.task.execute", good.OperationName);
        Assert.Equal("wf-traced-good", good.GetTagItem("conductor.workflow.id"));
        Assert.Equal("COMPLETED", good.GetTagItem("conductor.task.status"));
        Assert.Equal(ActivityStatusCode.Unset, good.Status);
        Assert.Equal("FAILED", bad.GetTagItem("conductor.task.status"));
        Assert.Equal(ActivityStatusCode.Error, bad.Status);
        Assert.Equal("nope", bad.StatusDescription);
    }
}
