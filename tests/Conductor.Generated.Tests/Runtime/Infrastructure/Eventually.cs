namespace Conductor.Generated.Tests.Runtime.Infrastructure;

/// <summary>Waits for a condition by polling it, with a generous timeout for slow, shared machines.</summary>
internal static class Eventually
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    public static async Task TrueAsync(Func<bool> condition, string whatWeAreWaitingFor, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? DefaultTimeout);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out waiting for: {whatWeAreWaitingFor}");
            }

            await Task.Delay(20);
        }
    }

    /// <summary>Waits for <paramref name="task"/> to finish, failing the test if it takes longer than the timeout.</summary>
    public static async Task CompletesAsync(Task task, string what, TimeSpan? timeout = null)
    {
        try
        {
            await task.WaitAsync(timeout ?? DefaultTimeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"Timed out waiting for: {what}");
        }
    }
}
