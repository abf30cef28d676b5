using Xunit.Abstractions;

namespace WorkerService.Tests;

/// <summary>
/// The sample run as a process, as a user runs it: it starts its embedded server, fulfils its
/// orders through the hosted workers and stops cleanly on SIGTERM (and by itself with --once).
/// </summary>
public sealed class WorkerServiceProcessTests(ITestOutputHelper output)
{
    /// <summary>Generous: the first JIT start on a slow, shared machine takes a while.</summary>
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(120);

    /// <summary>The workers' grace period is 20 s (appsettings.json); an idle stop is far quicker, this is the bound.</summary>
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task The_sample_fulfils_its_orders_keeps_running_and_exits_with_0_on_SIGTERM()
    {
        using var sample = SampleProcess.Start([], output);

        var summary = await sample.WaitForLineAsync(line => line.StartsWith("Fulfilled ", StringComparison.Ordinal), StartTimeout);
        Assert.Equal("Fulfilled 3 of 3 orders. Scoped OrderLedger instances: 6 created, 6 disposed (one per task).", summary);
        Assert.Equal(3, sample.Lines.Count(line => line.StartsWith("Workflow ", StringComparison.Ordinal) && line.Contains(" COMPLETED: ", StringComparison.Ordinal)));
        // Printed after the summary, so waited for: the process's output is read as it comes.
        var health = await sample.WaitForLineAsync(line => line.StartsWith("Health of the Conductor workers: ", StringComparison.Ordinal), StartTimeout);
        Assert.Equal("Health of the Conductor workers: Healthy", health);
        await sample.WaitForLineAsync(line => line.StartsWith("The workers keep polling", StringComparison.Ordinal), StartTimeout);
        Assert.False(sample.HasExited, "the sample runs until stopped");

        sample.SendSigterm();
        var exitCode = await sample.WaitForExitAsync(StopTimeout);

        Assert.Equal(0, exitCode);
        Assert.Contains(sample.Lines, line => line.Contains("Conductor workers stopped", StringComparison.Ordinal));
        Assert.Equal("Stopped.", sample.Lines.Last(line => line.Length > 0));
    }

    [Fact]
    public async Task With_once_the_sample_exits_with_0_after_its_orders_are_fulfilled()
    {
        using var sample = SampleProcess.Start(["--once"], output);

        var exitCode = await sample.WaitForExitAsync(StartTimeout);

        Assert.Equal(0, exitCode);
        Assert.Contains("Fulfilled 3 of 3 orders. Scoped OrderLedger instances: 6 created, 6 disposed (one per task).", sample.Lines);
        Assert.DoesNotContain(sample.Lines, line => line.StartsWith("fail:", StringComparison.Ordinal));
    }
}
