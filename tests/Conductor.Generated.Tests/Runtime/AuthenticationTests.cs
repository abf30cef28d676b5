using System.Net;
using Conductor.Generated.Client;
using Conductor.Generated.Tests.Runtime.Infrastructure;
using Xunit.Abstractions;
using static Conductor.Generated.Tests.Runtime.Infrastructure.WorkerHostFixture;

namespace Conductor.Generated.Tests.Runtime;

public sealed class AuthenticationTests(ITestOutputHelper output)
{
    private const string KeyId = "key-id-4711";
    private const string KeySecret = "s3cr3t-never-shown";

    [Fact]
    public async Task Every_request_carries_the_token_from_one_exchange_of_the_application_key()
    {
        await using var server = await FakeConductorServer.StartAsync();
        server.ApplicationKey = (KeyId, KeySecret);
        server.Enqueue("auth_client", "auth-1");
        using var client = new ConductorClient(server.ApiUrl, credentials: new ConductorCredentials(KeyId, KeySecret));

        var tasks = await client.PollBatchAsync("auth_client", "w", null, 1, TimeSpan.Zero);
        await client.UpdateTaskAsync(new TaskResult { TaskId = tasks[0].TaskId, WorkflowInstanceId = tasks[0].WorkflowInstanceId, Status = TaskResultStatus.Completed });
        await client.UpdateTaskV2Async(new TaskResult { TaskId = tasks[0].TaskId, WorkflowInstanceId = tasks[0].WorkflowInstanceId, Status = TaskResultStatus.Completed });

        var tokenRequest = Assert.Single(server.Requests, request => request.Path == "/api/token");
        Assert.Equal("POST", tokenRequest.Method);
        Assert.Equal($$"""{"keyId":"{{KeyId}}","keySecret":"{{KeySecret}}"}""", tokenRequest.Body);
        Assert.All(server.Requests.Where(request => request.Path != "/api/token"), request => Assert.Equal("token-1", request.Authorization));
        Assert.Equal(3, server.Requests.Count(request => request.Authorization is not null));
        Assert.Equal(0, server.TokenRejections);
    }

    [Fact]
    public async Task A_server_without_authentication_is_asked_once_and_then_used_without_a_token()
    {
        await using var server = await FakeConductorServer.StartAsync();
        using var client = new ConductorClient(server.ApiUrl, credentials: new ConductorCredentials(KeyId, KeySecret));

        await client.PollBatchAsync("no_auth", "w", null, 1, TimeSpan.Zero);
        await client.PollBatchAsync("no_auth", "w", null, 1, TimeSpan.Zero);

        Assert.Single(server.Requests, request => request.Path == "/api/token");
        Assert.All(server.Requests, request => Assert.Null(request.Authorization));
        Assert.Equal(2, server.Polls.Count);
    }

    [Fact]
    public async Task A_request_refused_for_an_expired_token_is_repeated_with_a_new_one()
    {
        await using var server = await FakeConductorServer.StartAsync();
        server.ApplicationKey = (KeyId, KeySecret);
        using var client = new ConductorClient(server.ApiUrl, credentials: new ConductorCredentials(KeyId, KeySecret));
        await client.PollBatchAsync("expiring", "w", null, 1, TimeSpan.Zero);

        server.ExpireTokens();
        server.Enqueue("expiring", "after-expiry-1");
        var tasks = await client.PollBatchAsync("expiring", "w", null, 1, TimeSpan.Zero);

        Assert.Equal("after-expiry-1", Assert.Single(tasks).TaskId);
        Assert.Equal(2, server.TokensIssued);
        Assert.Equal(1, server.TokenRejections);
        Assert.Equal(["token-1", "token-1", "token-2"], server.Requests.Where(request => request.Path != "/api/token").Select(request => request.Authorization));
    }

    [Fact]
    public async Task Tokens_expiring_mid_run_fail_no_task_and_cost_one_renewal_per_expiry_however_many_requests_meet_them()
    {
        const int tasksPerType = 100;
        const int expiries = 3;
        string[] taskTypes = ["auth_load_a", "auth_load_b", "auth_load_c", "auth_load_d"];
        await using var fixture = await StartAsync(
            taskTypes.Select(taskType => Worker(taskType, async (context, cancellationToken) =>
            {
#pragma warning disable CA5394 // Spreads the timing of requests; no security meaning.
                await Task.Delay(Random.Shared.Next(0, 5), cancellationToken);
#pragma warning restore CA5394
                return Output($$"""{"id":"{{context.TaskId}}"}""");
            }, concurrency: 4)),
            server =>
            {
                server.ApplicationKey = (KeyId, KeySecret);
                server.TokenDelay = TimeSpan.FromMilliseconds(50);
                foreach (var taskType in taskTypes)
                {
                    for (var index = 0; index < tasksPerType; index++)
                    {
                        server.Enqueue(taskType, $"{taskType}-{index}");
                    }
                }
            },
            options =>
            {
                options.KeyId = KeyId;
                options.KeySecret = KeySecret;
            });
        var allTaskIds = taskTypes.SelectMany(taskType => Enumerable.Range(0, tasksPerType).Select(index => $"{taskType}-{index}")).ToList();

        for (var expiry = 1; expiry <= expiries; expiry++)
        {
            var threshold = expiry * allTaskIds.Count / (expiries + 1);
            await Eventually.TrueAsync(() => fixture.Server.Updates.Count >= threshold, $"{threshold} results");
            fixture.Server.ExpireTokens();
            await Eventually.TrueAsync(() => fixture.Server.TokensIssued == expiry + 1, $"renewal {expiry}");
        }

        await Eventually.TrueAsync(() => allTaskIds.All(taskId => fixture.Server.UpdatesOf(taskId).Count > 0), "every result", TimeSpan.FromSeconds(90));
        await fixture.Host.StopAsync(CancellationToken.None);

        foreach (var taskId in allTaskIds)
        {
            var update = Assert.Single(fixture.Server.UpdatesOf(taskId));
            Assert.Equal("COMPLETED", update.Status);
            Assert.Equal(taskId, update.Output.GetProperty("id").GetString());
        }

        output.WriteLine($"tasks: {allTaskIds.Count}, results: {fixture.Server.Updates.Count}, expiries: {expiries}, tokens issued: {fixture.Server.TokensIssued}, requests refused for their token: {fixture.Server.TokenRejections}");
        Assert.Equal(expiries + 1, fixture.Server.TokensIssued);
        Assert.True(fixture.Server.TokenRejections >= expiries, $"Each expiry should have been met by a request; {fixture.Server.TokenRejections} were refused.");
        Assert.DoesNotContain(fixture.Logs.Entries, entry => entry.Level >= Microsoft.Extensions.Logging.LogLevel.Error);
        AssertNoSecretIn(fixture.Logs);
    }

    [Fact]
    public async Task Tokens_are_renewed_before_they_get_old_so_requests_do_not_meet_expired_ones()
    {
        await using var fixture = await StartAsync(
            [Worker("auth_proactive", (_, _) => ValueTask.FromResult(Output("{}")))],
            server =>
            {
                server.ApplicationKey = (KeyId, KeySecret);
                server.TokenLifetime = TimeSpan.FromSeconds(5);
            },
            options =>
            {
                options.KeyId = KeyId;
                options.KeySecret = KeySecret;
                options.TokenRefreshInterval = TimeSpan.FromMilliseconds(300);
            });

        await Eventually.TrueAsync(() => fixture.Server.TokensIssued >= 3, "two renewals");
        fixture.Server.Enqueue("auth_proactive", "proactive-1");
        await fixture.WaitForUpdateAsync("proactive-1", "COMPLETED");

        Assert.Equal(0, fixture.Server.TokenRejections);
    }

    [Fact]
    public async Task A_wrong_secret_fails_polls_with_an_error_that_shows_neither_the_secret_nor_a_token()
    {
        await using var fixture = await StartAsync(
            [Worker("auth_wrong", (_, _) => ValueTask.FromResult(Output("{}")))],
            server => server.ApplicationKey = (KeyId, "the-right-secret"),
            options =>
            {
                options.KeyId = KeyId;
                options.KeySecret = KeySecret;
            });

        await Eventually.TrueAsync(() => fixture.Logs.WithEventId(3).Count >= 2, "failed polls logged");

        var failure = fixture.Logs.WithEventId(3)[0].Exception;
        var apiError = Assert.IsType<ConductorApiException>(failure);
        Assert.Equal(HttpStatusCode.Unauthorized, apiError.StatusCode);
        Assert.Equal("/api/token", apiError.Path);
        Assert.Empty(fixture.Server.Polls);
        AssertNoSecretIn(fixture.Logs);
    }

    [Theory]
    [InlineData(HttpStatusCode.Unauthorized)]
    [InlineData(HttpStatusCode.Forbidden)]
    public async Task A_result_refused_for_authentication_is_retried_until_accepted_never_dropped(HttpStatusCode refusal)
    {
        var taskType = $"auth_refused_{(int)refusal}";
        await using var fixture = await StartAsync(
            [Worker(taskType, (_, _) => ValueTask.FromResult(Output("""{"kept":true}""")))],
            server =>
            {
                server.UpdateFailure = (_, attempt) => attempt <= 3
                    ? (refusal, $$"""{"status":{{(int)refusal}},"message":"not allowed","retryable":false}""")
                    : null;
                server.Enqueue(taskType, "refused-auth-1");
            });

        await Eventually.TrueAsync(() => fixture.Server.UpdatesOf("refused-auth-1").Count == 4, "four delivery attempts");

        Assert.All(fixture.Server.UpdatesOf("refused-auth-1"), update => Assert.Equal("COMPLETED", update.Status));
        Assert.Empty(fixture.Logs.WithEventId(10));
        Assert.Equal(3, fixture.Logs.WithEventId(9).Count);
    }

    [Fact]
    public async Task The_application_key_is_read_from_the_environment_when_the_options_do_not_set_it()
    {
        await using var fixture = await StartAsync(
            [Worker("auth_env", (_, _) => ValueTask.FromResult(Output("{}")))],
            server => server.ApplicationKey = (KeyId, KeySecret),
            options => options.ReadEnvironmentVariable = name => name switch
            {
                "CONDUCTOR_AUTH_KEY" => KeyId,
                "CONDUCTOR_AUTH_SECRET" => KeySecret,
                _ => null,
            });

        await Eventually.TrueAsync(() => fixture.Server.Polls.Count >= 1, "an authenticated poll");
        Assert.Equal(1, fixture.Server.TokensIssued);
    }

    [Theory]
    [InlineData(KeyId, null)]
    [InlineData(null, KeySecret)]
    public void Half_an_application_key_is_an_error_that_does_not_show_the_half_given(string? keyId, string? keySecret)
    {
        var options = new ConductorWorkerOptions { KeyId = keyId, KeySecret = keySecret };

        var error = Assert.Throws<InvalidOperationException>(() => options.ResolveCredentials(_ => null));

        Assert.DoesNotContain(KeyId, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(KeySecret, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Credentials_never_show_their_secret()
    {
        var credentials = new ConductorCredentials(KeyId, KeySecret);

        Assert.DoesNotContain(KeySecret, credentials.ToString(), StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => new ConductorCredentials(KeyId, KeySecret) { TokenRefreshInterval = TimeSpan.Zero });
    }

    private static void AssertNoSecretIn(CapturingLoggerFactory logs)
    {
        foreach (var entry in logs.Entries)
        {
            var text = entry.Message + " " + entry.Exception + " " + string.Join(" ", entry.Properties.Select(property => property.Value));
            Assert.DoesNotContain(KeySecret, text, StringComparison.Ordinal);
            Assert.DoesNotContain("token-", text, StringComparison.Ordinal);
        }
    }
}
