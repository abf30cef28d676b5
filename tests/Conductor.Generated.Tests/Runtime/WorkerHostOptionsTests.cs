using Conductor.Generated.Tests.Runtime.Infrastructure;
using static Conductor.Generated.Tests.Runtime.Infrastructure.WorkerHostFixture;

namespace Conductor.Generated.Tests.Runtime;

public sealed class WorkerHostOptionsTests
{
    private static readonly WorkerInvoker Succeed = (_, _) => ValueTask.FromResult(Output("{}"));

    [Fact]
    public void Server_url_set_in_the_options_wins_over_the_environment()
    {
        var options = new ConductorWorkerOptions { ServerUrl = new Uri("http://from-options:1/api") };

        var url = options.ResolveServerUrl(_ => "http://from-environment:2/api");

        Assert.Equal(new Uri("http://from-options:1/api"), url);
    }

    [Fact]
    public void Server_url_defaults_to_the_conductor_server_url_environment_variable()
    {
        string? askedFor = null;

        var url = new ConductorWorkerOptions().ResolveServerUrl(name =>
        {
            askedFor = name;
            return " http://from-environment:2/api ";
        });

        Assert.Equal("CONDUCTOR_SERVER_URL", askedFor);
        Assert.Equal(new Uri("http://from-environment:2/api"), url);
    }

    [Fact]
    public void Missing_server_url_is_an_error_naming_the_option_the_environment_variable_and_the_configuration_key()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new ConductorWorkerOptions().ResolveServerUrl(_ => null));

        Assert.StartsWith("No Conductor server URL:", error.Message, StringComparison.Ordinal);
        Assert.Contains("ConductorWorkerOptions.ServerUrl", error.Message, StringComparison.Ordinal);
        Assert.Contains("CONDUCTOR_SERVER_URL", error.Message, StringComparison.Ordinal);
        // What a hosted app that lost its appsettings.json in a publish folder needs to hear.
        Assert.Contains("configuration key Conductor:ServerUrl", error.Message, StringComparison.Ordinal);
        Assert.Contains("appsettings.json", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Server_url_environment_variable_that_is_not_a_url_is_an_error_quoting_it()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new ConductorWorkerOptions().ResolveServerUrl(_ => "conductor:8080/api"));

        Assert.Contains("CONDUCTOR_SERVER_URL", error.Message, StringComparison.Ordinal);
        Assert.Contains("'conductor:8080/api'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://conductor:8080/api/api")]
    [InlineData("http://conductor:8080/api/api/")]
    [InlineData("http://conductor:8080/conductor/API/api")]
    public void Server_url_in_the_options_with_api_twice_is_an_error_naming_the_setting_and_the_value(string serverUrl)
    {
        var options = new ConductorWorkerOptions { ServerUrl = new Uri(serverUrl) };

        var error = Assert.Throws<InvalidOperationException>(() => options.ResolveServerUrl(_ => null));

        Assert.StartsWith($"ConductorWorkerOptions.ServerUrl (in a Generic Host, the configuration key Conductor:ServerUrl) has /api twice: '{new Uri(serverUrl)}'.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Server_url_environment_variable_with_api_twice_is_an_error_naming_it_and_the_value()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new ConductorWorkerOptions().ResolveServerUrl(_ => "http://conductor:8080/api/api"));

        Assert.StartsWith("The CONDUCTOR_SERVER_URL environment variable has /api twice: 'http://conductor:8080/api/api'.", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://conductor:8080/api")]
    [InlineData("http://conductor:8080/")]
    [InlineData("http://api:8080/api")]
    [InlineData("http://conductor:8080/api/apis")]
    public void Server_url_with_api_once_is_accepted(string serverUrl)
    {
        var options = new ConductorWorkerOptions { ServerUrl = new Uri(serverUrl) };

        Assert.Equal(new Uri(serverUrl), options.ResolveServerUrl(_ => null));
    }

    [Fact]
    public void Worker_id_defaults_to_the_host_name()
    {
        Assert.Equal(Environment.MachineName, new ConductorWorkerOptions().ResolveWorkerId());
        Assert.Equal("explicit", new ConductorWorkerOptions { WorkerId = "explicit" }.ResolveWorkerId());
    }

    [Fact]
    public async Task Host_started_without_a_server_url_polls_the_server_named_by_conductor_server_url()
    {
        await using var server = await FakeConductorServer.StartAsync();
        server.Enqueue("from_environment", "env-1");
        var previous = Environment.GetEnvironmentVariable(ConductorWorkerOptions.ServerUrlEnvironmentVariable);
        Environment.SetEnvironmentVariable(ConductorWorkerOptions.ServerUrlEnvironmentVariable, server.ApiUrl.ToString());
        try
        {
            await using var host = new ConductorWorkerHost(new ConductorWorkerOptions(), [Worker("from_environment", Succeed)]);
            await host.StartAsync(CancellationToken.None);

            await Eventually.TrueAsync(() => server.UpdatesOf("env-1").Count == 1, "the task done via the environment's server");
            Assert.Equal(Environment.MachineName, server.Polls[0].WorkerId);
        }
        finally
        {
            Environment.SetEnvironmentVariable(ConductorWorkerOptions.ServerUrlEnvironmentVariable, previous);
        }
    }

    public static TheoryData<string, Action<ConductorWorkerOptions>, WorkerDefinition[], string> InvalidSetups => new()
    {
        { "no workers", _ => { }, [], "No workers" },
        { "duplicate task", _ => { }, [Worker("twice", Succeed), Worker("twice", Succeed)], "Two workers poll for task 'twice'" },
        { "zero concurrency", _ => { }, [new WorkerDefinition("lazy", Succeed, new WorkerSettings { Concurrency = 0 })], "Worker 'lazy': Concurrency" },
        { "poll timeout above 5 s", _ => { }, [new WorkerDefinition("patient", Succeed, new WorkerSettings { PollTimeout = TimeSpan.FromSeconds(6) })], "Worker 'patient': PollTimeout" },
        { "override of an unknown task", options => options.WorkerSettingsOverrides["typo"] = new WorkerSettings(), [Worker("real", Succeed)], "names task 'typo'" },
        { "invalid override", options => options.WorkerSettingsOverrides["real"] = new WorkerSettings { Concurrency = -1 }, [Worker("real", Succeed)], "Worker 'real': Concurrency" },
        { "negative grace period", options => options.ShutdownGracePeriod = TimeSpan.FromSeconds(-1), [Worker("real", Succeed)], "ShutdownGracePeriod" },
        { "blank worker id", options => options.WorkerId = "  ", [Worker("real", Succeed)], "WorkerId" },
        { "retry delays reversed", options => options.MaxRetryDelay = TimeSpan.FromMilliseconds(1), [Worker("real", Succeed)], "MaxRetryDelay" },
        { "api twice in the server URL", options => options.ServerUrl = new Uri("http://127.0.0.1:9/api/api"), [Worker("real", Succeed)], "has /api twice: 'http://127.0.0.1:9/api/api'" },
    };

    [Theory]
    [MemberData(nameof(InvalidSetups))]
    public async Task Invalid_setup_fails_at_start_with_a_message_naming_the_problem(string setup, Action<ConductorWorkerOptions> configure, WorkerDefinition[] workers, string expectedMessage)
    {
        var options = new ConductorWorkerOptions { ServerUrl = new Uri("http://127.0.0.1:9/api") };
        configure(options);
        await using var host = new ConductorWorkerHost(options, workers);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => host.StartAsync(CancellationToken.None));

        Assert.True(error.Message.Contains(expectedMessage, StringComparison.Ordinal), $"{setup}: unexpected message '{error.Message}'");
    }
}
