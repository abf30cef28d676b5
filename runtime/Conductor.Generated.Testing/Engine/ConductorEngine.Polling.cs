namespace Conductor.Generated.Testing;

/// <summary>Handing tasks to workers (ExecutionService.poll), with long polling.</summary>
internal sealed partial class ConductorEngine
{
    /// <summary>The real server refuses longer long polls.</summary>
    public const int MaxPollTimeoutMilliseconds = 5000;

    /// <summary>
    /// How long a task held back by its definition's concurrentExecLimit or rate limit stays
    /// invisible (ConductorProperties#taskExecutionPostponeDuration, 60 seconds, used by
    /// ExecutionService#poll as queueTaskMessagePostponeSecs).
    /// </summary>
    internal static readonly TimeSpan TaskExecutionPostponeDuration = TimeSpan.FromSeconds(60);

    /// <summary>Hand-out times per task definition, for rateLimitPerFrequency (RedisRateLimitingDAO#exceedsRateLimitPerFrequency).</summary>
    private readonly Dictionary<string, Queue<long>> _rateLimitBuckets = new(StringComparer.Ordinal);

    /// <summary>
    /// Hands out up to <paramref name="count"/> tasks from the queue of <paramref name="taskType"/>
    /// (in <paramref name="domain"/>). With a positive <paramref name="wait"/> it returns once
    /// <paramref name="count"/> tasks were handed out or the wait is over, whichever comes first,
    /// as the real server's default queue's pop does (SqliteQueueDAO#pollMessages, the
    /// <c>conductor.queue.type=sqlite</c> of its application.properties; PostgresQueueDAO alike;
    /// the Redis queue returns at the first task instead); a single poll
    /// (<paramref name="count"/> 1) therefore returns at its first task. The wait is real time,
    /// like the HTTP request it serves; the time a delayed task becomes visible is the engine's
    /// clock, so a test that advances a fake clock wakes waiting polls. The poll is recorded as
    /// poll data at its end (ExecutionService#poll, ExecutionDAOFacade#updateTaskLastPoll).
    /// </summary>
    public async Task<List<TaskExecution>> PollAsync(string taskType, string? workerId, string? domain, int count, TimeSpan wait, CancellationToken cancellationToken)
    {
        var queueName = ConductorNames.QueueName(taskType, domain);
        var deadline = TimeProvider.System.GetTimestamp() + (long)(wait.TotalSeconds * TimeProvider.System.TimestampFrequency);
        var handedOut = new List<TaskExecution>();
        while (true)
        {
            Task changed;
            TimeSpan? untilNextVisible;
            lock (_gate)
            {
                handedOut.AddRange(HandOut(queueName, workerId, count - handedOut.Count));
                if (handedOut.Count >= count || count <= 0)
                {
                    RecordPoll(taskType, domain, workerId);
                    return handedOut;
                }

                var queue = Queue(queueName);
                changed = queue.Changed;
                var now = Now;
                untilNextVisible = queue.NextVisibleAfter(now) is { } visibleAt ? TimeSpan.FromMilliseconds(visibleAt - now) : null;
            }

            var remaining = TimeProvider.System.GetElapsedTime(TimeProvider.System.GetTimestamp(), deadline);
            if (remaining <= TimeSpan.Zero || cancellationToken.IsCancellationRequested)
            {
                lock (_gate)
                {
                    RecordPoll(taskType, domain, workerId);
                }

                return handedOut;
            }

            using var stopWaiting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var wakeUps = new List<Task> { changed, Task.Delay(remaining, stopWaiting.Token) };
            if (untilNextVisible is { } delay)
            {
                wakeUps.Add(Task.Delay(delay, _clock, stopWaiting.Token));
            }

            await Task.WhenAny(wakeUps).ConfigureAwait(false);
            await stopWaiting.CancelAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Hands out visible tasks at once, without waiting (update-v2's next task, which is a poll too).</summary>
    public List<TaskExecution> PollNow(string taskType, string? workerId, string? domain, int count)
    {
        lock (_gate)
        {
            var handedOut = HandOut(ConductorNames.QueueName(taskType, domain), workerId, count);
            RecordPoll(taskType, domain, workerId);
            return handedOut;
        }
    }

    private List<TaskExecution> HandOut(string queueName, string? workerId, int count)
    {
        var handedOut = new List<TaskExecution>();
        if (count <= 0 || !_queues.TryGetValue(queueName, out var queue))
        {
            return handedOut;
        }

        var now = Now;
        var leavingQueue = new List<string>();
        var postponed = new List<string>();
        List<TaskState>? failedForInputSize = null;
        foreach (var taskId in queue.VisibleTaskIds(now))
        {
            if (handedOut.Count >= count)
            {
                break;
            }

            if (!_tasks.TryGetValue(taskId, out var state) || state.Task.Status.IsTerminal() || state.Workflow.IsEnded)
            {
                leavingQueue.Add(taskId); // stale entry, as the real server drops it
                continue;
            }

            var task = state.Task;

            // ExecutionService#poll: a task over its definition's limits is postponed, not handed out.
            if (ExceedsConcurrencyLimit(task) || (task.RateLimitPerFrequency > 0 && ExceedsRateLimit(task, now)))
            {
                postponed.Add(taskId);
                continue;
            }

            leavingQueue.Add(taskId);
            if (FailIfInputOverLimit(task, now))
            {
                (failedForInputSize ??= []).Add(state);
                continue;
            }

            task.Status = TaskExecutionStatus.InProgress;
            task.QueueWaitTime = QueueWaitTime(task, now);
            if (task.StartTime == 0)
            {
                task.StartTime = now;
            }

            task.CallbackAfterSeconds = 0;
            task.WorkerId = workerId;
            task.PollCount++;
            task.UpdateTime = now;
            ServerLog.TaskHandedOut(_logger, task.TaskId, workerId, task.PollCount);
            handedOut.Add(ExternalizeInput(Copy(task, ServerJsonContext.Default.TaskExecution)));
        }

        // Changed after reading, because the queue cannot change while it is read.
        foreach (var taskId in leavingQueue)
        {
            queue.Remove(taskId);
        }

        foreach (var taskId in postponed)
        {
            queue.Push(taskId, now + (long)TaskExecutionPostponeDuration.TotalMilliseconds, _tasks[taskId].Task.WorkflowPriority, pulse: false);
        }

        foreach (var failed in failedForInputSize ?? [])
        {
            Decide(failed.Workflow, failed.Task);
        }

        return handedOut;
    }

    /// <summary>Task#getQueueWaitTime, as it reads at the moment the task is handed out.</summary>
    private static long QueueWaitTime(TaskExecution task, long now)
    {
        if (task.StartTime == 0)
        {
            return Math.Max(0, now - task.ScheduledTime);
        }

        if (task.CallbackAfterSeconds > 0)
        {
            return Math.Max(0, now - (task.UpdateTime + (task.CallbackAfterSeconds * 1000)));
        }

        return task.StartTime - task.ScheduledTime;
    }

    /// <summary>
    /// RedisExecutionDAO#exceedsLimit: as many tasks of the definition IN_PROGRESS as the task's
    /// own definition's concurrentExecLimit allows (TaskModel#getTaskDefinition: the one its run
    /// took when it started, or its step embeds); a task without one has no limit.
    /// </summary>
    private bool ExceedsConcurrencyLimit(TaskExecution candidate)
    {
        var limit = candidate.TaskDefinition?.ConcurrentExecLimit ?? 0;
        if (limit <= 0)
        {
            return false;
        }

        var running = _activeTaskIds.Count(id =>
            _tasks[id].Task is { Status: TaskExecutionStatus.InProgress } task && task.TaskDefName == candidate.TaskDefName);
        return running >= limit;
    }

    /// <summary>
    /// SqliteExecutionDAO#updateTask (and the other ExecutionDAOs, conductor-oss PR 1105): when a
    /// task whose definition has a concurrentExecLimit ends, the first task of its queue, due or not
    /// (QueueDAO#peekFirstIds), becomes due now (QueueDAO#resetOffsetTime), so that a task postponed
    /// for the limit is handed out at the next poll instead of after taskExecutionPostponeDuration.
    /// </summary>
    private void ReleasePostponedTask(TaskExecution ended)
    {
        if ((ended.TaskDefinition?.ConcurrentExecLimit ?? 0) > 0
            && _queues.TryGetValue(ConductorNames.QueueName(ended.TaskType, ended.Domain), out var queue))
        {
            queue.ReleaseFirst(Now);
        }
    }

    /// <summary>
    /// RedisRateLimitingDAO#exceedsRateLimitPerFrequency: at most rateLimitPerFrequency hand-outs
    /// of the task's name within any rateLimitFrequencyInSeconds, by the task's own definition
    /// (ExecutionService#poll passes TaskModel#getTaskDefinition: the one its run took when it
    /// started, or its step embeds), not the registration as it is now. A hand-out within the
    /// limit is counted.
    /// </summary>
    private bool ExceedsRateLimit(TaskExecution candidate, long now)
    {
        var perFrequency = candidate.RateLimitPerFrequency;
        var frequencySeconds = candidate.RateLimitFrequencyInSeconds;
        if (perFrequency <= 0 || frequencySeconds <= 0)
        {
            return false;
        }

        if (!_rateLimitBuckets.TryGetValue(candidate.TaskDefName, out var bucket))
        {
            bucket = new Queue<long>();
            _rateLimitBuckets[candidate.TaskDefName] = bucket;
        }

        var windowStart = now - (frequencySeconds * 1000L);
        while (bucket.Count > 0 && bucket.Peek() <= windowStart)
        {
            bucket.Dequeue();
        }

        if (bucket.Count >= perFrequency)
        {
            return true;
        }

        bucket.Enqueue(now);
        return false;
    }

    /// <summary>
    /// The size of every queue that holds tasks, by queue name (<c>domain:taskType</c> or the task
    /// type) (<c>GET /api/tasks/queue/all</c>, QueueDAO#queuesDetail).
    /// </summary>
    public Dictionary<string, long> GetAllQueueSizes()
    {
        lock (_gate)
        {
            return _queues.Where(pair => pair.Value.Count > 0)
                .OrderBy(pair => pair.Key, StringComparer.Ordinal)
                .ToDictionary(pair => pair.Key, pair => (long)pair.Value.Count, StringComparer.Ordinal);
        }
    }

    /// <summary>
    /// Queue name to shard to <c>{size, uacked}</c> (<c>GET /api/tasks/queue/all/verbose</c>,
    /// QueueDAO#queuesDetailVerbose); the test server has one shard, <c>a</c>, and counts the tasks
    /// handed out and not yet answered as unacknowledged.
    /// </summary>
    public Dictionary<string, Dictionary<string, Dictionary<string, long>>> GetAllQueueDetails()
    {
        lock (_gate)
        {
            var details = new Dictionary<string, Dictionary<string, Dictionary<string, long>>>(StringComparer.Ordinal);
            foreach (var (name, queue) in _queues.OrderBy(pair => pair.Key, StringComparer.Ordinal))
            {
                var unacked = _activeTaskIds.Count(id =>
                    _tasks[id].Task is { Status: TaskExecutionStatus.InProgress } task
                    && ConductorNames.QueueName(task.TaskType, task.Domain) == name);
                if (queue.Count == 0 && unacked == 0)
                {
                    continue;
                }

                details[name] = new(StringComparer.Ordinal)
                {
                    ["a"] = new(StringComparer.Ordinal) { ["size"] = queue.Count, ["uacked"] = unacked },
                };
            }

            return details;
        }
    }
}
