using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Conductor.Generated.Tests.Runtime.Infrastructure;
using Xunit.Abstractions;
using static Conductor.Generated.Tests.Runtime.Infrastructure.WorkerHostFixture;

namespace Conductor.Generated.Tests.Faults;

/// <summary>
/// A server that accepts connections and never answers (a hung ingress, a stuck node): a stop
/// (SIGTERM through the Generic Host) must not wait out the grace period for a poll in flight
/// (it is aborted once its poll timeout and a margin have passed), nor warn about running tasks
/// when none run.
/// </summary>
[Collection(FaultInjectionGroup.Name)]
public sealed class HungPollShutdownTests(ITestOutputHelper output)
{
    private const int GracePeriodOverEvent = 14;
    private const int StoppedWithTasksRunningEvent = 15;

    [Fact]
    public async Task A_stop_ends_a_poll_the_server_never_answers_without_waiting_for_the_grace_period()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var requestsReceived = 0;
        var connections = new List<TcpClient>();
        using var stopListening = new CancellationTokenSource();
        var accepting = Task.Run(async () =>
        {
            try
            {
                while (true)
                {
                    var connection = await listener.AcceptTcpClientAsync(stopListening.Token);
                    lock (connections)
                    {
                        connections.Add(connection);
                    }

                    // Read the request, answer nothing, keep the connection open.
                    _ = Task.Run(async () =>
                    {
                        var buffer = new byte[4096];
                        try
                        {
                            if (await connection.GetStream().ReadAsync(buffer, stopListening.Token) > 0)
                            {
                                Interlocked.Increment(ref requestsReceived);
                            }
                        }
                        catch (Exception exception) when (exception is IOException or OperationCanceledException or ObjectDisposedException)
                        {
                            // The client went away, or the test is over.
                        }
                    });
                }
            }
            catch (OperationCanceledException)
            {
                // The test is over.
            }
        });

        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        using var logs = new CapturingLoggerFactory();
        // No client timeout: only the stop may end the poll (a 60 s timeout would otherwise end
        // it within the test's bound whatever the runtime does).
        using var httpClient = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { Timeout = Timeout.InfiniteTimeSpan };
        var host = new ConductorWorkerHost(
            new ConductorWorkerOptions
            {
                ServerUrl = new Uri($"http://127.0.0.1:{port}/api"),
                WorkerId = "hung-poll-worker",
                ShutdownGracePeriod = TimeSpan.FromMinutes(10),
                HttpClient = httpClient,
            },
            [Worker("hung_poll", (_, _) => ValueTask.FromResult(Output("{}")))],
            logs);
        using var giveUp = new CancellationTokenSource();
        try
        {
            await host.StartAsync(CancellationToken.None);
            await Eventually.TrueAsync(() => Volatile.Read(ref requestsReceived) >= 1, "a poll sent to the silent server");

            var stopwatch = Stopwatch.StartNew();
            var stopping = host.StopAsync(giveUp.Token);
            var first = await Task.WhenAny(stopping, Task.Delay(TimeSpan.FromSeconds(60)));
            output.WriteLine($"stopped after {stopwatch.Elapsed.TotalSeconds:F2} s (grace period 600 s)");
            Assert.True(first == stopping, "The stop waited for a poll the server never answers instead of cancelling it.");
            Assert.Empty(logs.WithEventId(GracePeriodOverEvent));
            Assert.Empty(logs.WithEventId(StoppedWithTasksRunningEvent));
        }
        finally
        {
            // Ends the grace period if the stop is still waiting (a failed run), so the test ends.
            await giveUp.CancelAsync();
            await host.DisposeAsync();
            await stopListening.CancelAsync();
            listener.Stop();
            await accepting;
            lock (connections)
            {
                connections.ForEach(connection => connection.Dispose());
            }
        }
    }
}
