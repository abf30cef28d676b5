using System.Net;

namespace Conductor.Generated.Testing.Tests;

/// <summary>The metadata routes beyond registration: validation and listings.</summary>
public sealed class MetadataRouteTests : ServerTestBase
{
    // Real server: MetadataService.java#registerTaskDef: @Size(min = 1, message = "TaskDefList is empty") -> 400.
    [Fact]
    public async Task Registering_an_empty_task_definition_list_answers_400()
    {
        using var response = await PostAsync("metadata/taskdefs", "[]");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = await ReadJsonAsync(response);
        Assert.Equal("TaskDefList is empty", (string?)error["validationErrors"]![0]!["message"]);
    }

    // Real server: MetadataResource.java#validate -> MetadataService.java#validateWorkflowDef (@Valid WorkflowDef): 200, or 400 with the violations.
    [Fact]
    public async Task Validate_checks_a_definition_without_storing_it()
    {
        using (var valid = await PostAsync("metadata/workflow/validate", """
            { "name": "checked", "version": 1, "tasks": [ { "name": "t", "taskReferenceName": "t_ref", "type": "SIMPLE" } ] }
            """))
        {
            Assert.Equal(HttpStatusCode.OK, valid.StatusCode);
        }

        using (var missing = await Http.GetAsync("metadata/workflow/checked"))
        {
            Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        }

        using var invalid = await PostAsync("metadata/workflow/validate", """{ "version": 1, "tasks": [] }""");
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.NotEmpty((await ReadJsonAsync(invalid))["validationErrors"]!.AsArray());
    }

    // Real server: MetadataServiceImpl.java#getWorkflowNamesAndVersions: name -> [WorkflowDefSummary {name, version, createTime}] by version.
    [Fact]
    public async Task Names_and_versions_lists_each_version_of_each_name()
    {
        Server.RegisterWorkflowDef(new WorkflowDef { Name = "listed", Version = 2, Tasks = [new WorkflowTask { Name = "t", TaskReferenceName = "t" }] });
        Server.RegisterWorkflowDef(new WorkflowDef { Name = "listed", Version = 1, Tasks = [new WorkflowTask { Name = "t", TaskReferenceName = "t" }] });

        var byName = await GetJsonAsync("metadata/workflow/names-and-versions");
        var versions = byName["listed"]!.AsArray();
        Assert.Equal([1, 2], versions.Select(summary => (int)summary!["version"]!));
        Assert.Equal("listed", (string?)versions[0]!["name"]);
        Assert.NotNull(versions[0]!["createTime"]);

        Assert.Equal(["listed"], (await GetJsonAsync("metadata/workflow/names")).AsArray().Select(name => (string?)name));
        Assert.Equal(2, (int)Assert.Single((await GetJsonAsync("metadata/workflow/latest-versions")).AsArray())!["version"]!);
        Assert.Equal(2, (await GetJsonAsync("metadata/workflow/listed/versions")).AsArray().Count);
    }
}
