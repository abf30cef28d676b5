using Conductor.Generated.Configuration;

namespace Conductor.Generated.Tests.Runtime;

public sealed class EnvironmentWorkerSettingsTests
{
    private static readonly WorkerSettings CodeSettings = new()
    {
        Concurrency = 2,
        PollInterval = TimeSpan.FromMilliseconds(100),
        PollTimeout = TimeSpan.FromMilliseconds(1000),
        Domain = "from-code",
    };

    [Theory]
    [InlineData("conductor.worker.send_email.pollInterval", "250")]
    [InlineData("CONDUCTOR_WORKER_SEND_EMAIL_POLL_INTERVAL", "250")]
    [InlineData("conductor.worker.all.pollInterval", "250")]
    [InlineData("CONDUCTOR_WORKER_ALL_POLL_INTERVAL", "250")]
    [InlineData("CONDUCTOR_WORKER_ALL_POLL_INTERVAL_MILLIS", "250")]
    [InlineData("conductor.worker.send_email.pollIntervalMillis", "250")]
    public void Every_spelling_of_the_poll_interval_is_read(string variable, string value)
    {
        var settings = Apply("send_email", (variable, value));

        Assert.Equal(TimeSpan.FromMilliseconds(250), settings.PollInterval);
        Assert.Equal(CodeSettings with { PollInterval = TimeSpan.FromMilliseconds(250) }, settings);
    }

    [Fact]
    public void Each_property_is_read_with_its_own_type()
    {
        var settings = Apply(
            "send_email",
            ("CONDUCTOR_WORKER_SEND_EMAIL_THREAD_COUNT", "7"),
            ("conductor.worker.send_email.pollTimeout", "4000"),
            ("CONDUCTOR_WORKER_SEND_EMAIL_DOMAIN", "blue"),
            ("conductor.worker.send_email.paused", "true"));

        Assert.Equal(new WorkerSettings
        {
            Concurrency = 7,
            PollInterval = TimeSpan.FromMilliseconds(100),
            PollTimeout = TimeSpan.FromMilliseconds(4000),
            Domain = "blue",
            Paused = true,
        }, settings);
    }

    [Theory]
    [InlineData("conductor.worker.all.concurrency")]
    [InlineData("CONDUCTOR_WORKER_ALL_CONCURRENCY")]
    [InlineData("conductor.worker.all.threadCount")]
    public void Concurrency_is_read_under_its_name_and_as_thread_count(string variable)
    {
        Assert.Equal(9, Apply("send_email", (variable, "9")).Concurrency);
    }

    [Theory]
    [InlineData("CONDUCTOR_WORKER_ALL_LEASE_EXTEND_ENABLED")]
    [InlineData("conductor.worker.send_email.leaseExtendEnabled")]
    [InlineData("CONDUCTOR_WORKER_SEND_EMAIL_LEASE_EXTENSION")]
    public void Lease_extension_is_read_under_the_other_SDKs_name_and_its_own(string variable)
    {
        Assert.True(Apply("send_email", (variable, "true")).LeaseExtension);
    }

    [Fact]
    public void The_worker_s_own_variables_beat_those_for_all_workers_which_beat_the_code()
    {
        var settings = Apply(
            "send_email",
            ("CONDUCTOR_WORKER_ALL_THREAD_COUNT", "5"),
            ("CONDUCTOR_WORKER_ALL_DOMAIN", "all-domain"),
            ("conductor.worker.send_email.domain", "own-domain"));

        Assert.Equal(5, settings.Concurrency);
        Assert.Equal("own-domain", settings.Domain);
        Assert.Equal(CodeSettings.PollInterval, settings.PollInterval);
    }

    [Fact]
    public void Within_one_level_the_dotted_spelling_beats_the_upper_case_one()
    {
        var settings = Apply(
            "send_email",
            ("CONDUCTOR_WORKER_SEND_EMAIL_DOMAIN", "upper"),
            ("conductor.worker.send_email.domain", "dotted"));

        Assert.Equal("dotted", settings.Domain);
    }

    [Fact]
    public void Another_worker_s_variables_are_ignored()
    {
        Assert.Same(CodeSettings, EnvironmentWorkerSettings.Apply("send_email", CodeSettings, Environment(("CONDUCTOR_WORKER_CHARGE_CARD_THREAD_COUNT", "4"))));
    }

    [Theory]
    [InlineData("send-email", "CONDUCTOR_WORKER_SEND_EMAIL_THREAD_COUNT")]
    [InlineData("sendEmail", "CONDUCTOR_WORKER_SENDEMAIL_THREAD_COUNT")]
    [InlineData("v2.task", "CONDUCTOR_WORKER_V2_TASK_THREAD_COUNT")]
    public void Task_names_are_upper_cased_with_other_characters_as_underscores(string taskName, string variable)
    {
        Assert.Equal(3, Apply(taskName, (variable, "3")).Concurrency);
    }

    [Fact]
    public void An_empty_domain_means_no_domain()
    {
        Assert.Null(Apply("send_email", ("conductor.worker.send_email.domain", "")).Domain);
    }

    [Theory]
    [InlineData("CONDUCTOR_WORKER_ALL_THREAD_COUNT", "many")]
    [InlineData("conductor.worker.send_email.pollInterval", "1.5s")]
    [InlineData("CONDUCTOR_WORKER_SEND_EMAIL_PAUSED", "maybe")]
    public void A_value_that_cannot_be_read_fails_naming_the_worker_and_the_variable(string variable, string value)
    {
        var error = Assert.Throws<InvalidOperationException>(() => Apply("send_email", (variable, value)));

        Assert.Contains("'send_email'", error.Message, StringComparison.Ordinal);
        Assert.Contains(variable, error.Message, StringComparison.Ordinal);
        Assert.Contains(value, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Each_variable_used_is_reported_with_the_canonical_property_name()
    {
        var applied = new List<(string Property, string Variable)>();
        EnvironmentWorkerSettings.Apply(
            "send_email",
            CodeSettings,
            Environment(("CONDUCTOR_WORKER_ALL_CONCURRENCY", "4"), ("conductor.worker.send_email.paused", "false")),
            (property, variable) => applied.Add((property, variable)));

        Assert.Equal([("threadCount", "CONDUCTOR_WORKER_ALL_CONCURRENCY"), ("paused", "conductor.worker.send_email.paused")], applied);
    }

    private static WorkerSettings Apply(string taskName, params (string Name, string Value)[] variables) =>
        EnvironmentWorkerSettings.Apply(taskName, CodeSettings, Environment(variables));

    private static Func<string, string?> Environment(params (string Name, string Value)[] variables)
    {
        var values = variables.ToDictionary(variable => variable.Name, variable => variable.Value, StringComparer.Ordinal);
        return name => values.GetValueOrDefault(name);
    }
}
