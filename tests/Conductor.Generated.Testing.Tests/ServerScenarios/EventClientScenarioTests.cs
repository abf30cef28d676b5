using System.Net;

namespace Conductor.Generated.Testing.Tests.ServerScenarios;

/// <summary>
/// The scenario of e2e EventClientTests (metadata/EventClientTests.java), over HTTP. The real
/// server stores event handlers (EventResource, MetadataServiceImpl#addEventHandler) and runs
/// them on its event queues; the test server has neither, so every /api/event route is refused
/// with a 400 that names the feature (docs/test-server.md, "Where it differs").
/// </summary>
public sealed class EventClientScenarioTests : WorkflowOperationScenarioBase
{
    private const string Refusal = "The Conductor test server does not run event handlers (/api/event): it has no event queues to feed them";

    // e2e EventClientTests#testEventHandler: register, update, list for the event, unregister.
    [Theory]
    [InlineData("POST", "event")]
    [InlineData("PUT", "event")]
    [InlineData("GET", "event")]
    [InlineData("GET", "event/test_sdk_java_event?activeOnly=false")]
    [InlineData("DELETE", "event/test_sdk_java_event_name")]
    public async Task Event_handler_routes_are_refused_by_name(string method, string path)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method is "POST" or "PUT")
        {
            request.Content = Json("""
                {"name":"test_sdk_java_event_name","event":"test_sdk_java_event",
                 "actions":[{"action":"start_workflow","start_workflow":{"name":"test_wf","version":1}}]}
                """);
        }

        using var response = await Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        AssertError(await ReadJsonAsync(response), 400, Refusal);
    }
}
