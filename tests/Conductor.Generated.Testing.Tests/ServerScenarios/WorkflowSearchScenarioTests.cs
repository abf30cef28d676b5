using System.Text.Json.Nodes;

namespace Conductor.Generated.Testing.Tests.ServerScenarios;

/// <summary>
/// The scenarios of e2e WorkflowSearchTests (workflow/WorkflowSearchTests.java), over HTTP:
/// WorkflowClient#search is GET /api/workflow/search with start, size, sort, freeText and query.
/// Real server: WorkflowResource#search, ExecutionService#search, the index's query parser
/// (values bare, double- or single-quoted; IN lists; AND).
/// </summary>
public sealed class WorkflowSearchScenarioTests : WorkflowOperationScenarioBase
{
    // e2e WorkflowSearchTests#testBasicWorkflowSearch: none before a run starts, then the runs of
    // each type, and of both with an IN list.
    [Fact]
    public async Task Search_by_workflow_type_finds_the_runs_of_each_type()
    {
        Assert.Empty(await SearchAsync("workflowType IN (SEARCH_ONE)"));
        await RegisterSimpleAsync("SEARCH_ONE", "SEARCH_ONE_TASK");
        await StartAsync("SEARCH_ONE");
        await StartAsync("SEARCH_ONE");
        Assert.Equal(2, (await SearchAsync("workflowType IN (SEARCH_ONE)")).Count);

        await RegisterSimpleAsync("SEARCH_TWO", "SEARCH_TWO_TASK");
        await StartAsync("SEARCH_TWO");
        await StartAsync("SEARCH_TWO");
        var two = await SearchAsync("workflowType IN (SEARCH_TWO)");
        Assert.Equal(2, two.Count);
        Assert.All(two, summary => Assert.Equal("SEARCH_TWO", (string?)summary!["workflowType"]));
        var both = await SearchAsync("workflowType IN (SEARCH_ONE,SEARCH_TWO)");
        Assert.Equal(4, both.Count);
        Assert.All(both, summary => Assert.Equal("RUNNING", (string?)summary!["status"]));
    }

    // e2e WorkflowSearchTests#testSearchByWorkflowIdWithDoubleQuotes and #...WithSingleQuotes: a
    // quoted workflow id, either quote, finds that run alone.
    [Theory]
    [InlineData("\"")]
    [InlineData("'")]
    public async Task Search_by_a_quoted_workflow_id_finds_that_run(string quote)
    {
        await RegisterSimpleAsync("SEARCH_BY_ID", "SEARCH_BY_ID_TASK");
        var workflowId = await StartAsync("SEARCH_BY_ID");
        await StartAsync("SEARCH_BY_ID");

        var found = await SearchAsync($"workflowId={quote}{workflowId}{quote}");
        Assert.Equal(workflowId, (string?)Assert.Single(found)!["workflowId"]);
    }

    // e2e WorkflowSearchTests#testSearchByWorkflowTypeWithSingleQuotes.
    [Fact]
    public async Task Search_by_a_single_quoted_workflow_type_finds_its_runs()
    {
        await RegisterSimpleAsync("SEARCH_QUOTED", "SEARCH_QUOTED_TASK");
        await StartAsync("SEARCH_QUOTED");
        await StartAsync("SEARCH_QUOTED");
        Assert.Equal(2, (await SearchAsync("workflowType='SEARCH_QUOTED'")).Count);
    }

    // e2e WorkflowSearchTests#testSearchWithMultipleConditionsAndSingleQuotes: two quoted
    // conditions joined by AND; the run without the correlation id is left out.
    [Fact]
    public async Task Search_with_two_quoted_conditions_finds_the_run_matching_both()
    {
        await RegisterSimpleAsync("SEARCH_AND", "SEARCH_AND_TASK");
        using var started = await PostAsync("workflow", """{"name":"SEARCH_AND","version":1,"correlationId":"corr-abc123"}""");
        var workflowId = await started.Content.ReadAsStringAsync();
        await StartAsync("SEARCH_AND");

        var found = await SearchAsync("correlationId='corr-abc123' AND workflowType='SEARCH_AND'");
        Assert.Equal(workflowId, (string?)Assert.Single(found)!["workflowId"]);
    }

    // e2e WorkflowSearchTests#testSearchWithPaginationAndSort: pages of 2 sorted by workflowId; the
    // total counts every hit, the pages do not overlap and together are the sorted list.
    [Fact]
    public async Task Search_pages_sorted_results_without_overlap()
    {
        await RegisterSimpleAsync("SEARCH_PAGES", "SEARCH_PAGES_TASK");
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add(await StartAsync("SEARCH_PAGES"));
        }

        var page1 = await GetJsonAsync("workflow/search?start=0&size=2&sort=workflowId:ASC&freeText=*&query=" + Uri.EscapeDataString("workflowType='SEARCH_PAGES'"));
        var page2 = await GetJsonAsync("workflow/search?start=2&size=2&sort=workflowId:ASC&freeText=*&query=" + Uri.EscapeDataString("workflowType='SEARCH_PAGES'"));
        Assert.Equal(3, (int)page1["totalHits"]!);
        Assert.Equal(3, (int)page2["totalHits"]!);
        var firstIds = page1["results"]!.AsArray().Select(summary => (string)summary!["workflowId"]!).ToList();
        var secondIds = page2["results"]!.AsArray().Select(summary => (string)summary!["workflowId"]!).ToList();
        Assert.Equal(2, firstIds.Count);
        Assert.Single(secondIds);
        Assert.Equal(ids.Order(StringComparer.Ordinal), firstIds.Concat(secondIds));
    }

    /// <summary>e2e WorkflowSearchTests#registerWorkflowDef: one SIMPLE step.</summary>
    private async Task RegisterSimpleAsync(string workflowName, string taskName)
    {
        await RegisterTaskNamesAsync(taskName);
        await UpdateWorkflowDefAsync($$$"""
            {"name":"{{{workflowName}}}","version":1,"inputParameters":["value","inlineValue"],"tasks":[
              {"name":"{{{taskName}}}","taskReferenceName":"{{{taskName}}}","type":"SIMPLE","inputParameters":{"value":"${workflow.input.value}","order":"123"}}]}
            """);
    }

    private async Task<JsonArray> SearchAsync(string query) =>
        (await GetJsonAsync("workflow/search?query=" + Uri.EscapeDataString(query)))["results"]!.AsArray();
}
