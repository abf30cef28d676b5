using Conductor.Generated.Tests.Runtime.Infrastructure;
using static Conductor.Generated.Tests.Runtime.Infrastructure.WorkerHostFixture;

namespace Conductor.Generated.Tests.Runtime;

public sealed class WorkerHostSettingsTests
{
    private const int SettingFromEnvironmentEvent = 22;
    private const int WorkerPollingEvent = 2;

    [Fact]
    public async Task Environment_variables_apply_on_top_of_the_overrides_in_code_which_replace_the_worker_s_own()
    {
        const string taskType = "env_layers";
        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["CONDUCTOR_WORKER_ALL_THREAD_COUNT"] = "3",
            ["conductor.worker.env_layers.domain"] = "blue",
            ["CONDUCTOR_WORKER_OTHER_TASK_THREAD_COUNT"] = "9",
        };
        await using var fixture = await StartAsync(
            [Worker(taskType, (_, _) => ValueTask.FromResult(Output("{}")), concurrency: 1)],
            configure: options =>
            {
                options.ReadEnvironmentVariable = name => environment.GetValueOrDefault(name);
                options.WorkerSettingsOverrides[taskType] = new WorkerSettings
                {
                    Concurrency = 2,
                    Domain = "green",
                    PollTimeout = TimeSpan.FromMilliseconds(300),
                    PollInterval = TimeSpan.FromMilliseconds(10),
                };
            });

        await Eventually.TrueAsync(() => fixture.Server.Polls.Count >= 1, "a poll");

        // Nothing is waiting: the long poll asks for one task; the loop says its concurrency.
        var poll = fixture.Server.Polls[0];
        Assert.Equal((1, "blue", 300), (poll.Count, poll.Domain, poll.TimeoutMs));
        Assert.Equal(3, (int)Assert.Single(fixture.Logs.WithEventId(WorkerPollingEvent)).Properties.Single(property => property.Key == "Concurrency").Value!);
        Assert.Equal(
            ["CONDUCTOR_WORKER_ALL_THREAD_COUNT", "conductor.worker.env_layers.domain"],
            fixture.Logs.WithEventId(SettingFromEnvironmentEvent).Select(entry => (string)entry.Properties.Single(property => property.Key == "Variable").Value!));
    }

    [Fact]
    public async Task A_setting_from_the_environment_that_is_out_of_range_stops_the_start()
    {
        await using var server = await FakeConductorServer.StartAsync();
        await using var host = new ConductorWorkerHost(
            new ConductorWorkerOptions
            {
                ServerUrl = server.ApiUrl,
                ReadEnvironmentVariable = name => name == "CONDUCTOR_WORKER_ALL_POLL_TIMEOUT" ? "9000" : null,
            },
            [Worker("env_out_of_range", (_, _) => ValueTask.FromResult(Output("{}")))]);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => host.StartAsync(CancellationToken.None));

        Assert.Contains("'env_out_of_range'", error.Message, StringComparison.Ordinal);
        Assert.Contains("PollTimeout", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_server_url_is_read_through_the_same_environment_reader()
    {
        await using var server = await FakeConductorServer.StartAsync();
        await using var host = new ConductorWorkerHost(
            new ConductorWorkerOptions
            {
                WorkerId = "env-url",
                ReadEnvironmentVariable = name => name == ConductorWorkerOptions.ServerUrlEnvironmentVariable ? server.ApiUrl.ToString() : null,
            },
            [Worker("env_url", (_, _) => ValueTask.FromResult(Output("{}")))]);

        await host.StartAsync(CancellationToken.None);

        await Eventually.TrueAsync(() => server.Polls.Count >= 1, "a poll against the server named by the reader");
    }
}
