using System.Buffers.Text;
using System.Net;
using System.Text.Json.Nodes;

namespace Conductor.Generated.Testing.Tests;

/// <summary>
/// Orkes-style authentication: <c>POST /api/token</c> and the <c>X-Authorization</c> header.
/// The open-source server has none; the shapes are those of Orkes Conductor.
/// </summary>
public sealed class AuthTests() : ServerTestBase(useFakeClock: true)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    protected override void Configure(ConductorTestServerOptions options) =>
        options.Auth = new TestServerAuthOptions { TokenLifetime = Lifetime }.AddKey("key-1", "secret-1");

    [Fact]
    public async Task Good_credentials_get_a_jwt_shaped_token_that_expires_after_the_lifetime()
    {
        using var response = await PostAsync("token", """{ "keyId": "key-1", "keySecret": "secret-1" }""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var token = (string)(await ReadJsonAsync(response))["token"]!;
        var parts = token.Split('.');
        Assert.Equal(3, parts.Length);
        var claims = JsonNode.Parse(Base64Url.DecodeFromChars(parts[1]))!;
        Assert.Equal("key-1", (string?)claims["sub"]);
        Assert.Equal((long)Lifetime.TotalSeconds, (long)claims["exp"]! - (long)claims["iat"]!);
        Assert.Equal(1, Server.Auth.TokensIssued);
    }

    [Theory]
    [InlineData("key-1", "wrong")]
    [InlineData("key-2", "secret-1")]
    public async Task Wrong_credentials_are_refused_with_401_and_no_token(string keyId, string keySecret)
    {
        using var response = await PostAsync("token", $$"""{ "keyId": "{{keyId}}", "keySecret": "{{keySecret}}" }""");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var body = await ReadJsonAsync(response);
        Assert.Equal("Invalid access key or secret", (string?)body["message"]);
        Assert.Null(body["token"]);
        Assert.Equal(0, Server.Auth.TokensIssued);
        Assert.Equal(1, Server.Auth.RefusedCredentials);
    }

    [Fact]
    public async Task A_token_request_without_key_id_or_secret_is_a_validation_error()
    {
        using var response = await PostAsync("token", "{}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await ReadJsonAsync(response);
        AssertError(body, 400, "Validation failed, check below errors for detail.");
        Assert.Equal(2, body["validationErrors"]!.AsArray().Count);
    }

    [Fact]
    public async Task A_request_without_token_is_refused_with_invalid_token()
    {
        using var response = await Http.GetAsync("tasks/poll/batch/any?count=1&timeout=0");

        await AssertUnauthorizedAsync(response, "INVALID_TOKEN", "Token cannot be null or empty");
        Assert.Equal(1, Server.Auth.InvalidTokenRejections);
    }

    [Fact]
    public async Task A_token_the_server_did_not_issue_is_refused_with_invalid_token()
    {
        Http.DefaultRequestHeaders.Add("X-Authorization", "made.up.token");

        using var response = await Http.GetAsync("metadata/taskdefs");

        await AssertUnauthorizedAsync(response, "INVALID_TOKEN", "Invalid token");
    }

    [Fact]
    public async Task A_good_token_lets_every_route_through()
    {
        RegisterSequence("with_token", "guarded");
        Server.StartWorkflow("with_token");
        Http.DefaultRequestHeaders.Add("X-Authorization", await GetTokenAsync());

        var task = await PollTaskAsync("guarded");
        await CompleteAsync(task);
        using var definitions = await Http.GetAsync("metadata/taskdefs");

        Assert.Equal(HttpStatusCode.OK, definitions.StatusCode);
        Assert.Equal(0, Server.Auth.InvalidTokenRejections + Server.Auth.ExpiredTokenRejections);
    }

    [Fact]
    public async Task A_token_past_its_lifetime_is_refused_with_expired_token_until_a_new_one_is_fetched()
    {
        Http.DefaultRequestHeaders.Add("X-Authorization", await GetTokenAsync());
        Clock!.Advance(Lifetime - TimeSpan.FromSeconds(1));
        using (var stillGood = await Http.GetAsync("metadata/taskdefs"))
        {
            Assert.Equal(HttpStatusCode.OK, stillGood.StatusCode);
        }

        Clock.Advance(TimeSpan.FromSeconds(1));
        using (var expired = await Http.GetAsync("metadata/taskdefs"))
        {
            await AssertUnauthorizedAsync(expired, "EXPIRED_TOKEN", "Token has expired");
        }

        Http.DefaultRequestHeaders.Remove("X-Authorization");
        Http.DefaultRequestHeaders.Add("X-Authorization", await GetTokenAsync());
        using var renewed = await Http.GetAsync("metadata/taskdefs");

        Assert.Equal(HttpStatusCode.OK, renewed.StatusCode);
        Assert.Equal(2, Server.Auth.TokensIssued);
        Assert.Equal(1, Server.Auth.ExpiredTokenRejections);
    }

    [Fact]
    public async Task Expiring_all_tokens_refuses_the_next_request_with_expired_token()
    {
        Http.DefaultRequestHeaders.Add("X-Authorization", await GetTokenAsync());

        Server.Auth.ExpireAllTokens();
        using var response = await Http.GetAsync("metadata/taskdefs");

        await AssertUnauthorizedAsync(response, "EXPIRED_TOKEN", "Token has expired");
    }

    private async Task<string> GetTokenAsync()
    {
        using var response = await PostAsync("token", """{ "keyId": "key-1", "keySecret": "secret-1" }""");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (string)(await ReadJsonAsync(response))["token"]!;
    }

    private static async Task AssertUnauthorizedAsync(HttpResponseMessage response, string error, string message)
    {
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var body = await ReadJsonAsync(response);
        Assert.Equal(error, (string?)body["error"]);
        Assert.Equal(message, (string?)body["message"]);
        Assert.True((long)body["timestamp"]! > 0);
    }
}

/// <summary>Without authentication, as on the open-source server.</summary>
public sealed class NoAuthTests : ServerTestBase
{
    [Fact]
    public async Task The_token_route_answers_404_so_clients_go_on_without_a_token()
    {
        using var response = await PostAsync("token", """{ "keyId": "key-1", "keySecret": "secret-1" }""");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        AssertError(await ReadJsonAsync(response), 404, "No static resource api/token.");
        Assert.False(Server.Auth.IsEnabled);
    }

    [Fact]
    public async Task Requests_need_no_token()
    {
        using var response = await Http.GetAsync("metadata/taskdefs");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(0, Server.Auth.InvalidTokenRejections);
    }
}
