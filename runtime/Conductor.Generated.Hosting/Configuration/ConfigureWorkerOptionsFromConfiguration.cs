using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Conductor.Generated.Hosting.Configuration;

/// <summary>
/// Applies the <c>Conductor</c> configuration section to <see cref="ConductorWorkerOptions"/>.
/// It is registered before any code's configure action, so code set in
/// <c>AddConductorWorkers(..., configure)</c> wins over configuration; options left unset fall
/// back to the runtime's environment variables and defaults.
/// </summary>
internal sealed class ConfigureWorkerOptionsFromConfiguration(IConfiguration? configuration, ConductorWorkerRegistry registry)
    : IConfigureOptions<ConductorWorkerOptions>
{
    public void Configure(ConductorWorkerOptions options)
    {
        if (configuration is null)
        {
            return;
        }

        var section = configuration.GetSection(ConductorSection.Name);
        var bound = new ConductorSection();
        // A misspelt key (Conductor:Workers:greet:Concurency) fails at start rather than being
        // ignored, with a message naming it and the closest key there is; the binder's own check
        // stays behind it for whatever the walk does not cover.
        UnknownKeys.Check(section);
        section.Bind(bound, binder => binder.ErrorOnUnknownConfiguration = true);

        if (bound.ServerUrl is { } serverUrl)
        {
            options.ServerUrl = ParseServerUrl(serverUrl);
        }

        options.KeyId = bound.KeyId ?? options.KeyId;
        options.KeySecret = bound.KeySecret ?? options.KeySecret;
        options.WorkerId = bound.WorkerId ?? options.WorkerId;
        options.ShutdownGracePeriod = bound.ShutdownGracePeriod ?? options.ShutdownGracePeriod;
        options.TokenRefreshInterval = bound.TokenRefreshInterval ?? options.TokenRefreshInterval;
        options.ResultOutboxDirectory = bound.ResultOutboxDirectory ?? options.ResultOutboxDirectory;
        options.ResultOutboxMaxBytes = bound.ResultOutboxMaxBytes ?? options.ResultOutboxMaxBytes;
        options.TaskOutputPayloadThresholdKilobytes = bound.TaskOutputPayloadThresholdKilobytes ?? options.TaskOutputPayloadThresholdKilobytes;
        options.TaskOutputMaxPayloadKilobytes = bound.TaskOutputMaxPayloadKilobytes ?? options.TaskOutputMaxPayloadKilobytes;
        options.InitialRetryDelay = bound.InitialRetryDelay ?? options.InitialRetryDelay;
        options.MaxRetryDelay = bound.MaxRetryDelay ?? options.MaxRetryDelay;
        options.QueueDepthInterval = bound.QueueDepthInterval ?? options.QueueDepthInterval;
        options.SummaryInterval = bound.SummaryInterval ?? options.SummaryInterval;
        options.RegisterTaskDefinitions = bound.RegisterTaskDefinitions ?? options.RegisterTaskDefinitions;
        options.MaxResponseBodyBytes = bound.MaxResponseBodyBytes ?? options.MaxResponseBodyBytes;

        foreach (var (taskName, workerSection) in bound.Workers)
        {
            var worker = registry.Find(taskName)
                ?? throw new InvalidOperationException(
                    $"The configuration key {ConductorSection.Name}:Workers:{taskName} names a task that no worker polls for. Known tasks: {string.Join(", ", registry.Workers.Select(known => known.TaskName))}.");
            options.WorkerSettingsOverrides[worker.TaskName] = workerSection.ApplyTo(worker.Settings);
        }
    }

    private static Uri ParseServerUrl(string text) =>
        Uri.TryCreate(text.Trim(), UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps)
            ? url
            : throw new InvalidOperationException(
                $"The configuration key {ConductorSection.Name}:ServerUrl is not an absolute http or https URL: '{text}'. Expected something like http://localhost:8080/api.");
}
