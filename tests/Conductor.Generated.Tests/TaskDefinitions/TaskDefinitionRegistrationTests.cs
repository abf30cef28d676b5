using System.Net;
using System.Text;
using System.Text.Json;
using Conductor.Generated.Testing;

namespace Conductor.Generated.Tests.TaskDefinitions;

/// <summary>
/// The generated task definitions are what a Conductor server accepts: registered over HTTP
/// with <c>POST /api/metadata/taskdefs</c>, they come back with every setting.
/// </summary>
public sealed class TaskDefinitionRegistrationTests
{
    [Fact]
    public async Task The_server_accepts_all_generated_definitions_and_returns_every_setting()
    {
        await using var server = await ConductorTestServer.StartAsync();
        using var http = new HttpClient { BaseAddress = server.ApiUrl };

        using var content = new StringContent(ConductorWorkers.TaskDefinitionsJson, Encoding.UTF8, "application/json");
        using var response = await http.PostAsync("metadata/taskdefs", content);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());

        using var stored = JsonDocument.Parse(await http.GetStringAsync("metadata/taskdefs/taskdef_send_parcel"));
        var definition = stored.RootElement;
        Assert.Equal("taskdef_send_parcel", definition.GetProperty("name").GetString());
        Assert.Equal("Sends a parcel with a carrier.", definition.GetProperty("description").GetString());
        Assert.Equal(4, definition.GetProperty("retryCount").GetInt32());
        Assert.Equal("LINEAR_BACKOFF", definition.GetProperty("retryLogic").GetString());
        Assert.Equal(7, definition.GetProperty("retryDelaySeconds").GetInt32());
        Assert.Equal(3, definition.GetProperty("backoffScaleFactor").GetInt32());
        Assert.Equal(300, definition.GetProperty("timeoutSeconds").GetInt64());
        Assert.Equal(60, definition.GetProperty("responseTimeoutSeconds").GetInt64());
        Assert.Equal(1800, definition.GetProperty("totalTimeoutSeconds").GetInt64());
        Assert.Equal("RETRY", definition.GetProperty("timeoutPolicy").GetString());
        Assert.Equal(12, definition.GetProperty("concurrentExecLimit").GetInt32());
        Assert.Equal(100, definition.GetProperty("rateLimitPerFrequency").GetInt32());
        Assert.Equal(60, definition.GetProperty("rateLimitFrequencyInSeconds").GetInt32());
        Assert.Equal("parcels@example.com", definition.GetProperty("ownerEmail").GetString());
        Assert.Equal(["parcel", "carrier"], definition.GetProperty("inputKeys").EnumerateArray().Select(key => key.GetString()!).ToArray());
        Assert.Equal(["trackingId", "dispatchedAt"], definition.GetProperty("outputKeys").EnumerateArray().Select(key => key.GetString()!).ToArray());

        var inputSchema = definition.GetProperty("inputSchema");
        Assert.Equal("JSON", inputSchema.GetProperty("type").GetString());
        var parcel = inputSchema.GetProperty("data").GetProperty("properties").GetProperty("parcel");
        Assert.Equal(["recipientName", "weightGrams"], parcel.GetProperty("properties").EnumerateObject().Select(property => property.Name).ToArray());
        Assert.Equal("Who receives it.", parcel.GetProperty("properties").GetProperty("recipientName").GetProperty("description").GetString());

        // A worker without [TaskDefinition] is registered too, with the server's defaults.
        using var plain = JsonDocument.Parse(await http.GetStringAsync("metadata/taskdefs/taskdef_plain"));
        Assert.Equal(3, plain.RootElement.GetProperty("retryCount").GetInt32());
        Assert.Equal(3600, plain.RootElement.GetProperty("responseTimeoutSeconds").GetInt64());
    }

    [Fact]
    public void Each_worker_definition_carries_its_own_task_definition()
    {
        using var json = JsonDocument.Parse(ConductorWorkers.SendParcel.TaskDefinitionJson!);

        Assert.Equal("taskdef_send_parcel", json.RootElement.GetProperty("name").GetString());
        Assert.Equal(ConductorWorkers.SendParcel.TaskDefinitionJson, ConductorWorkers.SendParcel.WithSettings(new WorkerSettings()).TaskDefinitionJson);
    }

    [Fact]
    public void The_definitions_array_has_one_entry_per_worker()
    {
        using var json = JsonDocument.Parse(ConductorWorkers.TaskDefinitionsJson);

        Assert.Equal(
            ConductorWorkers.All.Select(worker => worker.TaskName).ToArray(),
            json.RootElement.EnumerateArray().Select(definition => definition.GetProperty("name").GetString()!).ToArray());
    }

    [Fact]
    public async Task A_definition_the_server_rejects_is_an_error_response_so_the_test_above_would_notice()
    {
        await using var server = await ConductorTestServer.StartAsync();
        using var http = new HttpClient { BaseAddress = server.ApiUrl };

        using var content = new StringContent("""[{"name":"bad","timeoutSeconds":10,"responseTimeoutSeconds":20}]""", Encoding.UTF8, "application/json");
        using var response = await http.PostAsync("metadata/taskdefs", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
