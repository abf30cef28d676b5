using System.Text.Json.Nodes;
using Conductor.Generated.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using static Conductor.Generated.Hosting.Tests.Infrastructure.TestHosts;

namespace Conductor.Generated.Hosting.Tests;

/// <summary>Settings from the "Conductor" configuration section, and code winning over them.</summary>
public sealed class ConfigurationTests
{
    [Fact]
    public void Every_option_of_the_Conductor_section_reaches_the_worker_options()
    {
        var builder = CreateBuilder(
        [
            new("Conductor:ServerUrl", "http://127.0.0.1:8080/api"),
            new("Conductor:KeyId", "key-id"),
            new("Conductor:KeySecret", "key-secret"),
            new("Conductor:WorkerId", "worker-from-configuration"),
            new("Conductor:ShutdownGracePeriod", "00:00:07"),
            new("Conductor:TokenRefreshInterval", "00:20:00"),
            new("Conductor:ResultOutboxDirectory", "outbox"),
            new("Conductor:ResultOutboxMaxBytes", "1048576"),
            new("Conductor:TaskOutputPayloadThresholdKilobytes", "512"),
            new("Conductor:TaskOutputMaxPayloadKilobytes", "4096"),
            new("Conductor:InitialRetryDelay", "00:00:00.250"),
            new("Conductor:MaxRetryDelay", "00:00:03"),
            new("Conductor:QueueDepthInterval", "00:00:45"),
        ]);
        builder.AddConductorWorkers([ConductorWorkers.Greet]);
        using var host = builder.Build();

        var options = host.Services.GetRequiredService<IOptions<ConductorWorkerOptions>>().Value;

        Assert.Equal(new Uri("http://127.0.0.1:8080/api"), options.ServerUrl);
        Assert.Equal("key-id", options.KeyId);
        Assert.Equal("key-secret", options.KeySecret);
        Assert.Equal("worker-from-configuration", options.WorkerId);
        Assert.Equal(TimeSpan.FromSeconds(7), options.ShutdownGracePeriod);
        Assert.Equal(TimeSpan.FromMinutes(20), options.TokenRefreshInterval);
        Assert.Equal("outbox", options.ResultOutboxDirectory);
        Assert.Equal(1048576, options.ResultOutboxMaxBytes);
        Assert.Equal(512, options.TaskOutputPayloadThresholdKilobytes);
        Assert.Equal(4096, options.TaskOutputMaxPayloadKilobytes);
        Assert.Equal(TimeSpan.FromMilliseconds(250), options.InitialRetryDelay);
        Assert.Equal(TimeSpan.FromSeconds(3), options.MaxRetryDelay);
        Assert.Equal(TimeSpan.FromSeconds(45), options.QueueDepthInterval);
        // The host's own root container: task scopes and metrics come from it.
        Assert.Same(host.Services.GetRequiredService<ConductorWorkerHost>(), options.Services!.GetRequiredService<ConductorWorkerHost>());
        Assert.Same(host.Services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(), options.MeterFactory);
    }

    [Fact]
    public async Task Worker_settings_from_configuration_replace_the_attribute_ones_they_name_and_keep_the_others()
    {
        await using var server = await StartServerAsync("hosting_greet", "hosting_scoped");
        var builder = CreateBuilder(
        [
            new("Conductor:ServerUrl", server.ApiUrl.AbsoluteUri),
            new("Conductor:Workers:hosting_greet:Concurrency", "3"),
            new("Conductor:Workers:hosting_greet:PollInterval", "00:00:00.050"),
            new("Conductor:Workers:hosting_greet:PollTimeout", "00:00:00.200"),
            new("Conductor:Workers:hosting_greet:Domain", "blue"),
            new("Conductor:Workers:hosting_greet:LeaseExtension", "true"),
        ]);
        builder.Services.AddTestWorkerServices();
        builder.AddConductorWorkers([ConductorWorkers.Greet, ConductorWorkers.UseScopedResource]);
        using var host = builder.Build();

        await host.StartAsync();
        var statuses = host.Services.GetRequiredService<ConductorWorkerHost>().GetWorkerStatuses().ToDictionary(status => status.TaskName);
        var greet = server.EnqueueTask("hosting_greet", new JsonObject { ["name"] = "Ada" }, domain: "blue");
        var greeted = await server.WaitForWorkflowAsync(greet.WorkflowInstanceId, TestTimeout);
        await host.StopAsync();

        Assert.Equal(
            new WorkerSettings
            {
                Concurrency = 3,
                PollInterval = TimeSpan.FromMilliseconds(50),
                PollTimeout = TimeSpan.FromMilliseconds(200),
                Domain = "blue",
                LeaseExtension = true,
            },
            statuses["hosting_greet"].Settings);
        // A worker the section does not name keeps its attribute's settings (Concurrency = 4).
        Assert.Equal(ConductorWorkers.UseScopedResource.Settings, statuses["hosting_scoped"].Settings);
        // The domain from configuration is the one polled.
        Assert.Equal(WorkflowStatus.Completed, greeted.Status);
    }

    [Fact]
    public void Code_in_the_configure_action_wins_over_configuration()
    {
        var builder = CreateBuilder(
        [
            new("Conductor:ServerUrl", "http://127.0.0.1:1/api"),
            new("Conductor:WorkerId", "from-configuration"),
            new("Conductor:ShutdownGracePeriod", "00:00:09"),
        ]);
        builder.AddConductorWorkers([ConductorWorkers.Greet], options =>
        {
            options.ServerUrl = new Uri("http://127.0.0.1:2/api");
            options.WorkerId = "from-code";
        });
        using var host = builder.Build();

        var options = host.Services.GetRequiredService<IOptions<ConductorWorkerOptions>>().Value;

        Assert.Equal(new Uri("http://127.0.0.1:2/api"), options.ServerUrl);
        Assert.Equal("from-code", options.WorkerId);
        // What code leaves alone still comes from configuration.
        Assert.Equal(TimeSpan.FromSeconds(9), options.ShutdownGracePeriod);
    }

    [Fact]
    public void Code_registered_before_AddConductorWorkers_still_wins_over_configuration()
    {
        var builder = CreateBuilder([new("Conductor:WorkerId", "from-configuration")]);
        builder.Services.Configure<ConductorWorkerOptions>(options => options.WorkerId = "from-code");
        builder.AddConductorWorkers([ConductorWorkers.Greet]);
        using var host = builder.Build();

        var options = host.Services.GetRequiredService<IOptions<ConductorWorkerOptions>>().Value;

        Assert.Equal("from-code", options.WorkerId);
    }

    [Fact]
    public void A_worker_override_in_code_wins_over_the_worker_section()
    {
        var builder = CreateBuilder([new("Conductor:Workers:hosting_greet:Concurrency", "3")]);
        builder.AddConductorWorkers([ConductorWorkers.Greet], options =>
            options.WorkerSettingsOverrides["hosting_greet"] = options.WorkerSettingsOverrides["hosting_greet"] with { Concurrency = 5 });
        using var host = builder.Build();

        var options = host.Services.GetRequiredService<IOptions<ConductorWorkerOptions>>().Value;

        Assert.Equal(5, options.WorkerSettingsOverrides["hosting_greet"].Concurrency);
    }

    [Fact]
    public void Configuration_keys_match_task_names_ignoring_case_as_configuration_does()
    {
        var builder = CreateBuilder([new("Conductor:Workers:HOSTING_GREET:Concurrency", "2")]);
        builder.AddConductorWorkers([ConductorWorkers.Greet]);
        using var host = builder.Build();

        var options = host.Services.GetRequiredService<IOptions<ConductorWorkerOptions>>().Value;

        Assert.Equal(2, options.WorkerSettingsOverrides["hosting_greet"].Concurrency);
    }

    [Fact]
    public void A_worker_section_for_a_task_no_worker_polls_fails_naming_the_key()
    {
        var builder = CreateBuilder([new("Conductor:Workers:hosting_gret:Concurrency", "2")]);
        builder.AddConductorWorkers([ConductorWorkers.Greet]);
        using var host = builder.Build();

        var error = Assert.Throws<InvalidOperationException>(() => host.Services.GetRequiredService<IOptions<ConductorWorkerOptions>>().Value);

        Assert.Contains("Conductor:Workers:hosting_gret", error.Message, StringComparison.Ordinal);
        Assert.Contains("hosting_greet", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_misspelt_worker_key_fails_naming_its_path_and_the_closest_valid_key()
    {
        var builder = CreateBuilder([new("Conductor:Workers:hosting_greet:Concurency", "2")]);
        builder.AddConductorWorkers([ConductorWorkers.Greet]);
        using var host = builder.Build();

        var error = Assert.Throws<InvalidOperationException>(() => host.Services.GetRequiredService<IOptions<ConductorWorkerOptions>>().Value);

        Assert.Equal(
            "The configuration key Conductor:Workers:hosting_greet:Concurency sets nothing: Conductor:Workers:hosting_greet has no setting 'Concurency'. "
            + "Did you mean Concurrency (Conductor:Workers:hosting_greet:Concurrency)? "
            + "The settings of Conductor:Workers:hosting_greet are: Concurrency, PollInterval, PollTimeout, Domain, Paused, LeaseExtension.",
            error.Message);
    }

    [Theory]
    [InlineData("Conductor:ServerUlr", "ServerUrl")]
    [InlineData("Conductor:GracePeriod", null)]
    [InlineData("Conductor:shutdowngraceperoid", "ShutdownGracePeriod")]
    [InlineData("Conductor:Worker:hosting_greet:Concurrency", "Workers")]
    public void A_misspelt_top_level_key_fails_naming_it_and_the_closest_valid_key_if_there_is_one(string key, string? closest)
    {
        var builder = CreateBuilder([new(key, "1")]);
        builder.AddConductorWorkers([ConductorWorkers.Greet]);
        using var host = builder.Build();

        var error = Assert.Throws<InvalidOperationException>(() => host.Services.GetRequiredService<IOptions<ConductorWorkerOptions>>().Value);

        var typo = key.Split(':')[1];
        Assert.StartsWith($"The configuration key Conductor:{typo} sets nothing: Conductor has no setting '{typo}'.", error.Message, StringComparison.Ordinal);
        if (closest is null)
        {
            Assert.DoesNotContain("Did you mean", error.Message, StringComparison.Ordinal);
        }
        else
        {
            Assert.Contains($"Did you mean {closest} (Conductor:{closest})?", error.Message, StringComparison.Ordinal);
        }

        Assert.Contains("ServerUrl, KeyId, KeySecret, WorkerId, ShutdownGracePeriod", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_summary_interval_task_definition_registration_and_answer_limit_come_from_configuration_too()
    {
        var builder = CreateBuilder(
        [
            new("Conductor:SummaryInterval", "00:00:00"),
            new("Conductor:RegisterTaskDefinitions", "true"),
            new("Conductor:MaxResponseBodyBytes", "1048576"),
        ]);
        builder.AddConductorWorkers([ConductorWorkers.Greet]);
        using var host = builder.Build();

        var options = host.Services.GetRequiredService<IOptions<ConductorWorkerOptions>>().Value;

        Assert.Equal(TimeSpan.Zero, options.SummaryInterval);
        Assert.True(options.RegisterTaskDefinitions);
        Assert.Equal(1048576, options.MaxResponseBodyBytes);
    }

    [Fact]
    public async Task A_server_url_that_is_not_http_fails_the_start_naming_the_key()
    {
        var builder = CreateBuilder([new("Conductor:ServerUrl", "localhost:8080")]);
        builder.AddConductorWorkers([ConductorWorkers.Greet]);
        builder.Services.AddTestWorkerServices();
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => host.StartAsync());

        Assert.Contains("Conductor:ServerUrl", error.Message, StringComparison.Ordinal);
    }
}
