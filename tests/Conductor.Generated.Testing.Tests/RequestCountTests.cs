using System.Net;

namespace Conductor.Generated.Testing.Tests;

/// <summary>Counting the requests each endpoint received, to check which routes a client called.</summary>
public sealed class RequestCountTests : ServerTestBase
{
    // Test server only.
    [Fact]
    public async Task Requests_are_counted_by_route_by_concrete_path_and_in_total()
    {
        await Http.GetAsync("tasks/poll/batch/first?timeout=0");
        await Http.GetAsync("tasks/poll/batch/second?timeout=0");
        await Http.GetAsync("tasks/poll/batch/second/?timeout=0");
        await Http.GetAsync("metadata/taskdefs");

        Assert.Equal(3, Server.GetRequestCount("GET /api/tasks/poll/batch/{taskType}"));
        Assert.Equal(1, Server.GetRequestCount("get /api/tasks/poll/batch/first"));
        Assert.Equal(2, Server.GetRequestCount("GET /api/tasks/poll/batch/second"));
        Assert.Equal(1, Server.GetRequestCount("GET /api/metadata/taskdefs"));
        Assert.Equal(0, Server.GetRequestCount("POST /api/metadata/taskdefs"));
        Assert.Equal(4, Server.GetRequestCount("*"));
    }

    // Test server only.
    [Fact]
    public async Task Requests_refused_by_a_fault_or_missing_from_the_routes_are_counted_too()
    {
        Server.Faults.SetErrorRate("POST /api/tasks", 1.0);
        using var refused = await PostAsync("tasks", "{}");
        using var unknown = await Http.GetAsync("no/such/route");

        Assert.Equal(HttpStatusCode.InternalServerError, refused.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(1, Server.GetRequestCount("POST /api/tasks"));
        Assert.Equal(1, Server.GetRequestCount("GET /api/no/such/route"));
    }

    // Test server only.
    [Fact]
    public void A_malformed_endpoint_is_refused() =>
        Assert.Throws<ArgumentException>(() => Server.GetRequestCount("tasks"));
}

/// <summary>Counting shows whether a client fell back from update-v2 on an older server.</summary>
public sealed class LegacyRequestCountTests : ServerTestBase
{
    protected override void Configure(ConductorTestServerOptions options) =>
        options.Compatibility = ServerCompatibility.Legacy;

    // Test server only.
    [Fact]
    public async Task Calls_to_the_missing_update_v2_route_are_counted()
    {
        using var response = await PostAsync("tasks/update-v2", """{ "workflowInstanceId": "w", "taskId": "t", "status": "COMPLETED" }""");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(1, Server.GetRequestCount("POST /api/tasks/update-v2"));
    }
}
