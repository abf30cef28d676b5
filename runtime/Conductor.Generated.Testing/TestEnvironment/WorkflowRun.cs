using System.Text.Json.Nodes;

namespace Conductor.Generated.Testing;

/// <summary>
/// A workflow run read by a <see cref="ConductorTestEnvironment"/>: how it ended, and the path it
/// took, step by step (<see cref="Steps"/>, <see cref="Path"/>), sub-workflows' steps included.
/// The <c>Assert...</c> methods throw <see cref="WorkflowAssertionException"/> with a message that
/// shows the path taken; each returns the run, so they chain.
/// </summary>
/// <example>
/// <code>
/// var run = await conductor.RunWorkflowAsync(definition, input);
///
/// run.AssertCompleted().AssertRan("validate", "charge", "ship").AssertNotRan("refund");
/// Assert.Equal(2, run.Step("charge").Attempts.Count);
/// Assert.Equal(30, (int?)run.Step("charge").Input["amount"]);
/// </code>
/// </example>
public sealed class WorkflowRun
{
    private readonly Dictionary<string, TaskRun> _stepsByName;

    internal WorkflowRun(WorkflowExecution workflow, IReadOnlyList<TaskRun> steps)
    {
        Workflow = workflow;
        Steps = steps;
        _stepsByName = steps.ToDictionary(step => step.ReferenceName, StringComparer.Ordinal);
        Path = [.. steps.Where(Ran).Select(step => step.ReferenceName)];
    }

    /// <summary>The workflow as the server stores it (top level only: sub-workflows are separate runs), when it was read.</summary>
    public WorkflowExecution Workflow { get; }

    /// <summary>The workflow's id.</summary>
    public string WorkflowId => Workflow.WorkflowId;

    /// <summary>How the workflow ended (<see cref="WorkflowStatus.Running"/> for a run read before its end).</summary>
    public WorkflowStatus Status => Workflow.Status;

    /// <summary>The workflow's output.</summary>
    public JsonObject Output => Workflow.Output;

    /// <summary>Why the workflow failed, timed out or was terminated; null when it completed.</summary>
    public string? ReasonForIncompletion => Workflow.ReasonForIncompletion;

    /// <summary>The correlation id given at start.</summary>
    public string? CorrelationId => Workflow.CorrelationId;

    /// <summary>
    /// Every step the server scheduled, in the order it scheduled them: one per reference name
    /// (<see cref="TaskRun.ReferenceName"/>) with all its attempts, system tasks included; the
    /// steps of a sub-workflow right after the SUB_WORKFLOW step that started it. Steps that never
    /// ran (canceled or skipped before they started, or still waiting) are here too.
    /// </summary>
    public IReadOnlyList<TaskRun> Steps { get; }

    /// <summary>
    /// The path taken: the <see cref="TaskRun.ReferenceName"/> of every step that ran (started, or
    /// ended otherwise than canceled or skipped), in the order the server scheduled them. Tasks
    /// of parallel branches are scheduled together, in the order of the definition: their order
    /// here says nothing about which finished first.
    /// </summary>
    public IReadOnlyList<string> Path { get; }

    /// <summary>The step named <paramref name="referenceName"/> (see <see cref="TaskRun.ReferenceName"/>).</summary>
    /// <exception cref="WorkflowAssertionException">The workflow has no such step; the message lists the path taken.</exception>
    public TaskRun Step(string referenceName)
    {
        ArgumentNullException.ThrowIfNull(referenceName);
        return _stepsByName.TryGetValue(referenceName, out var step)
            ? step
            : throw new WorkflowAssertionException($"expected a step {referenceName}, but the workflow scheduled none{Closest(referenceName)}; {Ran()}");
    }

    /// <summary>Whether a step named <paramref name="referenceName"/> ran.</summary>
    public bool HasRun(string referenceName)
    {
        ArgumentNullException.ThrowIfNull(referenceName);
        return _stepsByName.TryGetValue(referenceName, out var step) && Ran(step);
    }

    /// <summary>Asserts the workflow completed.</summary>
    /// <exception cref="WorkflowAssertionException">It did not; the message gives its status, reason and path.</exception>
    public WorkflowRun AssertCompleted() => AssertStatus(WorkflowStatus.Completed);

    /// <summary>Asserts the workflow's status.</summary>
    /// <exception cref="WorkflowAssertionException">It has another; the message gives it, the reason and the path.</exception>
    public WorkflowRun AssertStatus(WorkflowStatus expected)
    {
        if (Status != expected)
        {
            var reason = ReasonForIncompletion is null ? "" : $" ({ReasonForIncompletion})";
            throw new WorkflowAssertionException(
                $"expected workflow {Workflow.WorkflowName} ({WorkflowId}) to be {ConductorNames.Of(expected)}, but it is {ConductorNames.Of(Status)}{reason}; {Ran()}");
        }

        return this;
    }

    /// <summary>Asserts that exactly these steps ran, in this order, and no other.</summary>
    /// <exception cref="WorkflowAssertionException">The path differs; the message shows the first difference and the path taken.</exception>
    public WorkflowRun AssertPath(params IReadOnlyList<string> expected)
    {
        ArgumentNullException.ThrowIfNull(expected);
        for (var index = 0; index < Math.Max(expected.Count, Path.Count); index++)
        {
            if (index >= Path.Count)
            {
                throw new WorkflowAssertionException($"expected {expected[index]} to run after {Describe(Path, index)}, but the path ended there; {Ran()}");
            }

            if (index >= expected.Count)
            {
                throw new WorkflowAssertionException($"expected the path to end after {Describe(expected, index)}, but {Path[index]} ran next; {Ran()}");
            }

            if (!string.Equals(expected[index], Path[index], StringComparison.Ordinal))
            {
                throw new WorkflowAssertionException(
                    $"expected {expected[index]} to run {(index == 0 ? "first" : "after " + Path[index - 1])}, but {Path[index]} ran{(HasRun(expected[index]) ? "" : $"; {expected[index]} did not run at all{Closest(expected[index])}")}; {Ran()}");
            }
        }

        return this;
    }

    /// <summary>
    /// Asserts that these steps ran in this order; other steps may have run before, between and
    /// after them.
    /// </summary>
    /// <exception cref="WorkflowAssertionException">One did not run, or not after the one before it; the message says which and shows the path taken.</exception>
    public WorkflowRun AssertRan(params IReadOnlyList<string> inOrder)
    {
        ArgumentNullException.ThrowIfNull(inOrder);
        var position = -1;
        for (var index = 0; index < inOrder.Count; index++)
        {
            var name = inOrder[index];
            var found = -1;
            for (var candidate = position + 1; candidate < Path.Count; candidate++)
            {
                if (string.Equals(Path[candidate], name, StringComparison.Ordinal))
                {
                    found = candidate;
                    break;
                }
            }

            if (found < 0)
            {
                throw new WorkflowAssertionException(
                    index == 0 || !HasRun(name)
                        ? $"expected {name} to run{(index == 0 ? "" : $" after {inOrder[index - 1]}")}, but it did not run{Closest(name)}; {Ran()}"
                        : $"expected {name} to run after {inOrder[index - 1]}; {Ran()}");
            }

            position = found;
        }

        return this;
    }

    /// <summary>Asserts that none of these steps ran.</summary>
    /// <exception cref="WorkflowAssertionException">One ran; the message says which and shows the path taken.</exception>
    public WorkflowRun AssertNotRan(params IReadOnlyList<string> referenceNames)
    {
        ArgumentNullException.ThrowIfNull(referenceNames);
        foreach (var name in referenceNames)
        {
            if (HasRun(name))
            {
                var step = _stepsByName[name];
                throw new WorkflowAssertionException(
                    $"expected {name} not to run, but it ran ({step.Attempts.Count} attempt(s), last {ConductorNames.Of(step.Status)}); {Ran()}");
            }
        }

        return this;
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Workflow.WorkflowName} {ConductorNames.Of(Status)}; {Ran()}";

    /// <summary>Whether a step ran: an attempt started, or ended otherwise than canceled or skipped (system tasks may end without a start time).</summary>
    private static bool Ran(TaskRun step) => step.Attempts.Any(attempt =>
        attempt.StartTime > 0
        || (attempt.Status.IsTerminal() && attempt.Status is not (TaskExecutionStatus.Canceled or TaskExecutionStatus.Skipped)));

    private string Ran() => Path.Count == 0 ? "ran: nothing" : "ran: " + string.Join(", ", Path);

    private static string Describe(IReadOnlyList<string> names, int count) =>
        count == 0 ? "the start" : names[count - 1];

    /// <summary>A hint when a step of a similar name exists: another loop iteration, or the same step in a sub-workflow.</summary>
    private string Closest(string name)
    {
        var baseName = name.Split('/')[^1];
        var loopBase = baseName.Contains("__", StringComparison.Ordinal) ? baseName[..baseName.LastIndexOf("__", StringComparison.Ordinal)] : baseName;
        var similar = Steps
            .Select(step => step.ReferenceName)
            .Where(candidate => candidate != name)
            .Where(candidate =>
            {
                var candidateBase = candidate.Split('/')[^1];
                return candidateBase == baseName || candidateBase.StartsWith(loopBase + "__", StringComparison.Ordinal) || candidateBase == loopBase;
            })
            .ToList();
        return similar.Count == 0 ? "" : $" (steps of a similar name: {string.Join(", ", similar)})";
    }
}
