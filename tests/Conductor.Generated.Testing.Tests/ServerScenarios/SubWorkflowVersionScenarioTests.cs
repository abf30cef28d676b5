using System.Text.Json.Nodes;

namespace Conductor.Generated.Testing.Tests.ServerScenarios;

/// <summary>
/// The scenarios of the real server's e2e <c>control/SubWorkflowVersionTests</c>: which version of
/// a registered sub-workflow runs when the step gives none.
/// Real server: SubWorkflowTaskMapper#getMappedTasks, #getSubWorkflowVersion (core/.../execution/mapper/),
/// MetadataMapperService#populateVersionForSubWorkflow (core/.../metadata/), SubWorkflow#start
/// (core/.../execution/tasks/).
/// </summary>
public sealed class SubWorkflowVersionScenarioTests : SubWorkflowScenarioBase
{
    private static string Child(string name, int version, string output = "{}") => $$"""
        {"name":"{{name}}","version":{{version}},"timeoutSeconds":600,"timeoutPolicy":"TIME_OUT_WF","outputParameters":{{output}},
         "tasks":[{"name":"{{name}}_task","taskReferenceName":"{{name}}_task","type":"SIMPLE"}]}
        """;

    private static string Parent(string name, string subWorkflowParam, string before = "") => $$"""
        {"name":"{{name}}","version":1,"timeoutSeconds":600,"timeoutPolicy":"TIME_OUT_WF","tasks":[{{before}}
          {"name":"{{name}}_sub","taskReferenceName":"sub","type":"SUB_WORKFLOW","subWorkflowParam":{{subWorkflowParam}},
           "inputParameters":{"subWorkflowName":"ignored","subWorkflowVersion":"1"} } ]}
        """;

    private async Task<string> CompleteChildAsync(string parentId, int subIndex = 0)
    {
        var parent = await UntilAsync(parentId, run => Tasks(run).Count > subIndex && TaskAt(run, subIndex)["subWorkflowId"] is not null, "the child's id");
        var childId = (string)TaskAt(parent, subIndex)["subWorkflowId"]!;
        var child = await UntilAsync(childId, run => Tasks(run).Count > 0, "the child's first task");
        await UpdateTaskAsync(childId, (string)TaskAt(child, 0)["taskId"]!);
        return childId;
    }

    // e2e SubWorkflowVersionTests#testSubWorkflowNullVersion: the step's version is null and one
    // version is registered: that one runs and the parent completes when the child's task does.
    // MetadataMapperService#populateVersionForSubWorkflow pins the latest version into the run's
    // definition when the run starts; SubWorkflowTaskMapper writes it as subWorkflowVersion.
    [Fact]
    public async Task Null_version_runs_the_only_registered_version()
    {
        await RegisterTaskNamesAsync("nullv_child_task");
        await UpdateWorkflowDefsAsync(Parent("nullv_parent", """{"name":"nullv_child","version":null}"""));
        await UpdateWorkflowDefsAsync(Child("nullv_child", 1));

        var parentId = await StartWorkflowAsync("""{"name":"nullv_parent","version":1}""");
        var childId = await CompleteChildAsync(parentId);

        var parent = await UntilStatusAsync(parentId, "COMPLETED");
        Assert.Equal(1, (int)TaskAt(parent, 0)["inputData"]!["subWorkflowVersion"]!);
        Assert.Equal(1, (int)TaskAt(parent, 0)["workflowTask"]!["subWorkflowParam"]!["version"]!);
        Assert.Equal(1, (int)(await WorkflowAsync(childId))["workflowVersion"]!);
    }

    // e2e SubWorkflowVersionTests#testSubWorkflowEmptyVersion: versions 1 and 2 registered, the
    // step names only the sub-workflow: version 2 runs, and the task's workflowTask shows
    // subWorkflowParam.version 2 (MetadataMapperService#populateVersionForSubWorkflow).
    [Fact]
    public async Task No_version_runs_the_latest_and_the_task_shows_it()
    {
        await RegisterTaskNamesAsync("emptyv_child_task");
        await UpdateWorkflowDefsAsync(Parent("emptyv_parent", """{"name":"emptyv_child"}"""));
        await UpdateWorkflowDefsAsync(Child("emptyv_child", 1));
        await UpdateWorkflowDefsAsync(Child("emptyv_child", 2));

        var parentId = await StartWorkflowAsync("""{"name":"emptyv_parent","version":1}""");
        var childId = await CompleteChildAsync(parentId);

        var parent = await UntilStatusAsync(parentId, "COMPLETED");
        Assert.Equal(2, (int)TaskAt(parent, 0)["workflowTask"]!["subWorkflowParam"]!["version"]!);
        Assert.Equal(2, (int)TaskAt(parent, 0)["inputData"]!["subWorkflowVersion"]!);
        Assert.Equal(2, (int)(await WorkflowAsync(childId))["workflowVersion"]!);
    }

    // MetadataMapperService#populateVersionForSubWorkflow runs when the parent starts
    // (WorkflowExecutorOps#startWorkflow): a version registered after that does not change which
    // version the parent's sub-workflow step runs.
    [Fact]
    public async Task The_latest_version_is_the_one_registered_when_the_parent_started()
    {
        await RegisterTaskNamesAsync("pinned_first", "pinned_child_task");
        await UpdateWorkflowDefsAsync(Child("pinned_child", 1, """{"version":"v1"}"""));
        await UpdateWorkflowDefsAsync(Parent("pinned_parent", """{"name":"pinned_child"}""", """{"name":"pinned_first","taskReferenceName":"first","type":"SIMPLE"},"""));

        var parentId = await StartWorkflowAsync("""{"name":"pinned_parent","version":1}""");
        await UpdateWorkflowDefsAsync(Child("pinned_child", 2, """{"version":"v2"}"""));
        await CompleteAsync(await PollTaskAsync("pinned_first"));
        var childId = await CompleteChildAsync(parentId, subIndex: 1);

        var parent = await UntilStatusAsync(parentId, "COMPLETED");
        Assert.Equal(1, (int)TaskAt(parent, 1)["inputData"]!["subWorkflowVersion"]!);
        Assert.Equal("v1", (string?)(await WorkflowAsync(childId))["output"]!["version"]);
    }

    // e2e SubWorkflowVersionTests#testDynamicSubWorkflow: a dynamic fork of one SUB_WORKFLOW task
    // without a version. After the first task: its task, the FORK, the sub-workflow task
    // IN_PROGRESS and the JOIN IN_PROGRESS; the sub-workflow task completed by a task update
    // (as a worker would) completes the JOIN and the run, and its input names version 1, the
    // latest, resolved by SubWorkflowTaskMapper#getSubWorkflowVersion at scheduling (a forked
    // task is not in the definition MetadataMapperService populated at the start).
    [Fact]
    public async Task Dynamic_fork_of_a_sub_workflow_resolves_the_latest_version()
    {
        await RegisterTaskNamesAsync("dyn_dt1", "dyn_child_task");
        await UpdateWorkflowDefsAsync("""
            {"name":"dyn_parent","version":1,"tasks":[
              {"name":"dyn_dt1","taskReferenceName":"dt1","type":"SIMPLE"},
              {"name":"dynamicFork","taskReferenceName":"dynamicFork","type":"FORK_JOIN_DYNAMIC",
               "inputParameters":{"dynamicTasks":"${dt1.output.dynamicTasks}","dynamicTasksInput":"${dt1.output.dynamicTasksInput}"},
               "dynamicForkTasksParam":"dynamicTasks","dynamicForkTasksInputParamName":"dynamicTasksInput"},
              {"name":"join_dynamic","taskReferenceName":"join_dynamic","type":"JOIN"}]}
            """);
        await UpdateWorkflowDefsAsync(Child("dyn_child", 1));

        var parentId = await StartWorkflowAsync("""{"name":"dyn_parent","version":1}""");
        var first = await UntilAsync(parentId, run => Tasks(run).Count == 1, "the first task");
        await UpdateTaskAsync(parentId, (string)TaskAt(first, 0)["taskId"]!, outputJson: """
            {"dynamicTasks":[{"name":"integration_task_2","taskReferenceName":"xdt1","type":"SUB_WORKFLOW","subWorkflowParam":{"name":"dyn_child"}}],
             "dynamicTasksInput":{"xdt1":{"k1":"v1"}}}
            """);

        var forked = await UntilAsync(parentId, run => Tasks(run).Count == 4 && StatusAt(run, 2) == "IN_PROGRESS", "the forked sub-workflow");
        Assert.Equal("RUNNING", (string?)forked["status"]);
        Assert.Equal(["COMPLETED", "COMPLETED", "IN_PROGRESS", "IN_PROGRESS"], Tasks(forked).Select(task => (string?)task!["status"]));
        Assert.Equal(["dyn_dt1", "FORK", "SUB_WORKFLOW", "JOIN"], Tasks(forked).Select(task => (string?)task!["taskType"]));
        Assert.Equal("v1", (string?)TaskAt(forked, 2)["inputData"]!["workflowInput"]!["k1"]);

        await UpdateTaskAsync(parentId, (string)TaskAt(forked, 2)["taskId"]!);

        var done = await UntilStatusAsync(parentId, "COMPLETED");
        Assert.Equal(4, Tasks(done).Count);
        Assert.All(Tasks(done), task => Assert.Equal("COMPLETED", (string?)task!["status"]));
        Assert.Equal(1, (int)TaskAt(done, 2)["inputData"]!["subWorkflowVersion"]!);
    }
}
