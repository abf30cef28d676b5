using System.Net;

namespace Conductor.Generated.Testing.Tests.ServerScenarios;

/// <summary>
/// The scenarios of e2e MetadataClientTests (metadata/MetadataClientTests.java), over HTTP. Real
/// server: MetadataResource and MetadataServiceImpl (registerTaskDef, updateTaskDef, getTaskDef,
/// updateWorkflowDef, getWorkflowDef, unregister*).
/// </summary>
public sealed class MetadataClientScenarioTests : WorkflowOperationScenarioBase
{
    // e2e MetadataClientTests#testTaskDefinition: unregister (ignoring a failure), register,
    // update, read back by name.
    [Fact]
    public async Task A_task_definition_is_registered_updated_and_read_back()
    {
        using (await Http.DeleteAsync("metadata/taskdefs/test-sdk-java-task"))
        {
        }

        using (var registered = await PostAsync("metadata/taskdefs", """[{"name":"test-sdk-java-task","ownerEmail":"test@conductor.io"}]"""))
        {
            Assert.Equal(HttpStatusCode.OK, registered.StatusCode);
        }

        using (var updated = await PutAsync("metadata/taskdefs", """{"name":"test-sdk-java-task","ownerEmail":"test@conductor.io","retryCount":5}"""))
        {
            Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        }

        var taskDef = await GetJsonAsync("metadata/taskdefs/test-sdk-java-task");
        Assert.Equal("test-sdk-java-task", (string?)taskDef["name"]);
        Assert.Equal(5, (int)taskDef["retryCount"]!);
    }

    // e2e MetadataClientTests#testWorkflow: unregister (ignoring a failure), the same definition
    // upserted twice (PUT /api/metadata/workflow keeps its version), read back by name and version.
    [Fact]
    public async Task A_workflow_definition_upserted_twice_keeps_its_version()
    {
        using (await Http.DeleteAsync("metadata/workflow/test_wf_metadata/1"))
        {
        }

        await RegisterTaskNamesAsync("test-sdk-java-task");
        const string definition = """
            {"name":"test_wf_metadata","version":1,"ownerEmail":"test@conductor.io","timeoutSeconds":600,"timeoutPolicy":"TIME_OUT_WF",
             "tasks":[{"name":"test-sdk-java-task","taskReferenceName":"test-sdk-java-task","type":"SIMPLE"}]}
            """;
        await UpdateWorkflowDefAsync(definition);
        await UpdateWorkflowDefAsync(definition);

        var workflowDef = await GetJsonAsync("metadata/workflow/test_wf_metadata?version=1");
        Assert.Equal("test_wf_metadata", (string?)workflowDef["name"]);
        Assert.Equal(1, (int)workflowDef["version"]!);
        var versions = await GetJsonAsync("metadata/workflow/test_wf_metadata/versions");
        Assert.Single(versions.AsArray());
    }
}
