using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Conductor.Generated.Testing;

/// <summary>A workflow definition as Conductor stores it (<c>/api/metadata/workflow</c>).</summary>
public sealed class WorkflowDef
{
    /// <summary>The workflow's name; started by this name.</summary>
    public string? Name { get; set; }

    /// <summary>Free text.</summary>
    public string? Description { get; set; }

    /// <summary>Name and version identify a definition; starting without a version takes the highest.</summary>
    public int Version { get; set; } = 1;

    /// <summary>The tasks, run one after another.</summary>
    public List<WorkflowTask>? Tasks { get; set; }

    /// <summary>Documentation of the expected input keys.</summary>
    public List<string>? InputParameters { get; set; }

    /// <summary>
    /// The workflow's output, with <c>${...}</c> expressions resolved when the workflow ends.
    /// Empty: the output of the last task.
    /// </summary>
    public JsonObject? OutputParameters { get; set; }

    /// <summary>Only schema version 2 is supported, as on the real server.</summary>
    public int SchemaVersion { get; set; } = 2;

    /// <summary>Owner of the definition; not required by the test server.</summary>
    public string? OwnerEmail { get; set; }

    /// <summary>
    /// The run's time limit from its start (or last retry or resume); 0 for none. Over it the run
    /// ends TIMED_OUT, unless the definition's <c>timeoutPolicy</c> is ALERT_ONLY.
    /// </summary>
    public long TimeoutSeconds { get; set; }

    /// <summary><c>TIME_OUT_WF</c> (default) or <c>ALERT_ONLY</c>: what a run past <see cref="TimeoutSeconds"/> does.</summary>
    public string? TimeoutPolicy { get; set; }

    /// <summary>A workflow started, with the failed run's details as input, when a run fails.</summary>
    public string? FailureWorkflow { get; set; }

    /// <summary>The variables a run starts with (SET_VARIABLE changes them).</summary>
    public JsonObject? Variables { get; set; }

    /// <summary>The failure workflow's version; null takes the highest.</summary>
    public int? FailureWorkflowVersion { get; set; }

    /// <summary>Epoch milliseconds of registration, set by the server.</summary>
    public long? CreateTime { get; set; }

    /// <summary>Epoch milliseconds of the last update, set by the server.</summary>
    public long? UpdateTime { get; set; }

    /// <summary>Fields this model does not name, kept so that they come back unchanged.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}

/// <summary>One step of a <see cref="WorkflowDef"/>.</summary>
public sealed class WorkflowTask
{
    /// <summary>The task definition's name, which is the task type workers poll for.</summary>
    public string? Name { get; set; }

    /// <summary>Unique within the workflow; expressions refer to the task's output by it.</summary>
    public string? TaskReferenceName { get; set; }

    /// <summary>Free text.</summary>
    public string? Description { get; set; }

    /// <summary>The task's input, with <c>${...}</c> expressions resolved when it is scheduled.</summary>
    public JsonObject? InputParameters { get; set; }

    /// <summary>SIMPLE (a worker task) or one of the system task types (<see cref="WorkflowTaskTypes"/>).</summary>
    public string Type { get; set; } = WorkflowTaskTypes.Simple;

    /// <summary>DYNAMIC: the input key whose value names the task to run.</summary>
    public string? DynamicTaskNameParam { get; set; }

    /// <summary>DECISION: the input key whose value selects the case.</summary>
    public string? CaseValueParam { get; set; }

    /// <summary>DECISION: a JavaScript expression over <c>$</c> (the input) that selects the case.</summary>
    public string? CaseExpression { get; set; }

    /// <summary>SWITCH and DECISION: the tasks of each case, by case value.</summary>
    public Dictionary<string, List<WorkflowTask>>? DecisionCases { get; set; }

    /// <summary>SWITCH and DECISION: the tasks run when no case matches.</summary>
    public List<WorkflowTask>? DefaultCase { get; set; }

    /// <summary>FORK_JOIN: the branches, each a list of tasks run in sequence.</summary>
    public List<List<WorkflowTask>>? ForkTasks { get; set; }

    /// <summary>FORK_JOIN_DYNAMIC: the input key holding the list of tasks to fork.</summary>
    public string? DynamicForkTasksParam { get; set; }

    /// <summary>FORK_JOIN_DYNAMIC: the input key holding each forked task's input, by reference name.</summary>
    public string? DynamicForkTasksInputParamName { get; set; }

    /// <summary>Seconds to wait before the task is handed out (or, for a system task, started).</summary>
    public int StartDelay { get; set; }

    /// <summary>SUB_WORKFLOW: the workflow to run.</summary>
    public SubWorkflowParams? SubWorkflowParam { get; set; }

    /// <summary>JOIN: the reference names of the tasks to wait for.</summary>
    public List<string>? JoinOn { get; set; }

    /// <summary>EVENT: where the event goes (recorded on the task's output by the test server).</summary>
    public string? Sink { get; set; }

    /// <summary>DO_WHILE: a JavaScript condition evaluated after each iteration; true runs another.</summary>
    public string? LoopCondition { get; set; }

    /// <summary>DO_WHILE: the tasks of one iteration.</summary>
    public List<WorkflowTask>? LoopOver { get; set; }

    /// <summary>DO_WHILE: an expression giving a list; one iteration per item.</summary>
    public string? Items { get; set; }

    /// <summary>SWITCH: <c>value-param</c>, <c>javascript</c> or <c>graaljs</c>.</summary>
    public string? EvaluatorType { get; set; }

    /// <summary>SWITCH: the input key (value-param) or the script (javascript) that selects the case.</summary>
    public string? Expression { get; set; }

    /// <summary>HTTP and EVENT: after its work the task stays IN_PROGRESS until a task update completes it.</summary>
    public bool AsyncComplete { get; set; }

    /// <summary>An optional task that fails lets the workflow go on (COMPLETED_WITH_ERRORS).</summary>
    public bool Optional { get; set; }

    /// <summary>Overrides the task definition's retry count when set.</summary>
    public int? RetryCount { get; set; }

    /// <summary>
    /// The task definition this step runs with, in place of the one registered under
    /// <see cref="Name"/>; taken as given, not checked as a registration is (as on the real
    /// server). In a run's definition (a workflow's <c>workflowDefinition</c>, a task's
    /// <c>workflowTask</c>) every step has one: the embedded one, else the one registered when the
    /// run started, else the server's ad-hoc one. The run keeps it, so a task definition updated
    /// later changes only runs started later.
    /// </summary>
    public TaskDef? TaskDefinition { get; set; }

    /// <summary>Fields this model does not name, kept so that they come back unchanged.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}

/// <summary>Task type names the test server knows.</summary>
public static class WorkflowTaskTypes
{
    /// <summary>A task executed by a polling worker.</summary>
    public const string Simple = "SIMPLE";

    /// <summary>Runs the tasks of the case an expression selects.</summary>
    public const string Switch = "SWITCH";

    /// <summary>The older SWITCH: caseValueParam or caseExpression.</summary>
    public const string Decision = "DECISION";

    /// <summary>Runs branches in parallel; a JOIN follows.</summary>
    public const string ForkJoin = "FORK_JOIN";

    /// <summary>Runs a list of tasks computed at run time in parallel; a JOIN follows.</summary>
    public const string ForkJoinDynamic = "FORK_JOIN_DYNAMIC";

    /// <summary>Waits for forked tasks.</summary>
    public const string Join = "JOIN";

    /// <summary>The task a FORK_JOIN becomes in the run.</summary>
    public const string Fork = "FORK";

    /// <summary>Repeats its tasks while a condition holds.</summary>
    public const string DoWhile = "DO_WHILE";

    /// <summary>Runs another workflow and waits for it.</summary>
    public const string SubWorkflow = "SUB_WORKFLOW";

    /// <summary>Starts another workflow without waiting.</summary>
    public const string StartWorkflow = "START_WORKFLOW";

    /// <summary>Runs the task an input value names.</summary>
    public const string Dynamic = "DYNAMIC";

    /// <summary>Waits for a duration, until a time, or until completed through the API.</summary>
    public const string Wait = "WAIT";

    /// <summary>Waits until completed through the API.</summary>
    public const string Human = "HUMAN";

    /// <summary>Evaluates JavaScript.</summary>
    public const string Inline = "INLINE";

    /// <summary>Transforms JSON with jq.</summary>
    public const string JsonJqTransform = "JSON_JQ_TRANSFORM";

    /// <summary>Sets workflow variables.</summary>
    public const string SetVariable = "SET_VARIABLE";

    /// <summary>Ends the workflow.</summary>
    public const string Terminate = "TERMINATE";

    /// <summary>Does nothing.</summary>
    public const string Noop = "NOOP";

    /// <summary>Calls an HTTP endpoint.</summary>
    public const string Http = "HTTP";

    /// <summary>Publishes an event (recorded, not delivered, by the test server).</summary>
    public const string Event = "EVENT";
}

/// <summary>The workflow a SUB_WORKFLOW task runs.</summary>
public sealed class SubWorkflowParams
{
    /// <summary>The workflow definition's name.</summary>
    public string? Name { get; set; }

    /// <summary>The version; null or 0 takes the highest.</summary>
    public int? Version { get; set; }

    /// <summary>The child's task-to-domain mapping; absent: the parent's.</summary>
    public Dictionary<string, string>? TaskToDomain { get; set; }

    /// <summary>An inline definition run instead of a registered one.</summary>
    [JsonIgnore]
    public WorkflowDef? WorkflowDefinition { get; set; }

    /// <summary>
    /// Instead of <see cref="WorkflowDefinition"/>, an expression (<c>${builder.output.plan}</c>)
    /// read when the task is scheduled, whose value is the definition to run.
    /// </summary>
    [JsonIgnore]
    public string? WorkflowDefinitionExpression { get; set; }

    /// <summary>
    /// <c>workflowDefinition</c> as written: the definition, or the expression as a string, as the
    /// real SubWorkflowParams#setWorkflowDefinition reads it (a string must be a <c>${...}</c> expression).
    /// </summary>
    [JsonInclude]
    [JsonPropertyName("workflowDefinition")]
    internal JsonNode? WorkflowDefinitionJson
    {
        get => WorkflowDefinitionExpression is { } expression
            ? JsonValue.Create(expression)
            : WorkflowDefinition is null ? null : JsonSerializer.SerializeToNode(WorkflowDefinition, ServerJsonContext.Default.WorkflowDef);
        set
        {
            WorkflowDefinition = null;
            WorkflowDefinitionExpression = null;
            switch (value)
            {
                case null:
                    return;
                case JsonObject definition:
                    WorkflowDefinition = definition.Deserialize(ServerJsonContext.Default.WorkflowDef);
                    return;
                case JsonValue text when text.TryGetValue<string>(out var expression):
                    WorkflowDefinitionExpression = expression.StartsWith("${", StringComparison.Ordinal) && expression.EndsWith('}')
                        ? expression
                        : throw new JsonException("workflowDefinition is a string, but not a valid DSL string");
                    return;
                default:
                    throw new JsonException("workflowDefinition must be either null, or WorkflowDef, or a valid DSL string");
            }
        }
    }

    /// <summary>The child's priority.</summary>
    public int? Priority { get; set; }

    /// <summary>Fields this model does not name, kept so that they come back unchanged.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
