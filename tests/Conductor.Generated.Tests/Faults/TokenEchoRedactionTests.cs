using Conductor.Generated.Tests.Runtime.Infrastructure;
using static Conductor.Generated.Tests.Runtime.Infrastructure.WorkerHostFixture;

namespace Conductor.Generated.Tests.Faults;

/// <summary>
/// A token endpoint (or a gateway in front of it) whose error answer echoes the request: the key
/// secret must not reach the logs. Neither may the access token, echoed by other requests.
/// </summary>
[Collection(FaultInjectionGroup.Name)]
public sealed class TokenEchoRedactionTests
{
    private const string KeySecret = "s3cr3t+key/value==";
    private const string SecretStart = "s3cr3t";
    private const int PollFailedEvent = 3;

    [Fact]
    public async Task An_error_body_echoing_the_key_secret_is_logged_without_it()
    {
        await using var gateway = await LoopbackServer.StartAsync((context, request) =>
            LoopbackServer.WriteAsync(context, 400, "application/json", $$"""{"status":400,"message":"Bad request: {{request.Body.Replace("\"", "\\\"", StringComparison.Ordinal)}}","raw":{{request.Body}}}"""));
        using var logs = new CapturingLoggerFactory();
        await using var host = new ConductorWorkerHost(
            new ConductorWorkerOptions
            {
                ServerUrl = new Uri(gateway.Root, "api"),
                WorkerId = "token-echo-worker",
                KeyId = "key-id",
                KeySecret = KeySecret,
                InitialRetryDelay = TimeSpan.FromMilliseconds(20),
                MaxRetryDelay = TimeSpan.FromMilliseconds(100),
            },
            [Worker("token_echo", (_, _) => ValueTask.FromResult(Output("{}")))],
            logs);
        await host.StartAsync(CancellationToken.None);

        await Eventually.TrueAsync(() => logs.WithEventId(PollFailedEvent).Count >= 2, "two failed polls logged");
        await host.StopAsync(CancellationToken.None);

        Assert.Contains(gateway.Requests, request => request.Path == "/api/token" && request.Body.Contains(SecretStart, StringComparison.Ordinal));
        foreach (var entry in logs.Entries)
        {
            // Neither as is nor as escaped in JSON ("+" is sent as \u002B).
            Assert.DoesNotContain(SecretStart, entry.Message, StringComparison.Ordinal);
            Assert.DoesNotContain(SecretStart, entry.Exception?.ToString() ?? "", StringComparison.Ordinal);
            Assert.DoesNotContain(SecretStart, (entry.Exception as Client.ConductorApiException)?.ResponseBody ?? "", StringComparison.Ordinal);
        }

        // The echo is still logged, with the secret masked.
        var failure = logs.WithEventId(PollFailedEvent)[0];
        Assert.Contains("Bad request", failure.Exception!.Message, StringComparison.Ordinal);
        Assert.Contains("***", failure.Exception.Message, StringComparison.Ordinal);
    }
}
