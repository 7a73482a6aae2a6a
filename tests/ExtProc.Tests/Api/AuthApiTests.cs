using System.Net;
using Hush.EnvoyEmulator.JwtAuthn;
using Hush.ExtProc.Tests.Auth;

namespace Hush.ExtProc.Tests.Api;

/// <summary>Authentication of every API endpoint (401 with a Bearer challenge), <c>/api/me</c>, and the admin-port-only rule.</summary>
public sealed class AuthApiTests
{
    public static TheoryData<string, string> Endpoints => new()
    {
        { "GET", "/api/holds" },
        { "GET", "/api/holds/hold_x" },
        { "POST", "/api/holds/hold_x/approve" },
        { "POST", "/api/holds/hold_x/deny" },
        { "GET", "/audit" },
        { "GET", "/api/audit/1" },
        { "GET", "/api/policy" },
        { "GET", "/api/me" },
    };

    [Fact]
    public async Task Me_ValidToken_ReturnsSubjectGroupsAndAuditorFlag()
    {
        await using var server = await ApiTestServer.StartAsync();
        var json = await ApiJsonAssert.Json(await server.GetAsync("/api/me", server.Jwt.Mint("alice", "sec-approvers", "security")), 200);
        Assert.Equal("alice", json.GetProperty("subject").GetString());
        Assert.Equal("alice@example.com", json.GetProperty("email").GetString());
        Assert.Equal(["sec-approvers", "security"], json.GetProperty("groups").EnumerateArray().Select(g => g.GetString()));
        Assert.True(json.GetProperty("auditor").GetBoolean());

        var plain = await ApiJsonAssert.Json(await server.GetAsync("/api/me", server.Jwt.Mint("bob", "dev")), 200);
        Assert.False(plain.GetProperty("auditor").GetBoolean());
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task Endpoint_NoToken_401WithBearerChallenge(string method, string path)
    {
        await using var server = await ApiTestServer.StartAsync();
        var response = await server.Client.SendAsync(ApiTestServer.Request(new HttpMethod(method), path, null,
            method == "POST" ? new StringContent("{\"justification\":\"x\"}") : null)).WaitAsync(ApiTestServer.Timeout);
        await ApiJsonAssert.Error(response, 401, "missing_token");
        var challenge = Assert.Single(response.Headers.WwwAuthenticate);
        Assert.Equal("Bearer", challenge.Scheme);
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task Endpoint_ExpiredToken_401InvalidToken(string method, string path)
    {
        await using var server = await ApiTestServer.StartAsync();
        var token = server.Jwt.Mint("alice", "sec-approvers", "security");
        server.Time.Advance(TimeSpan.FromHours(2));
        var response = await server.Client.SendAsync(ApiTestServer.Request(new HttpMethod(method), path, token,
            method == "POST" ? new StringContent("{\"justification\":\"x\"}") : null)).WaitAsync(ApiTestServer.Timeout);
        await ApiJsonAssert.Error(response, 401, "invalid_token");
        var challenge = Assert.Single(response.Headers.WwwAuthenticate);
        Assert.Equal("Bearer", challenge.Scheme);
        Assert.Contains("error=\"invalid_token\"", challenge.Parameter, StringComparison.Ordinal);
        Assert.Contains("token_expired", challenge.Parameter, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Me_ForgedOrWrongAudienceToken_401()
    {
        await using var server = await ApiTestServer.StartAsync();
        using var other = TestJwt.Create();
        var forged = await server.GetAsync("/api/me", JwtMinter.Mint(other.Key, server.Jwt.Kid, TestJwt.Claims("mallory", "security")));
        Assert.Contains("bad_signature", await ApiJsonAssert.Error(forged, 401, "invalid_token"), StringComparison.Ordinal);

        var claims = TestJwt.Claims("alice", "security");
        claims["aud"] = "some-other-api";
        var wrongAudience = await server.GetAsync("/api/me", JwtMinter.Mint(server.Jwt.Key, server.Jwt.Kid, claims));
        Assert.Contains("wrong_audience", await ApiJsonAssert.Error(wrongAudience, 401, "invalid_token"), StringComparison.Ordinal);

        var garbage = await server.GetAsync("/api/me", "not-a-jwt");
        Assert.Contains("malformed_token", await ApiJsonAssert.Error(garbage, 401, "invalid_token"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Api_OnTheOtherPort_404()
    {
        await using var server = await ApiTestServer.StartAsync();
        using var client = new HttpClient { BaseAddress = server.OtherAddress, Timeout = ApiTestServer.Timeout };
        var token = server.Jwt.Mint("alice", "security");
        foreach (var path in new[] { "/api/me", "/api/holds", "/audit", "/ui/" })
        {
            var response = await client.SendAsync(ApiTestServer.Request(HttpMethod.Get, path, token)).WaitAsync(ApiTestServer.Timeout);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }

        Assert.Equal(HttpStatusCode.OK, (await server.GetAsync("/api/me", token)).StatusCode);
    }
}
