using System.Diagnostics;
using System.Runtime.CompilerServices;
using Conductor.Generated.Client;
using Conductor.Generated.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Conductor.Generated.Polling;

/// <summary>Runs one polled task through its worker and delivers the outcome.</summary>
internal sealed class TaskRunner : IDisposable
{
    private readonly WorkerContext _context;
    private readonly WorkerDefinition _worker;
    private readonly string _workerId;
    private readonly ResultReporter _reporter;
    private readonly ILogger _logger;
    private readonly ShutdownSignals _signals;
    private readonly LeaseExtender _leaseExtender;
    private readonly IServiceScopeFactory? _scopeFactory;
    private readonly WorkerMetrics _metrics;
    private readonly ExternalPayloads? _payloads;
    private readonly WorkerTally _tally;

    // Read for every task: kept here rather than read through the objects that hold them (each
    // property on the way is one more method compiled and tiered on the per-task path).
    private readonly string _taskType;
    private readonly WorkerInvoker _invoker;
    private readonly long _outputThresholdBytes;
    private readonly bool _leaseExtension;
    private readonly CancellationToken _cancelTasks;

    /// <summary>Execution slots not in use: at most one for each slot of the worker.</summary>
    private readonly Stack<ExecutionSlot> _idleSlots = new();
    private readonly Lock _slotsGate = new();
    private bool _disposed;

    /// <summary>
    /// Response timeouts longer than this (about 24 days) are not watched: a timer cannot wait
    /// that long, and no worker is expected to.
    /// </summary>
    private static readonly TimeSpan LongestWatchedResponseTimeout = TimeSpan.FromMilliseconds(int.MaxValue);

    public TaskRunner(WorkerContext context)
    {
        _context = context;
        _worker = context.Worker;
        _workerId = context.WorkerId;
        _reporter = context.Reporter;
        _logger = context.Logger;
        _signals = context.Signals;
        _leaseExtender = context.LeaseExtender;
        _scopeFactory = context.ScopeFactory;
        _metrics = context.Metrics;
        _payloads = context.Payloads;
        _tally = context.Tally;
        _taskType = _worker.TaskName;
        _invoker = _worker.Invoker;
        _outputThresholdBytes = _payloads?.OutputThresholdBytes ?? long.MaxValue;
        _leaseExtension = _worker.Settings.LeaseExtension;
        _cancelTasks = _signals.CancelTasks;
    }

    /// <summary>An execution slot for a run of tasks (one, or a chain of update-v2 answers); give it back with <see cref="ReturnSlot"/>.</summary>
    public ExecutionSlot RentSlot()
    {
        lock (_slotsGate)
        {
            if (_idleSlots.TryPop(out var slot))
            {
                return slot;
            }
        }

        return new ExecutionSlot(_signals.CancelTasks);
    }

    public void ReturnSlot(ExecutionSlot slot)
    {
        lock (_slotsGate)
        {
            if (!_disposed)
            {
                _idleSlots.Push(slot);
                return;
            }
        }

        slot.Dispose();
    }

    public void Dispose()
    {
        lock (_slotsGate)
        {
            _disposed = true;
            while (_idleSlots.TryPop(out var slot))
            {
                slot.Dispose();
            }
        }
    }

    /// <summary>
    /// Executes <paramref name="task"/> and reports its result; the worker's failures become
    /// results, never exceptions. Returns the next task the server handed over with its answer
    /// to the result (already this worker's, to run in the same slot), or <see langword="null"/>.
    /// </summary>
    /// <remarks>
    /// The returned value task may be awaited once only: its state is pooled, so a task allocates
    /// none. Not an async method itself: a worker that has returned when its invoker does, with
    /// no activity to end after the report and no output to upload, has its result recorded
    /// here and handed to the reporter, whose value task is returned as it is; anything else
    /// goes on in <see cref="FinishAndReportAsync"/>. One state machine fewer for every task.
    /// </remarks>
    public ValueTask<ConductorTask?> RunAsync(ConductorTask task, ExecutionSlot slot)
    {
        var taskType = _taskType;
        var activity = WorkerActivitySource.StartExecution(task, taskType);
        _metrics.ExecutionStarted(taskType, task);
        WorkerLog.TaskReceived(_logger, task.TaskIdField, taskType, task.WorkflowInstanceIdField);

        var started = Stopwatch.GetTimestamp();
        _tally.Started();
        ValueTask<TaskResult> executing;
        try
        {
            executing = ExecuteAsync(task, taskType, slot);
        }
        catch
        {
            // Never the worker's failures (those are results): the runtime's own.
            task.ReleaseAnswer();
            _tally.RecordNoResult();
            activity?.Dispose();
            throw;
        }

        if (activity is null && executing.IsCompletedSuccessfully)
        {
            // The worker has returned and its output is written: the poll answer its input
            // pointed into goes back to the pool (the result refers to none of it).
            task.ReleaseAnswer();
            var result = executing.Result;
            _metrics.ExecutionFinished(taskType, result.StatusField, Stopwatch.GetElapsedTime(started).TotalSeconds, result.OutputDataField.Length);
            if (result.OutputDataField.Length <= _outputThresholdBytes)
            {
                _tally.Record(result.StatusField);
                return _reporter.ReportAsync(result, taskType, _context);
            }

            return UploadAndReportAsync(result, taskType);
        }

        return FinishAndReportAsync(task, executing, taskType, started, activity);
    }

    /// <summary>The rest of <see cref="RunAsync"/> for a worker still running, or a task traced by an activity.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<ConductorTask?> FinishAndReportAsync(ConductorTask task, ValueTask<TaskResult> executing, string taskType, long started, Activity? activity)
    {
        using (activity)
        {
            TaskResult result;
            try
            {
                try
                {
                    result = await executing.ConfigureAwait(false);
                }
                finally
                {
                    // As in RunAsync: the worker has returned, the answer goes back to the pool.
                    task.ReleaseAnswer();
                }

                _metrics.ExecutionFinished(taskType, result.StatusField, Stopwatch.GetElapsedTime(started).TotalSeconds, result.OutputDataField.Length);
                if (result.OutputDataField.Length > _outputThresholdBytes)
                {
                    await PrepareOutputAsync(result, taskType).ConfigureAwait(false);
                }
            }
            catch
            {
                _tally.RecordNoResult();
                throw;
            }

            WorkerActivitySource.RecordOutcome(activity, result);
            _tally.Record(result.StatusField);
            return await _reporter.ReportAsync(result, taskType, _context).ConfigureAwait(false);
        }
    }

    /// <summary>The rest of <see cref="RunAsync"/> for an output over the external payload threshold.</summary>
    private async ValueTask<ConductorTask?> UploadAndReportAsync(TaskResult result, string taskType)
    {
        try
        {
            await PrepareOutputAsync(result, taskType).ConfigureAwait(false);
        }
        catch
        {
            _tally.RecordNoResult();
            throw;
        }

        _tally.Record(result.StatusField);
        return await _reporter.ReportAsync(result, taskType, _context).ConfigureAwait(false);
    }

    /// <summary>
    /// Runs the worker with the layers the task needs, entered only when it needs them (external
    /// input, a service scope): each async method between the slot and the worker is one more
    /// state machine run for every task. Completes at once for a worker that did not wait.
    /// </summary>
    private ValueTask<TaskResult> ExecuteAsync(ConductorTask task, string taskType, ExecutionSlot slot)
    {
        if (_payloads is not null && !string.IsNullOrEmpty(task.ExternalInputPayloadStoragePathField))
        {
            return ExecuteWithExternalInputAsync(task, taskType, slot);
        }

        return _scopeFactory is null
            ? ExecuteWithinResponseTimeoutAsync(task, new TaskContext(task, _workerId), taskType, slot)
            : ExecuteInScopeAsync(task, taskType, slot);
    }

    /// <summary>Reads the task's input from external payload storage, then runs the worker unless that failed.</summary>
    private async ValueTask<TaskResult> ExecuteWithExternalInputAsync(ConductorTask task, string taskType, ExecutionSlot slot)
    {
        if (await LoadExternalInputAsync(task, taskType).ConfigureAwait(false) is { } refused)
        {
            return refused;
        }

        return _scopeFactory is null
            ? await ExecuteWithinResponseTimeoutAsync(task, new TaskContext(task, _workerId), taskType, slot).ConfigureAwait(false)
            : await ExecuteInScopeAsync(task, taskType, slot).ConfigureAwait(false);
    }

    /// <summary>
    /// Reads the task's input from the server's external payload storage (called only for a task
    /// whose input is there). Returns <see langword="null"/> when the worker may run, else the
    /// result that fails the task without running it.
    /// </summary>
    private async ValueTask<TaskResult?> LoadExternalInputAsync(ConductorTask task, string taskType)
    {
        string? refusal;
        try
        {
            refusal = await _payloads!.LoadInputAsync(task, taskType, _signals.CancelTasks).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_signals.CancelTasks.IsCancellationRequested)
        {
            WorkerLog.TaskCancelledByShutdown(_logger, task.TaskId, taskType, task.WorkflowInstanceId);
            return TaskOutcome.FromShutdown(new TaskContext(task, _workerId));
        }

        if (refusal is null)
        {
            return null;
        }

        _metrics.ExecutionFailed(taskType, "ExternalInputUnreadable");
        WorkerLog.ExternalInputUnreadable(_logger, task.TaskId, taskType, task.WorkflowInstanceId, refusal);
        return TaskOutcome.FromUnreadableInput(new TaskContext(task, _workerId), refusal);
    }

    /// <summary>Uploads an output over the threshold (called only for such an output), or fails the result when it cannot go.</summary>
    private async ValueTask PrepareOutputAsync(TaskResult result, string taskType)
    {
        try
        {
            await _payloads!.PrepareOutputAsync(result, taskType, _signals.CancelTasks).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_signals.CancelTasks.IsCancellationRequested)
        {
            // The output cannot be sent whole; the task is failed so the server retries it.
            result.Status = TaskResultStatus.Failed;
            result.ReasonForIncompletion = TaskOutcome.StoppedReason + " (while uploading its output to external payload storage)";
            result.OutputData = default;
            result.CallbackAfterSeconds = 0;
        }
    }

    /// <summary>
    /// Runs the worker in a service scope of its own (called when the host has services): the scope is
    /// disposed once the worker has returned, thrown or been cancelled, before the result is
    /// reported, so that what the task's scoped services hold (connections, transactions) is
    /// released before the server learns the task is done and schedules the next step.
    /// </summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<TaskResult> ExecuteInScopeAsync(ConductorTask task, string taskType, ExecutionSlot slot)
    {
        AsyncServiceScope scope;
        try
        {
            scope = _scopeFactory!.CreateAsyncScope();
        }
#pragma warning disable CA1031 // A provider that cannot make a scope (disposed, for one) fails this task, not the poll loop.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            var contextWithoutServices = new TaskContext(task, _workerId);
            _metrics.ExecutionFailed(taskType, exception.GetType().Name);
            WorkerLog.TaskThrew(_logger, exception, task.TaskId, taskType, task.WorkflowInstanceId);
            return TaskOutcome.FromException(contextWithoutServices, exception);
        }

        try
        {
            var context = new TaskContext(task, _workerId, scope.ServiceProvider);
            return await ExecuteWithinResponseTimeoutAsync(task, context, taskType, slot).ConfigureAwait(false);
        }
        finally
        {
            await DisposeScopeAsync(scope, task, taskType).ConfigureAwait(false);
        }
    }

    private async Task DisposeScopeAsync(AsyncServiceScope scope, ConductorTask task, string taskType)
    {
        try
        {
            await scope.DisposeAsync().ConfigureAwait(false);
        }
#pragma warning disable CA1031 // The worker has finished; a service that fails to dispose is logged and the result still goes out.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            WorkerLog.TaskScopeDisposeFailed(_logger, exception, task.TaskId, taskType, task.WorkflowInstanceId);
        }
    }

    /// <summary>
    /// Runs the worker under the task's response timeout: with lease extension the lease is
    /// extended until the worker returns; without it, the worker's token is cancelled when the
    /// response timeout has passed (the server gives up on the task then anyway).
    /// </summary>
    /// <remarks>
    /// Not an async method itself: a worker that has returned when its invoker does is recorded
    /// here and its result handed back in the value task, with no state machine run. A worker
    /// still running goes to <see cref="FinishAsync"/>; lease extension to
    /// <see cref="ExecuteWithLeaseExtensionAsync"/>.
    /// </remarks>
    private ValueTask<TaskResult> ExecuteWithinResponseTimeoutAsync(ConductorTask task, TaskContext context, string taskType, ExecutionSlot slot)
    {
        var responseTimeoutSeconds = task.ResponseTimeoutSecondsField;
        TimeSpan? responseTimeout = responseTimeoutSeconds > 0 && responseTimeoutSeconds <= LongestWatchedResponseTimeout.TotalSeconds
            ? TimeSpan.FromSeconds(responseTimeoutSeconds)
            : null;

        // The worker's token comes from the slot, not from the host, even when nothing is
        // watched, so that whatever a worker registers on it goes away with the task (the slot
        // resets it after each task).
        if (responseTimeout is not { } timeout || !_leaseExtension)
        {
            var token = slot.Begin(responseTimeout);
            if (!TaskOutcome.TryRunAtOnce(_invoker, context, responseTimeout, out var outcome, out var running, _cancelTasks, token))
            {
                return FinishAsync(TaskOutcome.AwaitAsync(running, context, responseTimeout, _cancelTasks, token), context, taskType, responseTimeout, slot);
            }

            // The worker has returned already: no state machine for the wait.
            try
            {
                if (outcome.Kind is not (OutcomeKind.Completed or OutcomeKind.InProgress))
                {
                    Record(outcome, context, taskType, responseTimeout);
                }

                return new ValueTask<TaskResult>(outcome.Result);
            }
            finally
            {
                slot.End();
            }
        }

        return ExecuteWithLeaseExtensionAsync(context, taskType, slot, timeout);
    }

    /// <summary>Runs the worker while its lease is extended until it returns; only the host cancels the worker.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<TaskResult> ExecuteWithLeaseExtensionAsync(TaskContext context, string taskType, ExecutionSlot slot, TimeSpan timeout)
    {
        TimeSpan? responseTimeout = timeout;
        var leaseToken = slot.Begin(responseTimeout: null);
        using var finished = new CancellationTokenSource();
        var leaseExtension = _leaseExtender.ExtendUntilFinishedAsync(context, timeout, finished.Token);
        try
        {
            var outcome = await TaskOutcome.RunAsync(_invoker, context, responseTimeout, _cancelTasks, leaseToken).ConfigureAwait(false);
            if (outcome.Kind is not (OutcomeKind.Completed or OutcomeKind.InProgress))
            {
                Record(outcome, context, taskType, responseTimeout);
            }

            return outcome.Result;
        }
        finally
        {
            await finished.CancelAsync().ConfigureAwait(false);
            await leaseExtension.ConfigureAwait(false);
            slot.End();
        }
    }

    /// <summary>Waits for a worker still running (see <see cref="ExecuteWithinResponseTimeoutAsync"/>), then records its outcome and ends the slot's watch.</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<TaskResult> FinishAsync(ValueTask<Outcome> running, TaskContext context, string taskType, TimeSpan? responseTimeout, ExecutionSlot slot)
    {
        try
        {
            var outcome = await running.ConfigureAwait(false);
            if (outcome.Kind is not (OutcomeKind.Completed or OutcomeKind.InProgress))
            {
                Record(outcome, context, taskType, responseTimeout);
            }

            return outcome.Result;
        }
        finally
        {
            slot.End();
        }
    }

    /// <summary>The metrics and logs of an outcome that is not a plain return, from its one classification.</summary>
    private void Record(Outcome outcome, TaskContext context, string taskType, TimeSpan? responseTimeout)
    {
        switch (outcome.Kind)
        {
            case OutcomeKind.BindingFailure:
                _metrics.ExecutionFailed(taskType, "BindingFailure");
                WorkerLog.TaskInputInvalid(_logger, context.TaskId, taskType, context.WorkflowInstanceId, outcome.BindingError!);
                break;
            case OutcomeKind.InvalidOutput:
                _metrics.ExecutionFailed(taskType, "InvalidOutput");
                WorkerLog.OutputNotJsonObject(_logger, context.TaskId, taskType, context.WorkflowInstanceId);
                break;
            case OutcomeKind.Stopped:
                WorkerLog.TaskCancelledByShutdown(_logger, context.TaskId, taskType, context.WorkflowInstanceId);
                break;
            case OutcomeKind.ResponseTimeout:
                _metrics.ExecutionFailed(taskType, "ResponseTimeout");
                WorkerLog.TaskPastResponseTimeout(_logger, context.TaskId, taskType, context.WorkflowInstanceId, (long)(responseTimeout ?? TimeSpan.Zero).TotalSeconds);
                break;
            case OutcomeKind.Threw:
                _metrics.ExecutionFailed(taskType, outcome.Exception!.GetType().Name);
                LogThrown(outcome.Exception, context, taskType);
                break;
        }
    }

    /// <summary>
    /// A <see cref="NonRetryableException"/> is an outcome the worker chose (a declined card): its
    /// message is logged without a stack trace. Anything else is logged with the exception.
    /// </summary>
    private void LogThrown(Exception exception, TaskContext context, string taskType)
    {
        if (exception is NonRetryableException)
        {
            WorkerLog.TaskFailedForGood(_logger, context.TaskId, taskType, context.WorkflowInstanceId, exception.GetType().Name, exception.Message);
        }
        else
        {
            WorkerLog.TaskThrew(_logger, exception, context.TaskId, taskType, context.WorkflowInstanceId);
        }
    }
}
