namespace Conductor.Generated.Tests.Faults;

/// <summary>
/// Workers for the shutdown test: one kind finishes within the grace period, one stops when its
/// token is cancelled, one ignores cancellation. Each counts its starts, so the test can stop the
/// host once every task is running.
/// </summary>
public static class ShutdownWorkers
{
    public const string Quick = "faults_shutdown_quick";
    public const string Cooperative = "faults_shutdown_cooperative";
    public const string Stubborn = "faults_shutdown_stubborn";

    /// <summary>How long the quick worker works: well inside the test's grace period.</summary>
    public static readonly TimeSpan QuickWork = TimeSpan.FromSeconds(1);

    /// <summary>How long the stubborn worker works, ignoring its token: past the grace period and the host's last wait.</summary>
    public static readonly TimeSpan StubbornWork = TimeSpan.FromSeconds(10);

    private static int s_started;

    public static int Started => Volatile.Read(ref s_started);

    [WorkerTask(Quick, Concurrency = 8)]
    public static async Task<ShutdownAnswer> QuickWorker(int n)
    {
        Interlocked.Increment(ref s_started);
        // Deliberately deaf to the token: the grace period exists for exactly this work.
        await Task.Delay(QuickWork, CancellationToken.None);
        return new ShutdownAnswer(n * 10);
    }

    [WorkerTask(Cooperative, Concurrency = 4)]
    public static async Task<ShutdownAnswer> CooperativeWorker(int n, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref s_started);
        await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
        return new ShutdownAnswer(n);
    }

    [WorkerTask(Stubborn, Concurrency = 2)]
    public static async Task<ShutdownAnswer> StubbornWorker(int n)
    {
        Interlocked.Increment(ref s_started);
        await Task.Delay(StubbornWork, CancellationToken.None);
        return new ShutdownAnswer(n);
    }
}

public sealed record ShutdownAnswer(int Value);
