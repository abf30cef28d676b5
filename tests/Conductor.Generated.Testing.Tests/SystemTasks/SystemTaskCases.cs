using System.Text.Json;
using System.Text.Json.Nodes;

namespace Conductor.Generated.Testing.Tests.SystemTasks;

// Real server, for the system tasks (paths under core/src/main/java/com/netflix/conductor/core/execution/):
//   DeciderService#decide, #getNextTask, #retry, #checkForWorkflowCompletion   DeciderService.java
//   WorkflowExecutorOps#endExecution, #terminate, #scheduleNextIteration        WorkflowExecutorOps.java
//   mapper/*TaskMapper#getMappedTasks, tasks/*#start, #execute                   mapper/, tasks/
//   HttpTask#start (http-task module), JsonJqTransform#start (json-jq-task module)
//   WorkflowTask#next, WorkflowDef#getNextTask   common/src/main/java/com/netflix/conductor/common/metadata/workflow/
//   WorkflowTaskTypeConstraint                   core/src/main/java/com/netflix/conductor/validations/

/// <summary>
/// One workflow per system task, as the JSON an SDK registers, with its input and what the ended
/// run must show. The HTTP tests register and start them over HTTP; the in-process tests through
/// <see cref="ConductorTestServer"/>; both check the run's JSON.
/// </summary>
public static class SystemTaskCases
{
    public sealed record SystemTaskCase(string Name, string DefinitionJson, string InputJson, Action<JsonNode> Check)
    {
        public override string ToString() => Name;
    }

    public static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    public static WorkflowDef Definition(string json) => JsonSerializer.Deserialize<WorkflowDef>(json, Web)!;

    public static JsonNode ToJson(WorkflowExecution execution) => JsonSerializer.SerializeToNode(execution, Web)!;

    /// <summary>The run's tasks with the given reference name, in order.</summary>
    public static JsonNode Task(JsonNode workflow, string referenceName) =>
        workflow["tasks"]!.AsArray().Last(task => (string?)task!["referenceTaskName"] == referenceName)!;

    public static List<string> ReferenceNames(JsonNode workflow) =>
        [.. workflow["tasks"]!.AsArray().Select(task => (string)task!["referenceTaskName"]!)];

    private static void Completed(JsonNode workflow) =>
        Assert.True((string?)workflow["status"] == "COMPLETED", $"Workflow ended {workflow["status"]}: {workflow["reasonForIncompletion"]}");

    public static IEnumerable<SystemTaskCase> All()
    {
        // SwitchTaskMapper#getMappedTasks (value-param): the case's first task, evaluationResult, selectedCase; Switch#execute completes.
        yield return new SystemTaskCase(
            "switch_value_param",
            """
            {"name":"switch_value_param","tasks":[
              {"name":"pick","taskReferenceName":"pick","type":"SWITCH","evaluatorType":"value-param","expression":"kind",
               "inputParameters":{"kind":"${workflow.input.kind}"},
               "decisionCases":{"a":[{"name":"in_a","taskReferenceName":"in_a","type":"INLINE","inputParameters":{"evaluatorType":"javascript","expression":"'A'"}}]},
               "defaultCase":[{"name":"in_default","taskReferenceName":"in_default","type":"INLINE","inputParameters":{"evaluatorType":"javascript","expression":"'D'"}}]},
              {"name":"after","taskReferenceName":"after","type":"NOOP"}]}
            """,
            """{"kind":"a"}""",
            workflow =>
            {
                Completed(workflow);
                Assert.Equal(["pick", "in_a", "after"], ReferenceNames(workflow));
                var pick = Task(workflow, "pick");
                Assert.Equal("SWITCH", (string?)pick["taskType"]);
                Assert.Equal("a", (string?)pick["outputData"]!["evaluationResult"]![0]);
                Assert.Equal("a", (string?)pick["outputData"]!["selectedCase"]);
                Assert.Equal("A", (string?)Task(workflow, "in_a")["outputData"]!["result"]);
            });

        // ParametersUtils#replaceVariables reads ${...} with Jayway JsonPath (SUPPRESS_EXCEPTIONS):
        // wildcards, filters, deep scans, slices and functions in a SET_VARIABLE's input, lists
        // written into text as JSON, and a SWITCH value-param on a function's result.
        yield return new SystemTaskCase(
            "jsonpath_expressions",
            """
            {"name":"jsonpath_expressions","tasks":[
              {"name":"pick","taskReferenceName":"pick","type":"SET_VARIABLE","inputParameters":{
                 "ids":"${workflow.input.orders[*].id}",
                 "paid":"${workflow.input.orders[?(@.status == 'PAID')].id}",
                 "big":"${workflow.input.orders[?(@.total > 100 && @.status != 'NEW')].id}",
                 "skus":"${workflow.input..sku}",
                 "lastTwo":"${workflow.input.orders[-2:].id}",
                 "none":"${workflow.input.orders[?(@.status == 'LOST')]}",
                 "text":"paid: ${workflow.input.orders[?(@.status == 'PAID')].id}"}},
              {"name":"route","taskReferenceName":"route","type":"SWITCH","evaluatorType":"value-param","expression":"count",
               "inputParameters":{"count":"${workflow.input.orders.length()}"},
               "decisionCases":{"3":[{"name":"three","taskReferenceName":"three","type":"NOOP"}]},
               "defaultCase":[{"name":"other","taskReferenceName":"other","type":"NOOP"}]}],
             "outputParameters":{"paid":"${workflow.variables.paid}","firstSku":"${pick.input.skus[0]}","total":"${workflow.input.totals.sum()}"}}
            """,
            """{"orders":[{"id":"o1","status":"PAID","total":120,"lines":[{"sku":"A"}]},{"id":"o2","status":"NEW","total":300,"lines":[{"sku":"B"},{"sku":"C"}]},{"id":"o3","status":"PAID","total":40,"lines":[]}],"totals":[120,300,40]}""",
            workflow =>
            {
                Completed(workflow);
                Assert.Equal(["pick", "route", "three"], ReferenceNames(workflow));
                var variables = workflow["variables"]!;
                Assert.Equal("""["o1","o2","o3"]""", variables["ids"]!.ToJsonString());
                Assert.Equal("""["o1","o3"]""", variables["paid"]!.ToJsonString());
                Assert.Equal("""["o1"]""", variables["big"]!.ToJsonString());
                Assert.Equal("""["A","B","C"]""", variables["skus"]!.ToJsonString());
                Assert.Equal("""["o2","o3"]""", variables["lastTwo"]!.ToJsonString());
                Assert.Equal("[]", variables["none"]!.ToJsonString());
                Assert.Equal("""paid: ["o1","o3"]""", (string?)variables["text"]);
                Assert.Equal("3", (string?)Task(workflow, "route")["outputData"]!["selectedCase"]);
                Assert.Equal("""["o1","o3"]""", workflow["output"]!["paid"]!.ToJsonString());
                Assert.Equal("A", (string?)workflow["output"]!["firstSku"]);
                Assert.Equal(460.0, (double)workflow["output"]!["total"]!);
            });

        // A JSONPath construct the test server does not implement fails the run naming it,
        // instead of reading null where the real server reads a value.
        yield return new SystemTaskCase(
            "jsonpath_unsupported",
            """
            {"name":"jsonpath_unsupported","tasks":[
              {"name":"pick","taskReferenceName":"pick","type":"SET_VARIABLE","inputParameters":{"first":"${workflow.input..[0].id}"}}]}
            """,
            """{"orders":[{"id":"o1"}]}""",
            workflow =>
            {
                Assert.Equal("FAILED", (string?)workflow["status"]);
                Assert.Equal(
                    "The JSONPath expression '${workflow.input..[0].id}' uses a deep scan '..' followed by an array index or slice and further steps, which is not supported by the Conductor test server",
                    (string?)workflow["reasonForIncompletion"]);
            });

        // The same in the workflow's outputParameters: the run that was completing fails naming it.
        yield return new SystemTaskCase(
            "jsonpath_unsupported_in_output",
            """
            {"name":"jsonpath_unsupported_in_output","tasks":[{"name":"n","taskReferenceName":"n","type":"NOOP"}],
             "outputParameters":{"ids":"${workflow.input..*.id}"}}
            """,
            """{"orders":[{"id":"o1"}]}""",
            workflow =>
            {
                Assert.Equal("FAILED", (string?)workflow["status"]);
                Assert.Equal(
                    "The JSONPath expression '${workflow.input..*.id}' uses a deep scan '..' followed by '*' and further steps, which is not supported by the Conductor test server",
                    (string?)workflow["reasonForIncompletion"]);
            });

        // SwitchTaskMapper#getMappedTasks (javascript): no matching case, so the defaultCase.
        yield return new SystemTaskCase(
            "switch_javascript_default",
            """
            {"name":"switch_javascript_default","tasks":[
              {"name":"pick","taskReferenceName":"pick","type":"SWITCH","evaluatorType":"javascript","expression":"$.n > 5 ? 'big' : 'small'",
               "inputParameters":{"n":"${workflow.input.n}"},
               "decisionCases":{"big":[{"name":"in_big","taskReferenceName":"in_big","type":"NOOP"}]},
               "defaultCase":[{"name":"in_small","taskReferenceName":"in_small","type":"NOOP"}]}]}
            """,
            """{"n":2}""",
            workflow =>
            {
                Completed(workflow);
                Assert.Equal(["pick", "in_small"], ReferenceNames(workflow));
                Assert.Equal("small", (string?)Task(workflow, "pick")["outputData"]!["evaluationResult"]![0]);
            });

        // DecisionTaskMapper#getMappedTasks: caseValueParam, output caseOutput.
        yield return new SystemTaskCase(
            "decision_case_value_param",
            """
            {"name":"decision_case_value_param","tasks":[
              {"name":"decide","taskReferenceName":"decide","type":"DECISION","caseValueParam":"kind",
               "inputParameters":{"kind":"${workflow.input.kind}"},
               "decisionCases":{"x":[{"name":"in_x","taskReferenceName":"in_x","type":"NOOP"}],
                                "y":[{"name":"in_y","taskReferenceName":"in_y","type":"NOOP"}]}}]}
            """,
            """{"kind":"y"}""",
            workflow =>
            {
                Completed(workflow);
                Assert.Equal(["decide", "in_y"], ReferenceNames(workflow));
                Assert.Equal("y", (string?)Task(workflow, "decide")["outputData"]!["caseOutput"]![0]);
            });

        // DecisionTaskMapper#getEvaluatedCaseValue: caseExpression through the script evaluator.
        yield return new SystemTaskCase(
            "decision_case_expression",
            """
            {"name":"decision_case_expression","tasks":[
              {"name":"decide","taskReferenceName":"decide","type":"DECISION","caseExpression":"$.n % 2 == 0 ? 'even' : 'odd'",
               "inputParameters":{"n":"${workflow.input.n}"},
               "decisionCases":{"even":[{"name":"in_even","taskReferenceName":"in_even","type":"NOOP"}],
                                "odd":[{"name":"in_odd","taskReferenceName":"in_odd","type":"NOOP"}]}}]}
            """,
            """{"n":7}""",
            workflow =>
            {
                Completed(workflow);
                Assert.Equal(["decide", "in_odd"], ReferenceNames(workflow));
            });

        // ForkJoinTaskMapper#getMappedTasks and Join#execute: branches run, the JOIN's output holds each joinOn task's output.
        yield return new SystemTaskCase(
            "fork_join",
            """
            {"name":"fork_join","tasks":[
              {"name":"fork","taskReferenceName":"fork","type":"FORK_JOIN","forkTasks":[
                [{"name":"left","taskReferenceName":"left","type":"INLINE","inputParameters":{"evaluatorType":"javascript","expression":"'L'"}},
                 {"name":"left2","taskReferenceName":"left2","type":"INLINE","inputParameters":{"evaluatorType":"javascript","expression":"'L2'"}}],
                [{"name":"right","taskReferenceName":"right","type":"INLINE","inputParameters":{"evaluatorType":"javascript","expression":"'R'"}}]]},
              {"name":"join","taskReferenceName":"join","type":"JOIN","joinOn":["left2","right"]},
              {"name":"after","taskReferenceName":"after","type":"INLINE","inputParameters":{"evaluatorType":"javascript","expression":"$.l + $.r","l":"${join.output.left2.result}","r":"${join.output.right.result}"}}]}
            """,
            "{}",
            workflow =>
            {
                Completed(workflow);
                Assert.Equal("FORK", (string?)Task(workflow, "fork")["taskType"]);
                var join = Task(workflow, "join");
                Assert.Equal("JOIN", (string?)join["taskType"]);
                Assert.Equal("L2", (string?)join["outputData"]!["left2"]!["result"]);
                Assert.Equal("R", (string?)join["outputData"]!["right"]!["result"]);
                Assert.Equal("L2R", (string?)Task(workflow, "after")["outputData"]!["result"]);
            });

        // ForkJoinDynamicTaskMapper#getDynamicForkTasksAndInput: the task list and the inputs by reference name.
        yield return new SystemTaskCase(
            "fork_join_dynamic",
            """
            {"name":"fork_join_dynamic","tasks":[
              {"name":"dyn","taskReferenceName":"dyn","type":"FORK_JOIN_DYNAMIC","dynamicForkTasksParam":"tasks","dynamicForkTasksInputParamName":"inputs",
               "inputParameters":{"tasks":"${workflow.input.tasks}","inputs":"${workflow.input.inputs}"}},
              {"name":"join","taskReferenceName":"join","type":"JOIN"}]}
            """,
            """
            {"tasks":[{"name":"one","taskReferenceName":"one","type":"INLINE"},{"name":"two","taskReferenceName":"two","type":"INLINE"}],
             "inputs":{"one":{"evaluatorType":"javascript","expression":"$.v * 2","v":1},"two":{"evaluatorType":"javascript","expression":"$.v * 2","v":2}}}
            """,
            workflow =>
            {
                Completed(workflow);
                var join = Task(workflow, "join");
                Assert.Equal(2, (int)join["outputData"]!["one"]!["result"]!);
                Assert.Equal(4, (int)join["outputData"]!["two"]!["result"]!);
                Assert.Equal(["one", "two"], Task(workflow, "dyn")["inputData"]!["forkedTasks"]!.AsArray().Select(name => (string)name!));
            });

        // ForkJoinDynamicTaskMapper#getDynamicTasksSimple: forkTaskType/forkTaskInputs, tasks named _name_index.
        yield return new SystemTaskCase(
            "fork_join_dynamic_simple",
            """
            {"name":"fork_join_dynamic_simple","tasks":[
              {"name":"dyn","taskReferenceName":"dyn","type":"FORK_JOIN_DYNAMIC",
               "inputParameters":{"forkTaskType":"INLINE","forkTaskInputs":"${workflow.input.items}"}},
              {"name":"join","taskReferenceName":"join","type":"JOIN"}]}
            """,
            """{"items":[{"evaluatorType":"javascript","expression":"$.word.toUpperCase()","word":"a"},{"evaluatorType":"javascript","expression":"$.word.toUpperCase()","word":"b"}]}""",
            workflow =>
            {
                Completed(workflow);
                var join = Task(workflow, "join");
                Assert.Equal("A", (string?)join["outputData"]!["_INLINE_0"]!["result"]);
                Assert.Equal("B", (string?)join["outputData"]!["_INLINE_1"]!["result"]);
                Assert.Equal(1, (int)Task(workflow, "_INLINE_1")["inputData"]!["__index"]!);
            });

        // DoWhile#execute: iteration-suffixed tasks, output by iteration, loopCondition over the loop's output.
        yield return new SystemTaskCase(
            "do_while",
            """
            {"name":"do_while","tasks":[
              {"name":"loop","taskReferenceName":"loop","type":"DO_WHILE","loopCondition":"$.loop['iteration'] < $.times",
               "inputParameters":{"times":"${workflow.input.times}"},
               "loopOver":[
                 {"name":"square","taskReferenceName":"square","type":"INLINE","inputParameters":{"evaluatorType":"javascript","expression":"$.i * $.i","i":"${loop.output.iteration}"}},
                 {"name":"note","taskReferenceName":"note","type":"NOOP"}]}]}
            """,
            """{"times":3}""",
            workflow =>
            {
                Completed(workflow);
                Assert.Equal(["loop", "square__1", "note__1", "square__2", "note__2", "square__3", "note__3"], ReferenceNames(workflow));
                var loop = Task(workflow, "loop");
                Assert.Equal(3, (int)loop["iteration"]!);
                Assert.Equal(3, (int)loop["outputData"]!["iteration"]!);
                Assert.Equal(4, (int)loop["outputData"]!["2"]!["square"]!["result"]!);
                Assert.Equal(9, (int)loop["outputData"]!["3"]!["square"]!["result"]!);
                var square2 = Task(workflow, "square__2");
                Assert.Equal(2, (int)square2["iteration"]!);
                Assert.True((bool)square2["loopOverTask"]!);
            });

        // DoWhile#evaluateItemsList and #injectLoopVariables: one iteration per item while the
        // condition holds, loopItem and loopIndex on the output.
        yield return new SystemTaskCase(
            "do_while_items",
            """
            {"name":"do_while_items","tasks":[
              {"name":"loop","taskReferenceName":"loop","type":"DO_WHILE","items":"${workflow.input.words}","loopCondition":"true",
               "loopOver":[
                 {"name":"shout","taskReferenceName":"shout","type":"INLINE","inputParameters":{"evaluatorType":"javascript","expression":"$.w + '!'","w":"${loop.output.loopItem}"}}]}]}
            """,
            """{"words":["a","b","c"]}""",
            workflow =>
            {
                Completed(workflow);
                var loop = Task(workflow, "loop");
                Assert.Equal(3, (int)loop["iteration"]!);
                Assert.Equal("a!", (string?)loop["outputData"]!["1"]!["shout"]!["result"]);
                Assert.Equal("c!", (string?)loop["outputData"]!["3"]!["shout"]!["result"]);
            });

        // SetVariable#execute: variables on the run, read as ${workflow.variables.x}.
        yield return new SystemTaskCase(
            "set_variable",
            """
            {"name":"set_variable","tasks":[
              {"name":"set","taskReferenceName":"set","type":"SET_VARIABLE","inputParameters":{"greeting":"hello ${workflow.input.name}"}},
              {"name":"read","taskReferenceName":"read","type":"INLINE","inputParameters":{"evaluatorType":"javascript","expression":"$.g","g":"${workflow.variables.greeting}"}}]}
            """,
            """{"name":"ada"}""",
            workflow =>
            {
                Completed(workflow);
                Assert.Equal("hello ada", (string?)workflow["variables"]!["greeting"]);
                Assert.Equal("hello ada", (string?)Task(workflow, "read")["outputData"]!["result"]);
            });

        // Inline#execute: $ is the input; result on the output.
        yield return new SystemTaskCase(
            "inline",
            """
            {"name":"inline","tasks":[
              {"name":"calc","taskReferenceName":"calc","type":"INLINE","inputParameters":{"evaluatorType":"graaljs","expression":"(function(){ return {sum: $.a + $.b, list: [$.a, $.b]}; })()","a":"${workflow.input.a}","b":2}}]}
            """,
            """{"a":40}""",
            workflow =>
            {
                Completed(workflow);
                var result = Task(workflow, "calc")["outputData"]!["result"]!;
                Assert.Equal(42, (int)result["sum"]!);
                Assert.Equal(40, (int)result["list"]![0]!);
                Assert.Equal(42, (int)workflow["output"]!["result"]!["sum"]!);
            });

        // JsonJqTransform#start: queryExpression over the input; result and resultList.
        yield return new SystemTaskCase(
            "json_jq_transform",
            """
            {"name":"json_jq_transform","tasks":[
              {"name":"jq","taskReferenceName":"jq","type":"JSON_JQ_TRANSFORM","inputParameters":{"queryExpression":".people | map(.name)","people":"${workflow.input.people}"}}]}
            """,
            """{"people":[{"name":"ada"},{"name":"alan"}]}""",
            workflow =>
            {
                Completed(workflow);
                var output = Task(workflow, "jq")["outputData"]!;
                Assert.Equal("""["ada","alan"]""", output["result"]!.ToJsonString());
                Assert.Equal("""[["ada","alan"]]""", output["resultList"]!.ToJsonString());
            });

        // Lambda#execute: scriptExpression with $ = the input, output result.
        yield return new SystemTaskCase(
            "lambda",
            """
            {"name":"lambda","tasks":[
              {"name":"calc","taskReferenceName":"calc","type":"LAMBDA","inputParameters":{"scriptExpression":"if ($.a > 1) { return {big: true}; } else { return {big: false}; }","a":"${workflow.input.a}"}}]}
            """,
            """{"a":2}""",
            workflow =>
            {
                Completed(workflow);
                Assert.True((bool)Task(workflow, "calc")["outputData"]!["result"]!["big"]!);
            });

        // StartWorkflow#start: fire and forget (here with an inline definition), output workflowId.
        yield return new SystemTaskCase(
            "start_workflow",
            """
            {"name":"start_workflow","tasks":[
              {"name":"start","taskReferenceName":"start","type":"START_WORKFLOW","inputParameters":{"startWorkflow":{"name":"other","input":{"x":"${workflow.input.x}"},
                "workflowDef":{"name":"other","tasks":[{"name":"hold","taskReferenceName":"hold","type":"HUMAN"}]}}}}]}
            """,
            """{"x":"y"}""",
            workflow =>
            {
                Completed(workflow);
                Assert.Equal("START_WORKFLOW", (string?)Task(workflow, "start")["taskType"]);
                Assert.Equal(36, ((string?)Task(workflow, "start")["outputData"]!["workflowId"])?.Length);
            });

        // Noop#execute.
        yield return new SystemTaskCase(
            "noop",
            """{"name":"noop","tasks":[{"name":"nothing","taskReferenceName":"nothing","type":"NOOP"}]}""",
            "{}",
            workflow =>
            {
                Completed(workflow);
                Assert.Equal("COMPLETED", (string?)Task(workflow, "nothing")["status"]);
                Assert.Equal("NOOP", (string?)Task(workflow, "nothing")["taskType"]);
            });

        // Terminate#execute and WorkflowExecutorOps#endExecution: COMPLETED with workflowOutput; nothing after it runs.
        yield return new SystemTaskCase(
            "terminate_completed",
            """
            {"name":"terminate_completed","tasks":[
              {"name":"stop","taskReferenceName":"stop","type":"TERMINATE","inputParameters":{"terminationStatus":"COMPLETED","workflowOutput":{"why":"${workflow.input.why}"}}},
              {"name":"never","taskReferenceName":"never","type":"NOOP"}]}
            """,
            """{"why":"done early"}""",
            workflow =>
            {
                Completed(workflow);
                Assert.Equal(["stop"], ReferenceNames(workflow));
                Assert.Equal("done early", (string?)workflow["output"]!["why"]);
                Assert.StartsWith("Workflow is COMPLETED by TERMINATE task: ", (string?)workflow["reasonForIncompletion"]);
            });

        // WorkflowExecutorOps#endExecution: FAILED with terminationReason.
        yield return new SystemTaskCase(
            "terminate_failed",
            """
            {"name":"terminate_failed","tasks":[
              {"name":"stop","taskReferenceName":"stop","type":"TERMINATE","inputParameters":{"terminationStatus":"FAILED","terminationReason":"bad input"}}]}
            """,
            "{}",
            workflow =>
            {
                Assert.Equal("FAILED", (string?)workflow["status"]);
                Assert.Equal("bad input", (string?)workflow["reasonForIncompletion"]);
                // WorkflowExecutorOps#terminate: the TERMINATE task is the failed task id, yet is
                // not a failed task (it completed), so no name is listed.
                Assert.Equal((string?)Task(workflow, "stop")["taskId"], (string?)workflow["failedTaskId"]);
                Assert.Empty(workflow["failedReferenceTaskNames"]!.AsArray());
                Assert.Empty(workflow["failedTaskNames"]!.AsArray());
            });

        // Event#start and #computeQueueName: the payload and the queue on the output; delivered nowhere.
        yield return new SystemTaskCase(
            "event",
            """
            {"name":"event","tasks":[
              {"name":"notify","taskReferenceName":"notify","type":"EVENT","sink":"conductor","inputParameters":{"order":"${workflow.input.order}"}}]}
            """,
            """{"order":7}""",
            workflow =>
            {
                Completed(workflow);
                var output = Task(workflow, "notify")["outputData"]!;
                Assert.Equal("conductor:event:notify", (string?)output["event_produced"]);
                Assert.Equal(7, (int)output["order"]!);
                Assert.Equal((string?)workflow["workflowId"], (string?)output["workflowInstanceId"]);
            });

        // DeciderService#decide with an optional task: a failed optional INLINE is COMPLETED_WITH_ERRORS and the run goes on.
        yield return new SystemTaskCase(
            "optional_failure",
            """
            {"name":"optional_failure","tasks":[
              {"name":"boom","taskReferenceName":"boom","type":"INLINE","optional":true,"inputParameters":{"evaluatorType":"javascript","expression":"throw new Error('nope')"}},
              {"name":"after","taskReferenceName":"after","type":"NOOP"}]}
            """,
            "{}",
            workflow =>
            {
                Completed(workflow);
                var boom = Task(workflow, "boom");
                Assert.Equal("COMPLETED_WITH_ERRORS", (string?)boom["status"]);
                Assert.Contains("nope", (string?)boom["outputData"]!["error"]);
            });

        // Inline#execute failing, DeciderService#retry: a failed system task without a registered definition is not retried.
        yield return new SystemTaskCase(
            "inline_failure",
            """
            {"name":"inline_failure","tasks":[
              {"name":"boom","taskReferenceName":"boom","type":"INLINE","inputParameters":{"evaluatorType":"javascript","expression":"$.missing.field"}}]}
            """,
            "{}",
            workflow =>
            {
                Assert.Equal("FAILED", (string?)workflow["status"]);
                Assert.Equal(["boom"], ReferenceNames(workflow));
                Assert.StartsWith($"Task {Task(workflow, "boom")["taskId"]} failed with status: FAILED and reason: '", (string?)workflow["reasonForIncompletion"]);
                Assert.Equal(["boom"], workflow["failedReferenceTaskNames"]!.AsArray().Select(name => (string)name!));
            });
    }

    /// <summary>The child of the SUB_WORKFLOW cases: doubles its input.</summary>
    public const string ChildJson = """
        {"name":"child","version":1,"tasks":[
          {"name":"double","taskReferenceName":"double","type":"INLINE","inputParameters":{"evaluatorType":"javascript","expression":"$.n * 2","n":"${workflow.input.n}"}}],
         "outputParameters":{"doubled":"${double.output.result}","parent":"${workflow.parentWorkflowId}"}}
        """;

    /// <summary>A child that fails through a TERMINATE task.</summary>
    public const string FailingChildJson = """
        {"name":"failing_child","tasks":[
          {"name":"stop","taskReferenceName":"stop","type":"TERMINATE","inputParameters":{"terminationStatus":"FAILED","terminationReason":"child gave up"}}]}
        """;

    /// <summary>
    /// SWITCH, FORK_JOIN, DO_WHILE and SUB_WORKFLOW together, around two worker tasks: the switch
    /// picks the fork, one branch loops over kit_log_and_sum, the other runs the child workflow,
    /// and kit_greet ends the run.
    /// </summary>
    public const string CombinedJson = """
        {"name":"combined","tasks":[
          {"name":"route","taskReferenceName":"route","type":"SWITCH","evaluatorType":"javascript","expression":"$.mode == 'full' ? 'full' : 'short'",
           "inputParameters":{"mode":"${workflow.input.mode}"},
           "decisionCases":{
             "full":[
               {"name":"fork","taskReferenceName":"fork","type":"FORK_JOIN","forkTasks":[
                 [{"name":"loop","taskReferenceName":"loop","type":"DO_WHILE","loopCondition":"$.loop['iteration'] < 2",
                   "loopOver":[{"name":"kit_log_and_sum","taskReferenceName":"sum","inputParameters":{"a":"${loop.output.iteration}","b":10}}]}],
                 [{"name":"child","taskReferenceName":"sub","type":"SUB_WORKFLOW","subWorkflowParam":{"name":"child","version":1},"inputParameters":{"n":"${workflow.input.n}"}}]]},
               {"name":"join","taskReferenceName":"join","type":"JOIN","joinOn":["loop","sub"]}]},
           "defaultCase":[{"name":"skipped","taskReferenceName":"skipped","type":"NOOP"}]},
          {"name":"kit_greet","taskReferenceName":"greet","inputParameters":{"name":"${workflow.input.who}"}}],
         "outputParameters":{"greeting":"${greet.output.message}","lastSum":"${sum.output.sum}","doubled":"${join.output.sub.doubled}"}}
        """;

    /// <summary>What the combined workflow's run must show, however it was driven.</summary>
    public static void CheckCombined(JsonNode workflow)
    {
        Completed(workflow);
        // Scheduling order: the switch, its fork, the first task of each branch (the loop starts
        // its first iteration at once), the join; then the second iteration and the last task.
        Assert.Equal(["route", "fork", "loop", "sum__1", "sub", "join", "sum__2", "greet"], ReferenceNames(workflow));
        Assert.Equal("full", (string?)Task(workflow, "route")["outputData"]!["evaluationResult"]![0]);
        Assert.Equal(12, (int)workflow["output"]!["lastSum"]!);
        Assert.Equal(42, (int)workflow["output"]!["doubled"]!);
        Assert.Equal("Hello ada!", (string?)workflow["output"]!["greeting"]);
        Assert.Equal(11, (int)Task(workflow, "loop")["outputData"]!["1"]!["sum"]!["sum"]!);
        Assert.False(string.IsNullOrEmpty((string?)Task(workflow, "sub")["subWorkflowId"]));
    }
}
