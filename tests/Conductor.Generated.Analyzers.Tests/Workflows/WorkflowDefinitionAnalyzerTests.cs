using Conductor.Generated.Analyzers.Workflows;
using Verify = Conductor.Generated.Analyzers.Tests.Verification.WorkflowVerifier;

namespace Conductor.Generated.Analyzers.Tests.Workflows;

public sealed class WorkflowDefinitionAnalyzerTests
{
    private const string Workers = """
        using System.Text.Json;
        using System.Text.Json.Serialization;

        namespace Shop;

        public sealed record Charge(string ChargeId, decimal Amount);

        public sealed record Address(string Street, string City);

        public enum Channel { Email, Sms }

        [JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
        [JsonSerializable(typeof(Charge))]
        [JsonSerializable(typeof(Address))]
        public partial class ShopJsonContext : JsonSerializerContext;

        public static class Workers
        {
            [WorkerTask("charge")]
            public static Charge ChargeCard(string customerId, decimal amount, string currency = "EUR", int? attempt = null) => new("c-1", amount);

            [WorkerTask("send_receipt")]
            public static string SendReceipt(string chargeId, Channel channel, bool copyToAccounting, IReadOnlyList<int> lines) => "sent";

            [WorkerTask("ship")]
            public static string Ship(Address address, Dictionary<string, int> quantities) => "shipped";

            [WorkerTask("process_notification_payload")]
            public static string ProcessNotificationPayload(JsonElement payload) => "ok";

            [WorkerTask("audit")]
            public static void Audit([TaskInput] JsonElement input) { }

            [WorkerTask("tally")]
            public static void Tally(Dictionary<string, int> counts) { }

            [WorkerTask("email_notification")]
            public static void Email(string? to) { }

            [WorkerTask("sms_notification")]
            public static void Sms(string? to) { }
        }
        """;

    [Fact]
    public async Task Input_keys_the_worker_does_not_read_and_required_keys_not_passed_are_reported_with_the_closest_key()
    {
        const string workflow = """
            {
              "name": "order",
              "tasks": [
                {
                  "name": "charge",
                  "taskReferenceName": "charge_ref",
                  "type": "SIMPLE",
                  {|#1:"inputParameters"|}: {
                    "customerId": "${workflow.input.customer}",
                    {|#0:"amout"|}: "${workflow.input.amount}",
                    "currency": "EUR"
                  }
                }
              ]
            }
            """;

        await Verify.VerifyAsync(
            Workers,
            workflow,
            Verify.Diagnostic(WorkflowDiagnostics.UnknownInput, 0, "Task 'charge_ref' passes input 'amout', which worker 'charge' does not read; did you mean 'amount'?"),
            Verify.Diagnostic(WorkflowDiagnostics.MissingInput, 1, "Task 'charge_ref' does not pass input 'amount', which worker 'charge' requires; 'amout' is passed instead"));
    }

    [Fact]
    public async Task A_worker_taking_its_whole_input_as_a_json_element_accepts_any_key_and_a_dictionary_checks_its_values()
    {
        const string workflow = """
            {
              "name": "order",
              "tasks": [
                { "name": "audit", "taskReferenceName": "audit_ref", "inputParameters": { "anything": 1, "else": [true] } },
                { "name": "tally", "taskReferenceName": "tally_ref", {|#1:"inputParameters"|}: { {|#0:"count"|}: { "apples": 1 } } }
              ]
            }
            """;

        await Verify.VerifyAsync(
            Workers,
            workflow,
            Verify.Diagnostic(WorkflowDiagnostics.UnknownInput, 0, "Task 'tally_ref' passes input 'count', which worker 'tally' does not read; did you mean 'counts'?"),
            Verify.Diagnostic(WorkflowDiagnostics.MissingInput, 1, "Task 'tally_ref' does not pass input 'counts', which worker 'tally' requires; 'count' is passed instead"));
    }

    [Fact]
    public async Task Optional_inputs_may_be_left_out_and_a_task_without_input_parameters_misses_every_required_key()
    {
        const string workflow = """
            {
              "name": "order",
              "tasks": [
                { "name": "charge", "taskReferenceName": "charge_ref", "inputParameters": { "customerId": "c", "amount": 1 } },
                { "name": {|#0:"charge"|}, "taskReferenceName": "charge_again" }
              ]
            }
            """;

        await Verify.VerifyAsync(
            Workers,
            workflow,
            Verify.Diagnostic(WorkflowDiagnostics.MissingInput, 0, "Task 'charge_again' does not pass input 'customerId', which worker 'charge' requires"),
            Verify.Diagnostic(WorkflowDiagnostics.MissingInput, 0, "Task 'charge_again' does not pass input 'amount', which worker 'charge' requires"));
    }

    [Fact]
    public async Task Literals_the_binder_refuses_are_reported_and_the_ones_it_accepts_are_not()
    {
        const string workflow = """
            {
              "name": "order",
              "tasks": [
                {
                  "name": "charge",
                  "taskReferenceName": "charge_ref",
                  "inputParameters": { "customerId": {|#0:42|}, "amount": {|#1:"a lot"|}, "attempt": {|#2:1.5|}, "currency": {|#3:null|} }
                },
                {
                  "name": "send_receipt",
                  "taskReferenceName": "receipt_ref",
                  "inputParameters": {
                    "chargeId": "${charge_ref.output.chargeId}",
                    "channel": {|#4:"fax"|},
                    "copyToAccounting": "TRUE",
                    "lines": [1, "2", {|#5:"three"|}, 4.0]
                  }
                },
                {
                  "name": "ship",
                  "taskReferenceName": "ship_ref",
                  "inputParameters": {
                    "address": { "street": "Main 1", "city": {|#6:7|} },
                    "quantities": { "apples": 2, "pears": {|#7:true|}, "plums": "${workflow.input.plums}" }
                  }
                },
                {
                  "name": "send_receipt",
                  "taskReferenceName": "receipt_again",
                  "inputParameters": { "chargeId": "c-1", "channel": "SMS", "copyToAccounting": false, "lines": {|#8:"1,2"|} }
                }
              ]
            }
            """;

        await Verify.VerifyAsync(
            Workers,
            workflow,
            Verify.Diagnostic(WorkflowDiagnostics.WrongInputType, 0, "Input 'customerId' of task 'charge_ref' is the number 42, but worker 'charge' reads a string"),
            Verify.Diagnostic(WorkflowDiagnostics.WrongInputType, 1, "Input 'amount' of task 'charge_ref' is the string \"a lot\", but worker 'charge' reads a number"),
            Verify.Diagnostic(WorkflowDiagnostics.WrongInputType, 2, "Input 'attempt' of task 'charge_ref' is the number 1.5, but worker 'charge' reads a whole number"),
            Verify.Diagnostic(WorkflowDiagnostics.WrongInputType, 3, "Input 'currency' of task 'charge_ref' is null, but worker 'charge' reads a string and no null"),
            Verify.Diagnostic(WorkflowDiagnostics.WrongInputType, 4, "Input 'channel' of task 'receipt_ref' is the string \"fax\", but worker 'send_receipt' reads one of \"Email\", \"Sms\""),
            Verify.Diagnostic(WorkflowDiagnostics.WrongInputType, 5, "Input 'lines[2]' of task 'receipt_ref' is the string \"three\", but worker 'send_receipt' reads a whole number"),
            Verify.Diagnostic(WorkflowDiagnostics.WrongInputType, 6, "Input 'address.city' of task 'ship_ref' is the number 7, but worker 'ship' reads a string"),
            Verify.Diagnostic(WorkflowDiagnostics.WrongInputType, 7, "Input 'quantities.pears' of task 'ship_ref' is true, but worker 'ship' reads a whole number"),
            Verify.Diagnostic(WorkflowDiagnostics.WrongInputType, 8, "Input 'lines' of task 'receipt_again' is the string \"1,2\", but worker 'send_receipt' reads an array"));
    }

    [Fact]
    public async Task Output_references_are_checked_against_the_referenced_worker_output_in_nested_inputs_and_the_workflow_output()
    {
        const string workflow = """
            {
              "name": "order",
              "tasks": [
                { "name": "charge", "taskReferenceName": "charge_ref", "inputParameters": { "customerId": "c", "amount": 1 } },
                {
                  "name": "send_receipt",
                  "taskReferenceName": "receipt_ref",
                  "inputParameters": {
                    "chargeId": "Charge {|#0:${charge_ref.output.receiptId}|} of {|#1:${charge_ref.output.chargeID}|}",
                    "channel": "email",
                    "copyToAccounting": true,
                    "lines": ["${charge_ref.output.amount}"]
                  }
                },
                {
                  "name": "process_notification_payload",
                  "taskReferenceName": "payload_ref",
                  "inputParameters": { "payload": { "note": [ "{|#2:${charge_ref.output.total}|}" ] } }
                }
              ],
              "outputParameters": {
                "receipt": "${receipt_ref.output.result}",
                "missing": "{|#3:${receipt_ref.output.message}|}",
                "whole": "${charge_ref.output}",
                "first": "${charge_ref.output.chargeId[0]}"
              }
            }
            """;

        await Verify.VerifyAsync(
            Workers,
            workflow,
            Verify.Diagnostic(WorkflowDiagnostics.UnknownOutput, 0, "'receipt_ref' reads output 'receiptId' of task 'charge_ref', which worker 'charge' does not write"),
            Verify.Diagnostic(WorkflowDiagnostics.UnknownOutput, 1, "'receipt_ref' reads output 'chargeID' of task 'charge_ref', which worker 'charge' does not write; did you mean 'chargeId'?"),
            Verify.Diagnostic(WorkflowDiagnostics.UnknownOutput, 2, "'payload_ref' reads output 'total' of task 'charge_ref', which worker 'charge' does not write"),
            Verify.Diagnostic(WorkflowDiagnostics.UnknownOutput, 3, "'workflow output' reads output 'message' of task 'receipt_ref', which worker 'send_receipt' does not write"));
    }

    [Fact]
    public async Task References_to_missing_tasks_later_tasks_and_parallel_fork_branches_are_reported_and_switch_and_loop_references_are_not()
    {
        const string workflow = """
            {
              "name": "order",
              "tasks": [
                {
                  "name": "process_notification_payload",
                  "taskReferenceName": "early_ref",
                  "inputParameters": { "payload": { "to": "{|#0:${ship_ref.output.result}|}", "cc": { "list": ["{|#1:${chrage_ref.output.chargeId}|}"] } } }
                },
                { "name": "charge", "taskReferenceName": "charge_ref", "inputParameters": { "customerId": "c", "amount": 1 } },
                {
                  "name": "route",
                  "taskReferenceName": "route_ref",
                  "type": "SWITCH",
                  "evaluatorType": "value-param",
                  "expression": "kind",
                  "inputParameters": { "kind": "${charge_ref.output.chargeId}" },
                  "decisionCases": {
                    "express": [ { "name": "sms_notification", "taskReferenceName": "sms_ref", "inputParameters": { "to": "${route_ref.output.selectedCase}" } } ]
                  },
                  "defaultCase": [ { "name": "email_notification", "taskReferenceName": "email_ref", "inputParameters": { "to": "${charge_ref.output.chargeId}" } } ]
                },
                {
                  "name": "fork",
                  "taskReferenceName": "fork_ref",
                  "type": "FORK_JOIN",
                  "forkTasks": [
                    [ { "name": "ship", "taskReferenceName": "ship_ref", "inputParameters": { "address": "${workflow.input.address}", "quantities": {} } } ],
                    [ { "name": "email_notification", "taskReferenceName": "branch_ref", "inputParameters": { "to": "{|#2:${ship_ref.output.result}|}" } } ]
                  ]
                },
                { "name": "join", "taskReferenceName": "join_ref", "type": "JOIN", "joinOn": ["ship_ref", "branch_ref"] },
                {
                  "name": "retry_loop",
                  "taskReferenceName": "loop_ref",
                  "type": "DO_WHILE",
                  "loopCondition": "if ($.loop_ref['iteration'] < 3) { true; } else { false; }",
                  "loopOver": [
                    { "name": "process_notification_payload", "taskReferenceName": "loop_first_ref", "inputParameters": { "payload": { "previous": "${loop_second_ref.output.result}", "i": "${loop_ref.output.iteration}" } } },
                    { "name": "process_notification_payload", "taskReferenceName": "loop_second_ref", "inputParameters": { "payload": "${ship_ref.output.result} ${sms_ref.output} ${CPEWF_TASK_ID}" } }
                  ]
                }
              ]
            }
            """;

        await Verify.VerifyAsync(
            Workers,
            workflow,
            Verify.Diagnostic(WorkflowDiagnostics.BadReference, 0, "'early_ref' refers to task 'ship_ref', which has not run when 'early_ref' is scheduled (it runs later, or in a parallel fork branch)"),
            Verify.Diagnostic(WorkflowDiagnostics.BadReference, 1, "'early_ref' refers to task 'chrage_ref', which is no task reference name of this workflow; did you mean 'charge_ref'?"),
            Verify.Diagnostic(WorkflowDiagnostics.BadReference, 2, "'branch_ref' refers to task 'ship_ref', which has not run when 'branch_ref' is scheduled (it runs later, or in a parallel fork branch)"));
    }

    [Fact]
    public async Task Tasks_no_worker_serves_are_info_and_duplicate_reference_names_are_errors()
    {
        const string workflow = """
            {
              "name": "order",
              "tasks": [
                { "name": {|#0:"chrage"|}, "taskReferenceName": "charge_ref" },
                { "name": {|#1:"audit_log"|}, "taskReferenceName": "audit_ref" },
                { "name": "http", "taskReferenceName": "http_ref", "type": "HTTP", "inputParameters": { "http_request": { "uri": "https://example.com", "method": "GET" } } },
                {
                  "name": "fork",
                  "taskReferenceName": "fork_ref",
                  "type": "FORK_JOIN",
                  "forkTasks": [ [ { "name": "email_notification", "taskReferenceName": {|#2:"audit_ref"|} } ] ]
                }
              ]
            }
            """;

        await Verify.VerifyAsync(
            Workers,
            workflow,
            Verify.Diagnostic(WorkflowDiagnostics.UnservedTask, 0, "No worker of this project serves task 'chrage'; did you mean 'charge'?"),
            Verify.Diagnostic(WorkflowDiagnostics.UnservedTask, 1, "No worker of this project serves task 'audit_log'"),
            Verify.Diagnostic(WorkflowDiagnostics.DuplicateReference, 2, "Task reference name 'audit_ref' is used by more than one task of workflow 'order'"));
    }

    [Fact]
    public async Task Definitions_the_server_refuses_at_registration_are_errors()
    {
        const string workflow = """
            [
              {|#0:{|} "tasks": [ { "name": "email_notification", "taskReferenceName": "a" } ] },
              { "name": "empty", "tasks": {|#1:[]|} },
              { "name": "old", "schemaVersion": {|#2:1|}, "tasks": [ { "name": "email_notification", "taskReferenceName": "a" } ] },
              {
                "name": "broken",
                "tasks": [
                  { "name": {|#3:"email_notification"|} },
                  { "name": {|#4:"route"|}, "taskReferenceName": "route_ref", "type": "SWITCH", "expression": "x", "decisionCases": {} },
                  { "name": {|#5:"loop"|}, "taskReferenceName": "loop_ref", "type": "DO_WHILE", "loopCondition": "false" },
                  { "name": {|#6:"fork"|}, "taskReferenceName": "fork_ref", "type": "FORK_JOIN", "forkTasks": [] },
                  { "name": {|#7:"child"|}, "taskReferenceName": "child_ref", "type": "SUB_WORKFLOW" },
                  { "name": {|#8:"decide"|}, "taskReferenceName": "decide_ref", "type": "DECISION", "decisionCases": { "a": [] } }
                ]
              }
            ]
            """;

        await Verify.VerifyAsync(
            Workers,
            workflow,
            Verify.Diagnostic(WorkflowDiagnostics.RefusedDefinition, 0, "The server refuses this workflow definition: the workflow has no name (WorkflowDef.name is @NotEmpty)"),
            Verify.Diagnostic(WorkflowDiagnostics.RefusedDefinition, 1, "The server refuses this workflow definition: the workflow has no tasks (WorkflowDef.tasks is @NotEmpty)"),
            Verify.Diagnostic(WorkflowDiagnostics.RefusedDefinition, 2, "The server refuses this workflow definition: schemaVersion must be 2 (WorkflowDef.schemaVersion is @Min(2) @Max(2))"),
            Verify.Diagnostic(WorkflowDiagnostics.RefusedDefinition, 3, "The server refuses this workflow definition: task 'email_notification' has no taskReferenceName (WorkflowTask.taskReferenceName is @NotEmpty)"),
            Verify.Diagnostic(WorkflowDiagnostics.RefusedDefinition, 4, "The server refuses this workflow definition: SWITCH task 'route_ref' needs evaluatorType (WorkflowTaskTypeConstraint)"),
            Verify.Diagnostic(WorkflowDiagnostics.RefusedDefinition, 4, "The server refuses this workflow definition: SWITCH task 'route_ref' needs at least one entry in decisionCases (WorkflowTaskTypeConstraint)"),
            Verify.Diagnostic(WorkflowDiagnostics.RefusedDefinition, 5, "The server refuses this workflow definition: DO_WHILE task 'loop_ref' needs at least one task in loopOver (WorkflowTaskTypeConstraint)"),
            Verify.Diagnostic(WorkflowDiagnostics.RefusedDefinition, 6, "The server refuses this workflow definition: FORK_JOIN task 'fork_ref' needs at least one branch in forkTasks (WorkflowTaskTypeConstraint)"),
            Verify.Diagnostic(WorkflowDiagnostics.RefusedDefinition, 7, "The server refuses this workflow definition: SUB_WORKFLOW task 'child_ref' needs subWorkflowParam (WorkflowTaskTypeConstraint)"),
            Verify.Diagnostic(WorkflowDiagnostics.RefusedDefinition, 8, "The server refuses this workflow definition: DECISION task 'decide_ref' needs caseValueParam or caseExpression (WorkflowTaskTypeConstraint)"));
    }

    [Fact]
    public async Task A_file_that_is_not_json_is_reported_where_the_json_breaks()
    {
        const string workflow = """
            {
              "name": "order",
              "tasks": [
                { "name": "charge" {|#0:"|}taskReferenceName": "charge_ref" }
              ]
            }
            """;

        await Verify.VerifyAsync(
            Workers,
            workflow,
            Verify.Diagnostic(WorkflowDiagnostics.InvalidJson, 0, "Workflow file 'order.workflow.json' is not valid JSON: ',' or '}' was expected after a property value"));
    }

    [Fact]
    public async Task Only_files_named_workflow_json_are_read()
    {
        var diagnostics = await Verify.RunAsync([Workers], [("/project/appsettings.json", "{ not json"), ("/project/order.workflow.json", """{ "name": "order", "tasks": [ { "name": "charge", "taskReferenceName": "c", "inputParameters": { "customerId": "c", "amount": 2 } } ] }""")]);

        Assert.Empty(diagnostics);
    }

    /// <summary>
    /// The FORK_JOIN example of Conductor's documentation (docs/documentation/configuration/workflowdef/operators/fork-task.md),
    /// with the SWITCH and DO_WHILE examples of switch-task.md and do-while-task.md around it: only the
    /// task no worker of the project serves is reported.
    /// </summary>
    [Fact]
    public async Task Conductor_documentation_examples_give_only_what_is_wrong()
    {
        const string workflow = """
            {
              "name": "notifications",
              "version": 1,
              "schemaVersion": 2,
              "tasks": [
                {
                  "name": "fork_join",
                  "taskReferenceName": "my_fork_join_ref",
                  "type": "FORK_JOIN",
                  "forkTasks": [
                    [
                      { "name": "process_notification_payload", "taskReferenceName": "process_notification_payload_email", "type": "SIMPLE", "inputParameters": { "payload": "${workflow.input}" } },
                      { "name": "email_notification", "taskReferenceName": "email_notification_ref", "type": "SIMPLE" }
                    ],
                    [
                      { "name": "process_notification_payload", "taskReferenceName": "process_notification_payload_sms", "type": "SIMPLE", "inputParameters": { "payload": "${workflow.input}" } },
                      { "name": "sms_notification", "taskReferenceName": "sms_notification_ref", "type": "SIMPLE" }
                    ],
                    [
                      { "name": "process_notification_payload", "taskReferenceName": "process_notification_payload_http", "type": "SIMPLE", "inputParameters": { "payload": "${workflow.input}" } },
                      { "name": {|#0:"http_notification"|}, "taskReferenceName": "http_notification_ref", "type": "SIMPLE" }
                    ]
                  ]
                },
                {
                  "name": "notification_join",
                  "taskReferenceName": "notification_join_ref",
                  "type": "JOIN",
                  "joinOn": [ "email_notification_ref", "sms_notification_ref" ]
                },
                {
                  "name": "switch",
                  "taskReferenceName": "switch_ref",
                  "inputParameters": { "switchCaseValue": "${workflow.input.num}" },
                  "type": "SWITCH",
                  "decisionCases": {
                    "apples": [ { "name": "email_notification", "taskReferenceName": "apples_ref", "inputParameters": { "to": "${process_notification_payload_email.output.result}" } } ]
                  },
                  "defaultCase": [],
                  "evaluatorType": "value-param",
                  "expression": "switchCaseValue"
                },
                {
                  "name": "long_running_loop",
                  "taskReferenceName": "long_running_loop_ref",
                  "inputParameters": { "keepLastN": 5 },
                  "type": "DO_WHILE",
                  "loopCondition": "if ($.long_running_loop_ref['iteration'] < 1000) { true; } else { false; }",
                  "loopOver": [
                    { "name": "process_notification_payload", "taskReferenceName": "process_item_ref", "type": "SIMPLE", "inputParameters": { "payload": "${long_running_loop_ref.output.iteration}" } }
                  ]
                }
              ]
            }
            """;

        await Verify.VerifyAsync(
            Workers,
            workflow,
            Verify.Diagnostic(WorkflowDiagnostics.UnservedTask, 0, "No worker of this project serves task 'http_notification'"));
    }
}
