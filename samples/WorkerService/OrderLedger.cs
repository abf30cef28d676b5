using Microsoft.Extensions.Logging;

namespace WorkerService;

/// <summary>
/// A scoped service, as a unit of work or a database context would be: each task gets its own,
/// and it is disposed when the task's worker method returns. <see cref="LedgerStatistics"/>
/// counts both so the sample can show it.
/// </summary>
public sealed partial class OrderLedger : IDisposable
{
    private readonly LedgerStatistics _statistics;
    private readonly ILogger<OrderLedger> _logger;
    private readonly List<string> _entries = [];

    public OrderLedger(LedgerStatistics statistics, ILogger<OrderLedger> logger)
    {
        _statistics = statistics;
        _logger = logger;
        statistics.Created();
    }

    public void Record(string orderId, string entry) => _entries.Add($"{orderId}: {entry}");

    public void Dispose()
    {
        // Where a real unit of work would commit.
        foreach (var entry in _entries)
        {
            LogEntry(_logger, entry);
        }

        _statistics.Disposed();
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Ledger: {Entry}")]
    private static partial void LogEntry(ILogger logger, string entry);
}

/// <summary>How many <see cref="OrderLedger"/> instances the tasks created and disposed (a singleton).</summary>
public sealed class LedgerStatistics
{
    private int _created;
    private int _disposed;

    public int CreatedCount => Volatile.Read(ref _created);

    public int DisposedCount => Volatile.Read(ref _disposed);

    public void Created() => Interlocked.Increment(ref _created);

    public void Disposed() => Interlocked.Increment(ref _disposed);
}
