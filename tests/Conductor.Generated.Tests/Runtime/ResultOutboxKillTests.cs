using System.Diagnostics;
using System.Net;
using Conductor.Generated.Tests.Runtime.Infrastructure;
using Xunit.Abstractions;
using static Conductor.Generated.Tests.Runtime.Infrastructure.WorkerHostFixture;

namespace Conductor.Generated.Tests.Runtime;

/// <summary>The outbox across a worker process killed with SIGKILL (the OutboxProbe program) and a new run.</summary>
public sealed class ResultOutboxKillTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "conductor-outbox-tests", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Fact]
    public async Task Results_of_a_killed_worker_process_are_delivered_by_the_next_run()
    {
        const string taskType = "outbox_killed";
        const int results = 3;
        await using var server = await FakeConductorServer.StartAsync();
        server.UpdateFailure = (_, _) => (HttpStatusCode.ServiceUnavailable, """{"status":503,"message":"down","retryable":true}""");
        for (var index = 1; index <= results; index++)
        {
            server.Enqueue(taskType, $"killed-{index}");
        }

        using (var probe = StartProbe(server.ApiUrl, taskType))
        {
            try
            {
                await Eventually.TrueAsync(
                    () => Enumerable.Range(1, results).All(index => server.UpdatesOf($"killed-{index}").Count >= 1) && ResultFiles().Length == results,
                    "every result written and refused by the server");
            }
            finally
            {
                probe.Kill(entireProcessTree: true); // SIGKILL: no shutdown code runs
                await probe.WaitForExitAsync();
            }
        }

        Assert.Equal(results, ResultFiles().Length);
        Assert.Equal(results, server.TasksOutstanding(taskType));

        // The server is back; a new run on the same directory sends what the killed one left.
        server.UpdateFailure = null;
        await using var nextRun = await StartAsync(
            [Worker(taskType, (_, _) => ValueTask.FromResult(Output("{}")))],
            configure: options => options.ResultOutboxDirectory = _directory,
            server: server);

        await Eventually.TrueAsync(() => server.TasksOutstanding(taskType) == 0, "every result of the killed process accepted");
        await Eventually.TrueAsync(() => ResultFiles().Length == 0, "the outbox emptied");
        for (var index = 1; index <= results; index++)
        {
            var delivered = server.UpdatesOf($"killed-{index}")[^1];
            Assert.Equal("COMPLETED", delivered.Status);
            Assert.Equal("probe", delivered.Output.GetProperty("doneBy").GetString());
            Assert.Equal($"killed-{index}", delivered.Output.GetProperty("taskId").GetString());
            Assert.Equal("outbox-probe", delivered.Body.GetProperty("workerId").GetString());
        }

        output.WriteLine($"results written by the killed process: {results}, delivered by the next run: {results}");
    }

    private Process StartProbe(Uri serverUrl, string taskType)
    {
        var probeAssembly = Path.Combine(AppContext.BaseDirectory, "Conductor.Generated.OutboxProbe.dll");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            ArgumentList = { probeAssembly, serverUrl.ToString(), _directory, taskType },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var probe = Process.Start(start) ?? throw new InvalidOperationException("The outbox probe did not start.");
        probe.OutputDataReceived += (_, line) => output.WriteLine($"probe: {line.Data}");
        probe.ErrorDataReceived += (_, line) => output.WriteLine($"probe error: {line.Data}");
        probe.BeginOutputReadLine();
        probe.BeginErrorReadLine();
        return probe;
    }

    private string[] ResultFiles() =>
        Directory.Exists(_directory) ? Directory.GetFiles(_directory, "*.result.json") : [];
}
