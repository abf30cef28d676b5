using System.Collections.Concurrent;
using Conductor.Generated.Tests.Runtime.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static Conductor.Generated.Tests.Runtime.Infrastructure.WorkerHostFixture;

namespace Conductor.Generated.Tests.Services;

/// <summary>
/// The host creates one service scope per task execution when <see cref="ConductorWorkerOptions.Services"/>
/// is set, and disposes it once the worker is done, whatever the outcome, before the result is reported.
/// </summary>
public sealed class TaskServiceScopeTests
{
    private const int ScopeDisposeFailedEvent = 40;

    [Fact]
    public async Task Each_task_gets_one_scope_whose_scoped_services_are_disposed_before_its_result_is_reported()
    {
        const string taskType = "scoped_once";
        var (provider, tracker) = BuildProvider();
        await using var _ = provider;
        var resolvedPerTask = new ConcurrentDictionary<string, (TaskScopedResource First, TaskScopedResource Second)>();
        var disposedWhenReported = new ConcurrentDictionary<string, bool>();
        await using var fixture = await StartAsync(
            [Worker(taskType, (context, _) =>
            {
                var first = context.Services.GetRequiredService<TaskScopedResource>();
                var second = context.Services.GetRequiredService<TaskScopedResource>();
                resolvedPerTask[context.TaskId] = (first, second);
                return ValueTask.FromResult(Output($$"""{"resource":{{first.Id}}}"""));
            })],
            server =>
            {
                server.BeforeUpdate = update =>
                {
                    disposedWhenReported[update.TaskId] = resolvedPerTask[update.TaskId].First.IsDisposed;
                    return Task.CompletedTask;
                };
                server.Enqueue(taskType, "scoped-1");
                server.Enqueue(taskType, "scoped-2");
                server.Enqueue(taskType, "scoped-3");
            },
            options => options.Services = provider);

        foreach (var taskId in new[] { "scoped-1", "scoped-2", "scoped-3" })
        {
            await fixture.WaitForUpdateAsync(taskId, "COMPLETED");
        }

        Assert.Equal(3, tracker.CreatedCount);
        Assert.All(resolvedPerTask.Values, pair => Assert.Same(pair.First, pair.Second));
        Assert.Equal(3, resolvedPerTask.Values.Select(pair => pair.First.Id).Distinct().Count());
        Assert.All(tracker.Created, resource => Assert.Equal(1, resource.DisposeCount));
        Assert.Equal(3, disposedWhenReported.Count);
        Assert.All(disposedWhenReported, entry => Assert.True(entry.Value, $"The scope of {entry.Key} must be disposed before its result is reported."));
    }

    [Fact]
    public async Task Two_tasks_running_at_the_same_time_get_two_scopes()
    {
        const string taskType = "scoped_concurrent";
        var (provider, tracker) = BuildProvider();
        await using var _ = provider;
        var running = new ConcurrentDictionary<string, TaskScopedResource>();
        var bothRunning = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var counted = 0;
        var liveAtOnce = 0;
        await using var fixture = await StartAsync(
            [Worker(
                taskType,
                async (context, cancellationToken) =>
                {
                    running[context.TaskId] = context.Services.GetRequiredService<TaskScopedResource>();
                    // Both workers can see the two entries (each adds before it looks); only the
                    // first to look counts, while neither can have returned. A second count could
                    // come after the first worker has returned and its scope is gone.
                    if (running.Count == 2 && Interlocked.Exchange(ref counted, 1) == 0)
                    {
                        Volatile.Write(ref liveAtOnce, running.Values.Count(resource => !resource.IsDisposed));
                        bothRunning.TrySetResult();
                    }

                    await bothRunning.Task.WaitAsync(cancellationToken);
                    return WorkerResult.CompletedEmpty();
                },
                concurrency: 2)],
            server =>
            {
                server.Enqueue(taskType, "together-1");
                server.Enqueue(taskType, "together-2");
            },
            options => options.Services = provider);

        await fixture.WaitForUpdateAsync("together-1", "COMPLETED");
        await fixture.WaitForUpdateAsync("together-2", "COMPLETED");

        Assert.Equal(2, Volatile.Read(ref liveAtOnce));
        Assert.NotSame(running["together-1"], running["together-2"]);
        Assert.Equal(2, tracker.CreatedCount);
        Assert.Equal(2, tracker.DisposedCount);
    }

    [Fact]
    public async Task The_scope_is_disposed_when_the_worker_throws_or_its_input_cannot_be_bound()
    {
        var (provider, tracker) = BuildProvider();
        await using var _ = provider;
        await using var fixture = await StartAsync(
            [
                Worker("scoped_throws", async (context, _) =>
                {
                    context.Services.GetRequiredService<TaskScopedResource>();
                    await Task.Yield();
                    throw new InvalidOperationException("payment service down");
                }),
                Worker("scoped_non_retryable", (context, _) =>
                {
                    context.Services.GetRequiredService<TaskScopedResource>();
                    throw new NonRetryableException("card declined");
                }),
                Worker("scoped_binding_failure", (context, _) =>
                {
                    context.Services.GetRequiredService<TaskScopedResource>();
                    return ValueTask.FromResult(WorkerResult.InvalidInput("parameter 'amount' (key 'amount'): missing"));
                }),
            ],
            server =>
            {
                server.Enqueue("scoped_throws", "throws-1");
                server.Enqueue("scoped_non_retryable", "terminal-1");
                server.Enqueue("scoped_binding_failure", "binding-1");
            },
            options => options.Services = provider);

        await fixture.WaitForUpdateAsync("throws-1", "FAILED");
        await fixture.WaitForUpdateAsync("terminal-1", "FAILED_WITH_TERMINAL_ERROR");
        await fixture.WaitForUpdateAsync("binding-1", "FAILED_WITH_TERMINAL_ERROR");

        Assert.Equal(3, tracker.CreatedCount);
        Assert.All(tracker.Created, resource => Assert.Equal(1, resource.DisposeCount));
    }

    [Fact]
    public async Task The_scope_is_disposed_when_stopping_cancels_the_worker()
    {
        const string taskType = "scoped_cancelled";
        var (provider, tracker) = BuildProvider();
        await using var _ = provider;
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var fixture = await StartAsync(
            [Worker(taskType, async (context, cancellationToken) =>
            {
                context.Services.GetRequiredService<TaskScopedResource>();
                started.TrySetResult();
                await Task.Delay(Timeout.Infinite, cancellationToken);
                return WorkerResult.CompletedEmpty();
            })],
            server => server.Enqueue(taskType, "cancelled-1"),
            options =>
            {
                options.Services = provider;
                options.ShutdownGracePeriod = TimeSpan.FromMilliseconds(100);
            });
        await Eventually.CompletesAsync(started.Task, "the task running");

        await Eventually.CompletesAsync(fixture.Host.StopAsync(CancellationToken.None), "the host stopped");

        await fixture.WaitForUpdateAsync("cancelled-1", "FAILED");
        var resource = Assert.Single(tracker.Created);
        Assert.Equal(1, resource.DisposeCount);
    }

    [Fact]
    public async Task A_service_that_fails_to_dispose_is_logged_and_the_result_is_still_reported()
    {
        const string taskType = "scoped_bad_dispose";
        var services = new ServiceCollection();
        services.AddScoped<FailingDisposal>();
        await using var provider = services.BuildServiceProvider(validateScopes: true);
        await using var fixture = await StartAsync(
            [Worker(taskType, (context, _) =>
            {
                context.Services.GetRequiredService<FailingDisposal>();
                return ValueTask.FromResult(Output("""{"done":true}"""));
            })],
            server => server.Enqueue(taskType, "bad-dispose-1"),
            options => options.Services = provider);

        await fixture.WaitForUpdateAsync("bad-dispose-1", "COMPLETED");

        var logged = Assert.Single(fixture.Logs.WithEventId(ScopeDisposeFailedEvent));
        Assert.Contains("bad-dispose-1", logged.Message, StringComparison.Ordinal);
        Assert.Equal("connection already closed", logged.Exception?.Message);
    }

    [Fact]
    public async Task A_provider_that_can_no_longer_create_scopes_fails_the_task_and_the_worker_keeps_polling()
    {
        const string taskType = "scoped_disposed_provider";
        var (provider, _) = BuildProvider();
        var calls = 0;
        await using var fixture = await StartAsync(
            [Worker(taskType, (_, _) =>
            {
                Interlocked.Increment(ref calls);
                return ValueTask.FromResult(WorkerResult.CompletedEmpty());
            })],
            configure: options => options.Services = provider);
        await provider.DisposeAsync();

        fixture.Server.Enqueue(taskType, "disposed-1");
        fixture.Server.Enqueue(taskType, "disposed-2");

        await fixture.WaitForUpdateAsync("disposed-1", "FAILED");
        await fixture.WaitForUpdateAsync("disposed-2", "FAILED");
        Assert.Contains("disposed", Assert.Single(fixture.Server.UpdatesOf("disposed-1")).Reason, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(0, calls);
    }

    [Fact]
    public async Task Without_a_service_provider_a_worker_asking_for_services_fails_with_a_message_that_says_how_to_configure_one()
    {
        const string taskType = "no_services";
        await using var fixture = await StartAsync(
            [Worker(taskType, (context, _) =>
            {
                context.Services.GetRequiredService<TaskScopedResource>();
                return ValueTask.FromResult(WorkerResult.CompletedEmpty());
            })],
            server => server.Enqueue(taskType, "no-services-1"));

        await fixture.WaitForUpdateAsync("no-services-1", "FAILED");

        var reason = Assert.Single(fixture.Server.UpdatesOf("no-services-1")).Reason;
        Assert.Contains("'no_services'", reason, StringComparison.Ordinal);
        Assert.Contains("AddConductorWorkers", reason, StringComparison.Ordinal);
    }

    private static (ServiceProvider Provider, ScopeTracker Tracker) BuildProvider()
    {
        var tracker = new ScopeTracker();
        var services = new ServiceCollection();
        services.AddSingleton(tracker);
        services.AddScoped<TaskScopedResource>();
        return (services.BuildServiceProvider(validateScopes: true), tracker);
    }
}
