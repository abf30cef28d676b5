using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Conductor.Generated.Testing;
using Library = Conductor.Generated.TestLibrary;

namespace Conductor.Generated.Tests.TaskDefinitions;

/// <summary>
/// Workers of a referenced class library (tests/Conductor.Generated.TestLibrary, which declares
/// <c>[assembly: PublicConductorWorkers]</c>) run in this application with one line, and their task
/// definitions register like the application's own.
/// </summary>
public sealed class LibraryWorkersTests
{
    [Fact]
    public void The_library_table_is_public_and_separate_from_the_application_table()
    {
        Assert.Equal(["library_quote", "library_shout"], Library.ConductorWorkers.All.Select(worker => worker.TaskName).ToArray());
        Assert.DoesNotContain(ConductorWorkers.All, worker => worker.TaskName.StartsWith("library_", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Library_workers_register_their_definitions_and_complete_a_workflow()
    {
        await using var server = await ConductorTestServer.StartAsync();
        using var http = new HttpClient { BaseAddress = server.ApiUrl };
        using var definitions = new StringContent(Library.ConductorWorkers.TaskDefinitionsJson, Encoding.UTF8, "application/json");
        (await http.PostAsync("metadata/taskdefs", definitions)).EnsureSuccessStatusCode();
        server.RegisterWorkflowDef(new WorkflowDef
        {
            Name = "library_quote_flow",
            Tasks =
            [
                new WorkflowTask { Name = "library_quote", TaskReferenceName = "quote", InputParameters = new() { ["weightGrams"] = "${workflow.input.weight}" } },
                new WorkflowTask { Name = "library_shout", TaskReferenceName = "shout", InputParameters = new() { ["text"] = "${quote.output.carrier}" } },
            ],
        });

        // The one line: the library's workers, next to (or instead of) the application's own.
        await using var host = new ConductorWorkerHost(new() { ServerUrl = server.ApiUrl }, [.. Library.ConductorWorkers.All]);
        await host.StartAsync(CancellationToken.None);

        var workflowId = server.StartWorkflow("library_quote_flow", new JsonObject { ["weight"] = 250 });
        var workflow = await server.WaitForWorkflowAsync(workflowId, TimeSpan.FromSeconds(60));

        Assert.Equal(WorkflowStatus.Completed, workflow.Status);
        Assert.Equal(2.5m, (decimal?)workflow.Tasks[0].OutputData["price"]);
        Assert.Equal("POST", (string?)workflow.Tasks[1].OutputData["result"]);
        using var stored = JsonDocument.Parse(await http.GetStringAsync("metadata/taskdefs/library_quote"));
        Assert.Equal(2, stored.RootElement.GetProperty("retryCount").GetInt32());
        Assert.Equal("Quotes the price of sending a parcel.", stored.RootElement.GetProperty("description").GetString());
        using var shout = JsonDocument.Parse(await http.GetStringAsync("metadata/taskdefs/library_shout"));
        Assert.Equal("library@example.com", shout.RootElement.GetProperty("ownerEmail").GetString());
    }
}
