using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;

// The runtime's analysis level asks for span APIs and Dictionary.TryAdd, which netstandard2.0 lacks.
#pragma warning disable CA1845, CA1846, CA1864
// Shared source: compiled into the workflow analyzer and linked into the runtime (see JsonValue.cs).
namespace Conductor.Generated.WorkflowChecks;

/// <summary>What a check found: the rule, where in the JSON text and at which JSON path, and the message's arguments.</summary>
internal sealed class WorkflowCheckFinding
{
    public WorkflowCheckFinding(WorkflowRule rule, JsonSpan span, string path, string? workflowName, string? taskReferenceName, object[] arguments)
    {
        Rule = rule;
        Span = span;
        Path = path;
        WorkflowName = workflowName;
        TaskReferenceName = taskReferenceName;
        Arguments = arguments;
    }

    public WorkflowRule Rule { get; }

    public JsonSpan Span { get; }

    /// <summary>The JSON path of what the finding is about, such as <c>$.tasks[1].inputParameters.amout</c>.</summary>
    public string Path { get; }

    /// <summary>The name of the workflow the finding is in, when it has one.</summary>
    public string? WorkflowName { get; }

    /// <summary>The reference name of the task the finding is about; null for the workflow as a whole.</summary>
    public string? TaskReferenceName { get; }

    public object[] Arguments { get; }

    public string Message => string.Format(CultureInfo.InvariantCulture, Rule.MessageFormat, Arguments);
}

/// <summary>
/// Checks workflow definitions (the JSON <c>POST /api/metadata/workflow</c> takes: one object, or
/// an array of them) against the contracts of the workers that serve their SIMPLE tasks.
/// </summary>
internal sealed class WorkflowChecker
{
    private readonly string _text;
    private readonly WorkerContractSet _workers;
    private readonly CancellationToken _cancellationToken;
    private readonly List<WorkflowCheckFinding> _findings = new();
    private string? _workflowName;

    private WorkflowChecker(string text, WorkerContractSet workers, CancellationToken cancellationToken)
    {
        _text = text;
        _workers = workers;
        _cancellationToken = cancellationToken;
    }

    /// <param name="text">The JSON text.</param>
    /// <param name="sourceName">What the text is called in the message of a syntax error: a file name, say.</param>
    /// <param name="workers">The workers to check against.</param>
    /// <param name="cancellationToken">Stops the check.</param>
    public static List<WorkflowCheckFinding> Check(string text, string sourceName, WorkerContractSet workers, CancellationToken cancellationToken)
    {
        var checker = new WorkflowChecker(text, workers, cancellationToken);
        checker.Run(sourceName);
        return checker._findings;
    }

    private void Run(string sourceName)
    {
        JsonValue root;
        try
        {
            root = JsonReader.Parse(_text);
        }
        catch (JsonSyntaxException exception)
        {
            var at = Math.Min(exception.Position, _text.Length);
            Report(WorkflowRule.InvalidJson, new JsonSpan(at, at < _text.Length ? 1 : 0), "$", null, sourceName, exception.Message);
            return;
        }

        if (root.Kind == JsonKind.Array)
        {
            foreach (var item in root.Items)
            {
                CheckWorkflow(item);
            }
        }
        else
        {
            CheckWorkflow(root);
        }
    }

    /// <summary>A task of the workflow, where it sits, and what ran before it.</summary>
    private sealed class TaskNode
    {
        public TaskNode(JsonValue json)
        {
            Json = json;
            Name = json.StringOf("name");
            ReferenceName = json.StringOf("taskReferenceName");
            var type = json.StringOf("type");
            Type = string.IsNullOrEmpty(type) ? "SIMPLE" : type!;
        }

        public JsonValue Json { get; }

        public string? Name { get; }

        public string? ReferenceName { get; }

        public string Type { get; }

        /// <summary>Where a diagnostic about the task as a whole points: its name, else its opening brace.</summary>
        public JsonSpan Anchor => Json.Member("name")?.Value.Span ?? new JsonSpan(Json.Span.Start, 1);

        /// <summary>The JSON path of <see cref="Anchor"/>.</summary>
        public string AnchorPath => Json.Member("name")?.Value.Path ?? Json.Path;
    }

    private void CheckWorkflow(JsonValue workflow)
    {
        _workflowName = null;
        if (workflow.Kind != JsonKind.Object)
        {
            Report(WorkflowRule.RefusedDefinition, new JsonSpan(workflow.Span.Start, 1), workflow.Path, null, "a workflow definition is a JSON object (WorkflowDef)");
            return;
        }

        var anchor = workflow.Member("name")?.Value.Span ?? new JsonSpan(workflow.Span.Start, 1);
        var anchorPath = workflow.Member("name")?.Value.Path ?? workflow.Path;
        var workflowName = workflow.StringOf("name");
        _workflowName = workflowName;
        if (string.IsNullOrEmpty(workflowName))
        {
            // WorkflowDef#name: @NotEmpty.
            Report(WorkflowRule.RefusedDefinition, anchor, anchorPath, null, "the workflow has no name (WorkflowDef.name is @NotEmpty)");
        }

        if (workflow.Member("schemaVersion") is { } schemaVersion && schemaVersion.Value.Text != "2")
        {
            // WorkflowDef#schemaVersion: @Min(2) @Max(2).
            Report(WorkflowRule.RefusedDefinition, schemaVersion.Value.Span, schemaVersion.Value.Path, null, "schemaVersion must be 2 (WorkflowDef.schemaVersion is @Min(2) @Max(2))");
        }

        var tasks = workflow["tasks"];
        if (tasks is not { Kind: JsonKind.Array } || tasks.Items.Count == 0)
        {
            // WorkflowDef#tasks: @NotNull @NotEmpty.
            Report(WorkflowRule.RefusedDefinition, workflow.Member("tasks")?.Value.Span ?? anchor, workflow.Member("tasks")?.Value.Path ?? workflow.Path + ".tasks", null, "the workflow has no tasks (WorkflowDef.tasks is @NotEmpty)");
            return;
        }

        // Every task, in the order WorkflowDef#collectTasks lists them.
        var all = new List<TaskNode>();
        Collect(tasks, all);
        var byReference = new Dictionary<string, TaskNode>(StringComparer.Ordinal);
        foreach (var task in all)
        {
            CheckTaskShape(task);
            if (string.IsNullOrEmpty(task.ReferenceName))
            {
                continue;
            }

            if (byReference.ContainsKey(task.ReferenceName!))
            {
                // TaskReferenceNameUniqueConstraint.TaskReferenceNameUniqueValidator#isValid.
                Report(WorkflowRule.DuplicateReference, task.Json.Member("taskReferenceName")!.Value.Span, task.Json.Member("taskReferenceName")!.Value.Path, task.ReferenceName, task.ReferenceName!, workflowName ?? "");
            }
            else
            {
                byReference.Add(task.ReferenceName!, task);
            }
        }

        WalkSequence(tasks, new HashSet<string>(StringComparer.Ordinal), byReference);

        if (workflow["outputParameters"] is { } outputParameters)
        {
            CheckReferences(outputParameters, "workflow output", null, new HashSet<string>(byReference.Keys, StringComparer.Ordinal), byReference);
        }
    }

    private static void Collect(JsonValue list, List<TaskNode> into)
    {
        foreach (var item in list.Items)
        {
            if (item.Kind != JsonKind.Object)
            {
                continue;
            }

            into.Add(new TaskNode(item));
            foreach (var branch in Branches(item))
            {
                Collect(branch, into);
            }
        }
    }

    /// <summary>The task lists nested in a task: switch cases, the default case, fork branches, loop bodies.</summary>
    private static IEnumerable<JsonValue> Branches(JsonValue task)
    {
        if (task["decisionCases"] is { Kind: JsonKind.Object } cases)
        {
            foreach (var branch in cases.Members)
            {
                if (branch.Value.Kind == JsonKind.Array)
                {
                    yield return branch.Value;
                }
            }
        }

        if (task["defaultCase"] is { Kind: JsonKind.Array } defaultCase)
        {
            yield return defaultCase;
        }

        if (task["forkTasks"] is { Kind: JsonKind.Array } forks)
        {
            foreach (var branch in forks.Items)
            {
                if (branch.Kind == JsonKind.Array)
                {
                    yield return branch;
                }
            }
        }

        if (task["loopOver"] is { Kind: JsonKind.Array } loop)
        {
            yield return loop;
        }
    }

    /// <summary>The rules of WorkflowTask's bean validation and WorkflowTaskTypeConstraint.</summary>
    private void CheckTaskShape(TaskNode task)
    {
        var label = task.ReferenceName ?? task.Name ?? "?";
        if (string.IsNullOrEmpty(task.Name))
        {
            // WorkflowTask#name: @NotEmpty.
            Report(WorkflowRule.RefusedDefinition, task.Anchor, task.AnchorPath, task.ReferenceName, "a task has no name (WorkflowTask.name is @NotEmpty)");
        }

        if (string.IsNullOrEmpty(task.ReferenceName))
        {
            // WorkflowTask#taskReferenceName: @NotEmpty.
            Report(WorkflowRule.RefusedDefinition, task.Anchor, task.AnchorPath, null, "task '" + (task.Name ?? "?") + "' has no taskReferenceName (WorkflowTask.taskReferenceName is @NotEmpty)");
        }

        void Require(bool holds, string what)
        {
            if (!holds)
            {
                Report(WorkflowRule.RefusedDefinition, task.Anchor, task.AnchorPath, task.ReferenceName, task.Type + " task '" + label + "' " + what + " (WorkflowTaskTypeConstraint)");
            }
        }

        var json = task.Json;
        switch (task.Type)
        {
            case "SWITCH":
                // WorkflowTaskTypeConstraint#isSwitchTaskValid.
                Require(json["evaluatorType"] is { Kind: not JsonKind.Null }, "needs evaluatorType");
                Require(json["expression"] is { Kind: not JsonKind.Null }, "needs expression");
                Require(json["decisionCases"] is { Kind: JsonKind.Object, Members.Count: > 0 }, "needs at least one entry in decisionCases");
                break;
            case "DECISION":
                // WorkflowTaskTypeConstraint#isDecisionTaskValid.
                Require(json["caseValueParam"] is { Kind: not JsonKind.Null } || json["caseExpression"] is { Kind: not JsonKind.Null }, "needs caseValueParam or caseExpression");
                Require(json["decisionCases"] is { Kind: JsonKind.Object, Members.Count: > 0 }, "needs at least one entry in decisionCases");
                break;
            case "DO_WHILE":
                // WorkflowTaskTypeConstraint#isDoWhileTaskValid.
                Require(json["loopCondition"] is { Kind: not JsonKind.Null }, "needs loopCondition");
                Require(json["loopOver"] is { Kind: JsonKind.Array, Items.Count: > 0 }, "needs at least one task in loopOver");
                break;
            case "FORK_JOIN":
                // WorkflowTaskTypeConstraint#isForkJoinTaskValid.
                Require(json["forkTasks"] is { Kind: JsonKind.Array, Items.Count: > 0 }, "needs at least one branch in forkTasks");
                break;
            case "SUB_WORKFLOW":
                // WorkflowTaskTypeConstraint#isSubWorkflowTaskValid.
                Require(json["subWorkflowParam"] is { Kind: JsonKind.Object }, "needs subWorkflowParam");
                break;
        }
    }

    /// <summary>
    /// Goes through a list of tasks in the order they run. <paramref name="done"/> holds the reference
    /// names of the tasks that have run when the next one is scheduled: a fork's branches each start
    /// from what ran before the fork and do not see each other; after a switch, fork or loop,
    /// everything in it counts as run (a switch case that was not taken reads as null, as the server
    /// does).
    /// </summary>
    private void WalkSequence(JsonValue list, HashSet<string> done, IReadOnlyDictionary<string, TaskNode> byReference)
    {
        foreach (var item in list.Items)
        {
            _cancellationToken.ThrowIfCancellationRequested();
            if (item.Kind != JsonKind.Object)
            {
                continue;
            }

            var task = new TaskNode(item);
            var label = task.ReferenceName ?? task.Name ?? "?";
            if (task.Type == "DO_WHILE" && item["loopOver"] is { Kind: JsonKind.Array } body)
            {
                // A loop's tasks see the loop and, from the second iteration on, each other.
                var inLoop = new HashSet<string>(done, StringComparer.Ordinal);
                AddAll(body, inLoop);
                AddReference(task, inLoop);
                CheckTask(task, label, done, byReference);
                WalkSequence(body, inLoop, byReference);
            }
            else
            {
                CheckTask(task, label, done, byReference);
                var inside = new HashSet<string>(done, StringComparer.Ordinal);
                AddReference(task, inside);
                foreach (var branch in Branches(item))
                {
                    WalkSequence(branch, new HashSet<string>(inside, StringComparer.Ordinal), byReference);
                }
            }

            AddReference(task, done);
            foreach (var branch in Branches(item))
            {
                AddAll(branch, done);
            }
        }
    }

    private static void AddReference(TaskNode task, HashSet<string> into)
    {
        if (task.ReferenceName is { Length: > 0 } reference)
        {
            into.Add(reference);
        }
    }

    private static void AddAll(JsonValue list, HashSet<string> into)
    {
        var nested = new List<TaskNode>();
        Collect(list, nested);
        foreach (var task in nested)
        {
            AddReference(task, into);
        }
    }

    private void CheckTask(TaskNode task, string label, HashSet<string> done, IReadOnlyDictionary<string, TaskNode> byReference)
    {
        var inputParameters = task.Json["inputParameters"];
        if (inputParameters is not null)
        {
            CheckReferences(inputParameters, label, task.ReferenceName, done, byReference);
        }

        if (task.Type != "SIMPLE" || string.IsNullOrEmpty(task.Name))
        {
            return;
        }

        if (!_workers.TryGet(task.Name!, out var worker))
        {
            var closest = Closest(task.Name!, _workers.TaskNames);
            Report(WorkflowRule.UnservedTask, task.Json.Member("name")!.Value.Span, task.Json.Member("name")!.Value.Path, task.ReferenceName, task.Name!, closest is null ? "" : "; did you mean '" + closest + "'?");
            return;
        }

        var given = inputParameters is { Kind: JsonKind.Object } ? inputParameters.Members : Array.Empty<JsonMember>();
        var unknown = new List<string>();
        foreach (var member in given)
        {
            if (worker.Input.Properties.TryGetValue(member.Name, out var schema))
            {
                CheckType(member.Value, schema, member.Name, label, task.ReferenceName, worker);
                continue;
            }

            if (worker.Input.IsOpen)
            {
                continue;
            }

            unknown.Add(member.Name);
            var candidates = worker.Input.PropertyOrder.Where(key => !given.Any(other => other.Name == key));
            var closest = Closest(member.Name, candidates);
            Report(WorkflowRule.UnknownInput, member.NameSpan, member.Value.Path, task.ReferenceName, label, member.Name, worker.TaskName, closest is null ? "" : "; did you mean '" + closest + "'?");
        }

        var missingAt = task.Json.Member("inputParameters")?.NameSpan ?? task.Anchor;
        var missingPath = task.Json.Member("inputParameters")?.Value.Path ?? task.Json.Path + ".inputParameters";
        foreach (var required in worker.Input.Required)
        {
            if (given.Any(member => member.Name == required))
            {
                continue;
            }

            var closest = Closest(required, unknown);
            Report(WorkflowRule.MissingInput, missingAt, missingPath, task.ReferenceName, label, required, worker.TaskName, closest is null ? "" : "; '" + closest + "' is passed instead");
        }
    }

    /// <summary>
    /// Checks a literal against the schema the generator wrote for the parameter, as leniently as
    /// the generated binder reads (docs/binding.md, "Types and what they accept"). Expressions are not literals.
    /// </summary>
    private void CheckType(JsonValue value, JsonValue schema, string path, string label, string? taskReference, WorkerContract worker)
    {
        if (value.Kind == JsonKind.String && value.Text!.Contains("${"))
        {
            return;
        }

        var (type, nullable) = TypeOf(schema);
        if (type is null)
        {
            return;
        }

        if (value.Kind == JsonKind.Null)
        {
            if (!nullable)
            {
                Report(WorkflowRule.WrongInputType, value.Span, value.Path, taskReference, path, label, "null", worker.TaskName, Describe(type, schema) + " and no null");
            }

            return;
        }

        var accepted = type switch
        {
            "string" => value.Kind == JsonKind.String && IsEnumValue(value.Text!, schema)
                || value.Kind == JsonKind.Number && (schema["enum"] is not null || schema.StringOf("format") == "date-time")
                || value.Kind == JsonKind.Array && schema.StringOf("contentEncoding") == "base64",
            "boolean" => value.Kind is JsonKind.True or JsonKind.False
                || value.Kind == JsonKind.String && (string.Equals(value.Text, "true", StringComparison.OrdinalIgnoreCase) || string.Equals(value.Text, "false", StringComparison.OrdinalIgnoreCase)),
            "integer" => value.IsWholeNumber()
                || value.Kind == JsonKind.String && long.TryParse(value.Text, NumberStyles.Integer, CultureInfo.InvariantCulture, out _),
            "number" => value.Kind == JsonKind.Number
                || value.Kind == JsonKind.String && (double.TryParse(value.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out _) || value.Text is "NaN" or "Infinity" or "-Infinity"),
            "array" => value.Kind == JsonKind.Array,
            "object" => value.Kind == JsonKind.Object,
            _ => true,
        };

        if (!accepted)
        {
            Report(WorkflowRule.WrongInputType, value.Span, value.Path, taskReference, path, label, Describe(value), worker.TaskName, Describe(type, schema));
            return;
        }

        if (value.Kind == JsonKind.Array && type == "array" && schema["items"] is { Kind: JsonKind.Object } items)
        {
            for (var index = 0; index < value.Items.Count; index++)
            {
                CheckType(value.Items[index], items, path + "[" + index.ToString(CultureInfo.InvariantCulture) + "]", label, taskReference, worker);
            }
        }
        else if (value.Kind == JsonKind.Object && type == "object")
        {
            var properties = schema["properties"];
            var additional = schema["additionalProperties"];
            foreach (var member in value.Members)
            {
                var memberSchema = properties?[member.Name] ?? (additional is { Kind: JsonKind.Object } ? additional : null);
                if (memberSchema is not null)
                {
                    CheckType(member.Value, memberSchema, path + "." + member.Name, label, taskReference, worker);
                }
            }
        }
    }

    private static (string? Type, bool Nullable) TypeOf(JsonValue schema)
    {
        var type = schema["type"];
        if (type is { Kind: JsonKind.String })
        {
            return (type.Text, false);
        }

        if (type is { Kind: JsonKind.Array })
        {
            string? first = null;
            var nullable = false;
            foreach (var item in type.Items)
            {
                if (item.Text == "null")
                {
                    nullable = true;
                }
                else
                {
                    first ??= item.Text;
                }
            }

            return (first, nullable);
        }

        return (null, true);
    }

    private static bool IsEnumValue(string text, JsonValue schema)
    {
        if (schema["enum"] is not { Kind: JsonKind.Array } values)
        {
            return true;
        }

        // The binder takes a member's name in any case, or a defined member's number as a string.
        return values.Items.Any(item => item.Kind == JsonKind.String && string.Equals(item.Text, text, StringComparison.OrdinalIgnoreCase))
            || long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out _);
    }

    private static string Describe(JsonValue value) => value.Kind switch
    {
        JsonKind.String => "the string \"" + Shorten(value.Text!) + "\"",
        JsonKind.Number => "the number " + value.Text,
        JsonKind.True => "true",
        JsonKind.False => "false",
        JsonKind.Object => "an object",
        JsonKind.Array => "an array",
        _ => "null",
    };

    private static string Describe(string type, JsonValue schema)
    {
        if (schema["enum"] is { Kind: JsonKind.Array } values)
        {
            return "one of " + string.Join(", ", values.Items.Where(item => item.Kind == JsonKind.String).Select(item => "\"" + item.Text + "\""));
        }

        var format = schema.StringOf("format");
        return type switch
        {
            "string" => format is null ? "a string" : "a string (" + format + ")",
            "integer" => "a whole number",
            "number" => "a number",
            "boolean" => "true or false",
            "array" => "an array",
            "object" => "an object",
            _ => type,
        };
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text.Substring(0, 40) + "…";

    /// <summary>
    /// The <c>${ref.output.key}</c> references in every string of a value, however deeply nested
    /// (ConstraintParamUtil#validateInputParam walks maps and lists the same way).
    /// </summary>
    private void CheckReferences(JsonValue value, string label, string? taskReference, HashSet<string> done, IReadOnlyDictionary<string, TaskNode> byReference)
    {
        switch (value.Kind)
        {
            case JsonKind.Object:
                foreach (var member in value.Members)
                {
                    CheckReferences(member.Value, label, taskReference, done, byReference);
                }

                break;
            case JsonKind.Array:
                foreach (var item in value.Items)
                {
                    CheckReferences(item, label, taskReference, done, byReference);
                }

                break;
            case JsonKind.String:
                CheckExpressions(value, label, taskReference, done, byReference);
                break;
        }
    }

    private void CheckExpressions(JsonValue value, string label, string? taskReference, HashSet<string> done, IReadOnlyDictionary<string, TaskNode> byReference)
    {
        var text = value.Text!;
        var raw = _text.Substring(value.Span.Start, value.Span.Length);
        var rawCursor = 0;
        for (var start = text.IndexOf("${", StringComparison.Ordinal); start >= 0; start = text.IndexOf("${", start + 2, StringComparison.Ordinal))
        {
            if (start > 0 && text[start - 1] == '$')
            {
                continue; // "$${" is an escaped, literal "${".
            }

            var end = text.IndexOf('}', start);
            if (end < 0)
            {
                return;
            }

            var expression = text.Substring(start, end - start + 1);
            var path = expression.Substring(2, expression.Length - 3);
            var rawAt = raw.IndexOf(expression, rawCursor, StringComparison.Ordinal);
            var span = rawAt >= 0 ? new JsonSpan(value.Span.Start + rawAt, expression.Length) : value.Span;
            rawCursor = rawAt >= 0 ? rawAt + expression.Length : rawCursor;
            CheckPath(path, span, value.Path, label, taskReference, done, byReference);
        }
    }

    private void CheckPath(string path, JsonSpan span, string jsonPath, string label, string? taskReference, HashSet<string> done, IReadOnlyDictionary<string, TaskNode> byReference)
    {
        var components = path.Split('.');
        var reference = Strip(components[0]);

        // "workflow.*" is the workflow itself; a path with no dot is an environment or system parameter.
        if (reference == "workflow" || components.Length == 1)
        {
            return;
        }

        if (!byReference.TryGetValue(reference, out var target))
        {
            var closest = Closest(reference, byReference.Keys);
            Report(WorkflowRule.BadReference, span, jsonPath, taskReference, label, reference,
                "is no task reference name of this workflow" + (closest is null ? "" : "; did you mean '" + closest + "'?"));
            return;
        }

        if (!done.Contains(reference))
        {
            Report(WorkflowRule.BadReference, span, jsonPath, taskReference, label, reference, "has not run when '" + label + "' is scheduled (it runs later, or in a parallel fork branch)");
            return;
        }

        if (components.Length < 3 || Strip(components[1]) != "output" || target.Type != "SIMPLE"
            || target.Name is null || !_workers.TryGet(target.Name, out var worker) || worker.Output.IsOpen)
        {
            return;
        }

        var key = Strip(components[2]);
        if (!worker.Output.Properties.ContainsKey(key))
        {
            var closest = Closest(key, worker.Output.PropertyOrder);
            Report(WorkflowRule.UnknownOutput, span, jsonPath, taskReference, label, key, reference, worker.TaskName,
                closest is null ? "" : "; did you mean '" + closest + "'?");
        }
    }

    /// <summary>A path component without an index or filter (<c>items[0]</c> is <c>items</c>).</summary>
    private static string Strip(string component)
    {
        var bracket = component.IndexOf('[');
        return bracket >= 0 ? component.Substring(0, bracket) : component;
    }

    /// <summary>The candidate nearest to <paramref name="name"/>, if one is near enough to be a typo of it.</summary>
    internal static string? Closest(string name, IEnumerable<string> candidates)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in candidates)
        {
            var distance = Distance(name.ToLowerInvariant(), candidate.ToLowerInvariant());
            var allowed = Math.Min(name.Length, candidate.Length) <= 3 ? 1 : Math.Max(2, Math.Max(name.Length, candidate.Length) / 5);
            if (distance <= allowed && distance < bestDistance)
            {
                best = candidate;
                bestDistance = distance;
            }
        }

        return best;
    }

    /// <summary>Edit distance with transpositions (optimal string alignment).</summary>
    private static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }

    private void Report(WorkflowRule rule, JsonSpan span, string path, string? taskReference, params object[] arguments) =>
        _findings.Add(new WorkflowCheckFinding(rule, span, path, _workflowName, taskReference, arguments));
}
