using System.Net;
using Conductor.Generated.Tests.Runtime.Infrastructure;
using Xunit.Abstractions;
using static Conductor.Generated.Tests.Runtime.Infrastructure.WorkerHostFixture;

namespace Conductor.Generated.Tests.Runtime;

public sealed class ResultOutboxTests(ITestOutputHelper output) : IDisposable
{
    private const int ResultLostEvent = 11;
    private const int ResultKeptInOutboxEvent = 28;
    private const int OutboxResultResentEvent = 29;
    private const int OutboxFullEvent = 30;
    private const int OutboxWriteFailedEvent = 31;
    private const int OutboxFileUnreadableEvent = 32;

    private static readonly (HttpStatusCode, string) Unavailable =
        (HttpStatusCode.ServiceUnavailable, """{"status":503,"code":"UNAVAILABLE","message":"down","retryable":true}""");

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "conductor-outbox-tests", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
        else if (File.Exists(_directory))
        {
            File.Delete(_directory);
        }
    }

    [Fact]
    public async Task A_result_is_on_disk_before_it_is_sent_and_gone_once_the_server_has_it()
    {
        const string taskType = "outbox_write_first";
        string[]? filesWhenSent = null;
        await using var fixture = await StartAsync(
            [Worker(taskType, (_, _) => ValueTask.FromResult(Output("""{"kept":"safe"}""")))],
            server =>
            {
                server.UpdateFailure = (_, _) =>
                {
                    filesWhenSent ??= [.. ResultFiles().Select(File.ReadAllText)];
                    return null;
                };
                server.Enqueue(taskType, "written-1");
            },
            WithOutbox);

        await fixture.WaitForUpdateAsync("written-1", "COMPLETED");
        await Eventually.TrueAsync(() => ResultFiles().Length == 0, "the file removed after delivery");

        var stored = Assert.Single(filesWhenSent!);
        Assert.Contains("\"taskId\":\"written-1\"", stored, StringComparison.Ordinal);
        Assert.Contains("\"kept\":\"safe\"", stored, StringComparison.Ordinal);
        Assert.Contains($"\"taskType\":\"{taskType}\"", stored, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Results_not_delivered_before_the_host_stopped_are_sent_first_by_the_next_run()
    {
        const string taskType = "outbox_restart";
        const int results = 5;

        // First run: the server takes no result; the host stops with every result still on disk,
        // as a killed process would leave them.
        await using (var firstRun = await StartAsync(
            [Worker(taskType, (context, _) => ValueTask.FromResult(Output($$"""{"id":"{{context.TaskId}}"}""")), concurrency: results)],
            server =>
            {
                server.UpdateFailure = (_, _) => Unavailable;
                for (var index = 1; index <= results; index++)
                {
                    server.Enqueue(taskType, $"outage-{index}");
                }
            },
            options =>
            {
                WithOutbox(options);
                options.ShutdownGracePeriod = TimeSpan.Zero;
            }))
        {
            await Eventually.TrueAsync(() => Enumerable.Range(1, results).All(index => firstRun.Server.UpdatesOf($"outage-{index}").Count >= 2), "every result refused twice");
            await firstRun.Host.StopAsync(CancellationToken.None);

            Assert.Equal(results, firstRun.Logs.WithEventId(ResultKeptInOutboxEvent).Count);
            Assert.Empty(firstRun.Logs.WithEventId(ResultLostEvent));
            Assert.Equal(results, ResultFiles().Length);
        }

        // Second run, against a server that is back: the leftovers go out before any poll.
        await using var secondRun = await StartAsync(
            [Worker(taskType, (_, _) => ValueTask.FromResult(Output("{}")))],
            server => server.Enqueue(taskType, "fresh-1"),
            WithOutbox);

        await secondRun.WaitForUpdateAsync("fresh-1", "COMPLETED");
        await Eventually.TrueAsync(() => ResultFiles().Length == 0, "the outbox emptied");

        var requests = secondRun.Server.Requests;
        var firstPoll = requests.ToList().FindIndex(request => request.Path.StartsWith("/api/tasks/poll", StringComparison.Ordinal));
        for (var index = 1; index <= results; index++)
        {
            var update = Assert.Single(secondRun.Server.UpdatesOf($"outage-{index}"));
            Assert.Equal("COMPLETED", update.Status);
            Assert.Equal($"outage-{index}", update.Output.GetProperty("id").GetString());
            Assert.Equal("/api/tasks", update.Path);
        }

        var lastLeftover = requests.ToList().FindLastIndex(request => request.Body.Contains("\"outage-", StringComparison.Ordinal));
        Assert.True(lastLeftover < firstPoll, $"The leftovers (last at request {lastLeftover}) should be sent before the first poll (request {firstPoll}).");
        Assert.Equal(results, secondRun.Logs.WithEventId(OutboxResultResentEvent).Count);
        output.WriteLine($"results kept across the restart: {results}, delivered by the second run: {results}, requests before the first poll: {firstPoll}");
    }

    [Fact]
    public async Task A_leftover_the_server_keeps_refusing_does_not_hold_up_polling_and_is_delivered_when_it_can_be()
    {
        const string taskType = "outbox_slow_leftover";
        await using (var firstRun = await StartAsync(
            [Worker(taskType, (_, _) => ValueTask.FromResult(Output("""{"late":true}""")))],
            server =>
            {
                server.UpdateFailure = (_, _) => Unavailable;
                server.Enqueue(taskType, "stubborn-1");
            },
            options =>
            {
                WithOutbox(options);
                options.ShutdownGracePeriod = TimeSpan.Zero;
            }))
        {
            await Eventually.TrueAsync(() => firstRun.Server.UpdatesOf("stubborn-1").Count >= 1, "the result refused");
            await firstRun.Host.StopAsync(CancellationToken.None);
        }

        var refuseLeftover = true;
        await using var secondRun = await StartAsync(
            [Worker(taskType, (_, _) => ValueTask.FromResult(Output("{}")))],
            server =>
            {
                server.UpdateFailure = (update, _) => update.TaskId == "stubborn-1" && Volatile.Read(ref refuseLeftover) ? Unavailable : null;
                server.Enqueue(taskType, "meanwhile-1");
            },
            WithOutbox);

        await secondRun.WaitForUpdateAsync("meanwhile-1", "COMPLETED");
        Assert.Contains(ResultFiles(), file => Path.GetFileName(file).StartsWith("stubborn-1.", StringComparison.Ordinal));

        Volatile.Write(ref refuseLeftover, false);
        await secondRun.WaitForUpdateAsync("stubborn-1", "COMPLETED");
        await Eventually.TrueAsync(() => ResultFiles().Length == 0, "the outbox emptied");
    }

    [Fact]
    public async Task A_leftover_the_server_does_not_answer_delays_polling_only_for_a_bounded_time()
    {
        const string taskType = "outbox_silent_server";
        await using (var firstRun = await StartAsync(
            [Worker(taskType, (_, _) => ValueTask.FromResult(Output("{}")))],
            server =>
            {
                server.UpdateFailure = (_, _) => Unavailable;
                server.Enqueue(taskType, "unanswered-1");
            },
            options =>
            {
                WithOutbox(options);
                options.ShutdownGracePeriod = TimeSpan.Zero;
            }))
        {
            await Eventually.TrueAsync(() => firstRun.Server.UpdatesOf("unanswered-1").Count >= 1, "the result refused");
            await firstRun.Host.StopAsync(CancellationToken.None);
        }

        var answer = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var secondRun = await StartAsync(
            [Worker(taskType, (_, _) => ValueTask.FromResult(Output("{}")))],
            server => server.BeforeUpdate = update => update.TaskId == "unanswered-1" ? answer.Task : Task.CompletedTask,
            WithOutbox);

        // The leftover's request hangs; polling starts anyway (after about 10 seconds).
        await Eventually.TrueAsync(() => secondRun.Server.Polls.Count >= 1, "polling despite the unanswered leftover");
        Assert.False(answer.Task.IsCompleted);

        answer.SetResult();
        await Eventually.TrueAsync(() => ResultFiles().Length == 0, "the leftover delivered once answered");
    }

    [Fact]
    public async Task A_result_that_does_not_fit_in_the_outbox_is_sent_from_memory()
    {
        const string taskType = "outbox_full";
        await using var fixture = await StartAsync(
            [Worker(taskType, (_, _) => ValueTask.FromResult(Output("""{"big":"enough"}""")))],
            server => server.Enqueue(taskType, "too-big-1"),
            options =>
            {
                WithOutbox(options);
                options.ResultOutboxMaxBytes = 16;
            });

        await fixture.WaitForUpdateAsync("too-big-1", "COMPLETED");

        Assert.Single(fixture.Logs.WithEventId(OutboxFullEvent));
        Assert.Empty(ResultFiles());
    }

    [Fact]
    public async Task A_result_that_cannot_be_written_is_sent_from_memory_and_the_host_goes_on()
    {
        const string taskType = "outbox_unwritable";
        await using var fixture = await StartAsync(
            [Worker(taskType, (_, _) => ValueTask.FromResult(Output("{}")))],
            configure: WithOutbox);
        // The directory disappears under the host (a full or failed disk behaves the same way:
        // writing throws an IOException).
        Directory.Delete(_directory, recursive: true);
        await File.WriteAllTextAsync(_directory, "not a directory");

        fixture.Server.Enqueue(taskType, "unwritable-1");
        await fixture.WaitForUpdateAsync("unwritable-1", "COMPLETED");

        var failure = Assert.Single(fixture.Logs.WithEventId(OutboxWriteFailedEvent));
        Assert.IsAssignableFrom<IOException>(failure.Exception);
        fixture.Server.Enqueue(taskType, "unwritable-2");
        await fixture.WaitForUpdateAsync("unwritable-2", "COMPLETED");
    }

    [Fact]
    public async Task A_result_the_server_refuses_for_good_leaves_the_outbox()
    {
        const string taskType = "outbox_rejected";
        await using var fixture = await StartAsync(
            [Worker(taskType, (_, _) => ValueTask.FromResult(Output("{}")))],
            server =>
            {
                server.UpdateFailure = (_, _) => (HttpStatusCode.BadRequest, """{"status":400,"message":"Validation failed","retryable":false}""");
                server.Enqueue(taskType, "refused-1");
            },
            WithOutbox);

        await Eventually.TrueAsync(() => fixture.Logs.WithEventId(10).Count == 1, "the rejection");
        await Eventually.TrueAsync(() => ResultFiles().Length == 0, "the refused result removed");
    }

    [Fact]
    public async Task Broken_files_are_set_aside_and_half_written_ones_removed_at_start()
    {
        Directory.CreateDirectory(_directory);
        var broken = Path.Combine(_directory, "broken.0.result.json");
        var halfWritten = Path.Combine(_directory, "half.0.result.json.tmp");
        await File.WriteAllTextAsync(broken, """{"version":1,"taskType":"x","result":{"taskId":""");
        await File.WriteAllTextAsync(halfWritten, """{"version":1""");

        await using var fixture = await StartAsync([Worker("outbox_broken", (_, _) => ValueTask.FromResult(Output("{}")))], configure: WithOutbox);

        Assert.False(File.Exists(halfWritten));
        Assert.True(File.Exists(broken + ".unreadable"));
        Assert.Contains("broken.0.result.json", Assert.Single(fixture.Logs.WithEventId(OutboxFileUnreadableEvent)).Message, StringComparison.Ordinal);
        await Eventually.TrueAsync(() => fixture.Server.Polls.Count >= 1, "polling despite the broken file");
    }

    [Fact]
    public async Task An_outbox_path_that_is_a_file_stops_the_start()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(_directory)!);
        await File.WriteAllTextAsync(_directory, "a file");
        await using var server = await FakeConductorServer.StartAsync();
        await using var host = new ConductorWorkerHost(
            new ConductorWorkerOptions { ServerUrl = server.ApiUrl, ResultOutboxDirectory = _directory },
            [Worker("outbox_bad_path", (_, _) => ValueTask.FromResult(Output("{}")))]);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => host.StartAsync(CancellationToken.None));

        Assert.Contains(_directory, error.Message, StringComparison.Ordinal);
    }

    private void WithOutbox(ConductorWorkerOptions options) => options.ResultOutboxDirectory = _directory;

    private string[] ResultFiles() =>
        Directory.Exists(_directory) ? Directory.GetFiles(_directory, "*.result.json") : [];
}
