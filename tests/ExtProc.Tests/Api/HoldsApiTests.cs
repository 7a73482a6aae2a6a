using System.Text.Json;
using Hush.EnvoyEmulator.JwtAuthn;
using Hush.ExtProc.Approvals;
using Hush.ExtProc.Tests.Auth;

namespace Hush.ExtProc.Tests.Api;

/// <summary><c>/api/holds</c>: listing, reading, approving and denying, with every refusal's status code.</summary>
public sealed class HoldsApiTests
{
    private const string Requester = "repo:acme/api:ref:refs/heads/main";

    [Fact]
    public async Task List_Pending_HoldsWithCanDecideAndNoAnswerBody()
    {
        await using var server = await ApiTestServer.StartAsync();
        var theirs = await server.CreateHoldAsync();
        var mine = await server.CreateHoldAsync(requester: "alice");
        var response = await server.GetAsync("/api/holds", server.Jwt.Mint("alice", "sec-approvers"));
        var raw = await response.Content.ReadAsStringAsync();
        var json = await ApiJsonAssert.Json(response, 200);
        var holds = json.GetProperty("holds").EnumerateArray().ToDictionary(h => h.GetProperty("id").GetString()!);
        Assert.Equal(2, holds.Count);
        Assert.True(holds[theirs.Id].GetProperty("can_decide").GetBoolean());
        Assert.False(holds[mine.Id].GetProperty("can_decide").GetBoolean(), "own hold");
        Assert.All(holds.Values, h => Assert.Equal("pending", h.GetProperty("status").GetString()));
        Assert.DoesNotContain("masked_answer", raw, StringComparison.Ordinal);
        Assert.DoesNotContain("\"masked\"", raw, StringComparison.Ordinal);

        var outsider = await ApiJsonAssert.Json(await server.GetAsync("/api/holds", server.Jwt.Mint("bob", "dev")), 200);
        Assert.All(outsider.GetProperty("holds").EnumerateArray(), h => Assert.False(h.GetProperty("can_decide").GetBoolean()));
    }

    [Fact]
    public async Task List_StatusAndLimit_Filter()
    {
        await using var server = await ApiTestServer.StartAsync();
        var token = server.Jwt.Mint("alice", "sec-approvers");
        var approved = await server.CreateHoldAsync();
        await server.CreateHoldAsync();
        await server.CreateHoldAsync();
        await ApiJsonAssert.Json(await server.PostAsync($"/api/holds/{approved.Id}/approve", token, "{\"justification\":\"reviewed\"}"), 200);

        Assert.Equal(2, await Count(server, "/api/holds?status=pending", token));
        Assert.Equal(1, await Count(server, "/api/holds?status=approved", token));
        Assert.Equal(0, await Count(server, "/api/holds?status=denied", token));
        Assert.Equal(3, await Count(server, "/api/holds?status=all", token));
        Assert.Equal(2, await Count(server, "/api/holds?status=all&limit=2", token));
    }

    [Theory]
    [InlineData("/api/holds?status=bogus", "status")]
    [InlineData("/api/holds?status=pending&status=all", "status")]
    [InlineData("/api/holds?limit=0", "limit")]
    [InlineData("/api/holds?limit=1001", "limit")]
    [InlineData("/api/holds?limit=ten", "limit")]
    public async Task List_BadParameter_400NamingIt(string path, string parameter)
    {
        await using var server = await ApiTestServer.StartAsync();
        var message = await ApiJsonAssert.Error(await server.GetAsync(path, server.Jwt.Mint("alice", "sec-approvers")), 400, "invalid_parameter");
        Assert.StartsWith(parameter + ":", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_Hold_FullShape()
    {
        await using var server = await ApiTestServer.StartAsync();
        var hold = await server.CreateHoldAsync();
        var json = await ApiJsonAssert.Json(await server.GetAsync($"/api/holds/{hold.Id}", server.Jwt.Mint("alice", "sec-approvers")), 200);
        Assert.Equal(hold.Id, json.GetProperty("id").GetString());
        Assert.Equal("pending", json.GetProperty("status").GetString());
        Assert.Equal(hold.CreatedAt, json.GetProperty("created_at").GetDateTimeOffset());
        Assert.Equal(hold.ExpiresAt, json.GetProperty("expires_at").GetDateTimeOffset());
        var requester = json.GetProperty("requester");
        Assert.Equal(Requester, requester.GetProperty("subject").GetString());
        Assert.Equal("ci@example.com", requester.GetProperty("email").GetString());
        Assert.Equal(["ci"], requester.GetProperty("groups").EnumerateArray().Select(g => g.GetString()));
        var ci = requester.GetProperty("ci");
        Assert.Equal("github-actions", ci.GetProperty("system").GetString());
        Assert.Equal("acme/api", ci.GetProperty("repository").GetString());
        Assert.Equal("4242", ci.GetProperty("run_id").GetString());
        Assert.Equal("1", ci.GetProperty("run_attempt").GetString());
        Assert.Equal("0123456789abcdef0123456789abcdef01234567", ci.GetProperty("sha").GetString());
        Assert.Equal("refs/heads/main", ci.GetProperty("ref").GetString());
        Assert.Equal("deploy", ci.GetProperty("workflow").GetString());
        Assert.Equal("octocat", ci.GetProperty("actor").GetString());
        Assert.Equal("openai", json.GetProperty("route").GetString());
        Assert.Equal("openai", json.GetProperty("provider").GetString());
        Assert.Equal("gpt-4o", json.GetProperty("model").GetString());
        var rule = Assert.Single(json.GetProperty("rules").EnumerateArray());
        Assert.Equal("aws-iam-mutation", rule.GetProperty("rule").GetString());
        Assert.Equal("IAM changes need a security review", rule.GetProperty("reason").GetString());
        Assert.Equal(["sec-approvers"], rule.GetProperty("approvers").EnumerateArray().Select(g => g.GetString()));
        Assert.Equal(1, rule.GetProperty("count").GetInt64());
        Assert.Equal(["sec-approvers"], json.GetProperty("approver_groups").EnumerateArray().Select(g => g.GetString()));
        Assert.Equal(hold.Excerpt, json.GetProperty("excerpt").GetString());
        Assert.Equal(hold.PolicySha256, json.GetProperty("policy_sha256").GetString());
        Assert.Equal(hold.AnswerDigest, json.GetProperty("answer_digest").GetString());
        foreach (var unset in new[] { "decided_by", "justification", "decided_at", "released_at" })
        {
            Assert.Equal(JsonValueKind.Null, json.GetProperty(unset).ValueKind);
        }

        Assert.True(json.GetProperty("can_decide").GetBoolean());
        Assert.False(json.TryGetProperty("masked_answer", out _));
    }

    [Fact]
    public async Task Get_UnknownHold_404()
    {
        await using var server = await ApiTestServer.StartAsync();
        await ApiJsonAssert.Error(await server.GetAsync("/api/holds/hold_doesnotexist", server.Jwt.Mint("alice", "sec-approvers")), 404, "not_found");
        await ApiJsonAssert.Error(await server.GetAsync("/api/holds/" + new string('x', 200), server.Jwt.Mint("alice", "sec-approvers")), 404, "not_found");
    }

    [Fact]
    public async Task Approve_Approver_200ApprovedThen409NotPending()
    {
        await using var server = await ApiTestServer.StartAsync();
        var hold = await server.CreateHoldAsync();
        var token = server.Jwt.Mint("alice", "sec-approvers");
        var json = await ApiJsonAssert.Json(await server.PostAsync($"/api/holds/{hold.Id}/approve", token,
            $"{{\"justification\":\"  checked the policy ARN  \",\"digest\":\"{hold.AnswerDigest}\"}}"), 200);
        Assert.Equal("approved", json.GetProperty("status").GetString());
        Assert.Equal("alice", json.GetProperty("decided_by").GetString());
        Assert.Equal("checked the policy ARN", json.GetProperty("justification").GetString());
        Assert.Equal(server.Time.GetUtcNow(), json.GetProperty("decided_at").GetDateTimeOffset());
        Assert.False(json.GetProperty("can_decide").GetBoolean());
        Assert.Equal(HoldStatus.Approved, (await server.Approvals.GetAsync(hold.Id))!.Status);

        await ApiJsonAssert.Error(await server.PostAsync($"/api/holds/{hold.Id}/deny", server.Jwt.Mint("carol", "sec-approvers"),
            "{\"justification\":\"too late\"}"), 409, "not_pending");
    }

    [Fact]
    public async Task Deny_Approver_200Denied()
    {
        await using var server = await ApiTestServer.StartAsync();
        var hold = await server.CreateHoldAsync();
        var json = await ApiJsonAssert.Json(await server.PostAsync($"/api/holds/{hold.Id}/deny", server.Jwt.Mint("alice", "sec-approvers"),
            "{\"justification\":\"admin policy is never fine\"}"), 200);
        Assert.Equal("denied", json.GetProperty("status").GetString());
        Assert.Equal("admin policy is never fine", json.GetProperty("justification").GetString());
        Assert.Equal(HoldStatus.Denied, (await server.Approvals.GetAsync(hold.Id))!.Status);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("{\"justification\":\"   \"}")]
    [InlineData("{\"justification\":null}")]
    public async Task Approve_NoJustification_400JustificationRequired(string body)
    {
        await using var server = await ApiTestServer.StartAsync();
        var hold = await server.CreateHoldAsync();
        await ApiJsonAssert.Error(await server.PostAsync($"/api/holds/{hold.Id}/approve", server.Jwt.Mint("alice", "sec-approvers"), body),
            400, "justification_required");
        Assert.Equal(HoldStatus.Pending, (await server.Approvals.GetAsync(hold.Id))!.Status);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("[\"justification\"]")]
    [InlineData("{\"justification\":42}")]
    [InlineData("{\"justification\":\"ok\",\"digest\":[1]}")]
    [InlineData("{\"justification\":\"ok\"")]
    public async Task Approve_BadBody_400InvalidJson(string body)
    {
        await using var server = await ApiTestServer.StartAsync();
        var hold = await server.CreateHoldAsync();
        await ApiJsonAssert.Error(await server.PostAsync($"/api/holds/{hold.Id}/approve", server.Jwt.Mint("alice", "sec-approvers"), body),
            400, "invalid_json");
        Assert.Equal(HoldStatus.Pending, (await server.Approvals.GetAsync(hold.Id))!.Status);
    }

    [Fact]
    public async Task Approve_NotInApproverGroup_403NotAnApprover()
    {
        await using var server = await ApiTestServer.StartAsync();
        var hold = await server.CreateHoldAsync();
        await ApiJsonAssert.Error(await server.PostAsync($"/api/holds/{hold.Id}/approve", server.Jwt.Mint("bob", "dev", "security"),
            "{\"justification\":\"looks fine\"}"), 403, "not_an_approver");
        Assert.Equal(HoldStatus.Pending, (await server.Approvals.GetAsync(hold.Id))!.Status);
    }

    [Fact]
    public async Task Approve_OwnHold_403OwnHold()
    {
        await using var server = await ApiTestServer.StartAsync();
        var hold = await server.CreateHoldAsync(requester: "alice");
        await ApiJsonAssert.Error(await server.PostAsync($"/api/holds/{hold.Id}/approve", server.Jwt.Mint("alice", "sec-approvers"),
            "{\"justification\":\"trust me\"}"), 403, "own_hold");
        Assert.Equal(HoldStatus.Pending, (await server.Approvals.GetAsync(hold.Id))!.Status);
    }

    [Fact]
    public async Task Approve_UnknownHold_404()
    {
        await using var server = await ApiTestServer.StartAsync();
        await ApiJsonAssert.Error(await server.PostAsync("/api/holds/hold_nope/approve", server.Jwt.Mint("alice", "sec-approvers"),
            "{\"justification\":\"x\"}"), 404, "not_found");
    }

    [Fact]
    public async Task Approve_DigestMismatch_409ThenMatchingDigest200()
    {
        await using var server = await ApiTestServer.StartAsync();
        var hold = await server.CreateHoldAsync();
        var token = server.Jwt.Mint("alice", "sec-approvers");
        await ApiJsonAssert.Error(await server.PostAsync($"/api/holds/{hold.Id}/approve", token,
            $"{{\"justification\":\"ok\",\"digest\":\"{new string('0', 64)}\"}}"), 409, "digest_mismatch");
        Assert.Equal(HoldStatus.Pending, (await server.Approvals.GetAsync(hold.Id))!.Status);
        await ApiJsonAssert.Json(await server.PostAsync($"/api/holds/{hold.Id}/approve", token,
            $"{{\"justification\":\"ok\",\"digest\":\"{hold.AnswerDigest.ToUpperInvariant()}\"}}"), 200);
    }

    [Fact]
    public async Task Approve_ExpiredHold_409NotPending()
    {
        await using var server = await ApiTestServer.StartAsync();
        var hold = await server.CreateHoldAsync();
        server.Time.Advance(TimeSpan.FromMinutes(61));
        // A token minted now, so the refusal is about the hold, not the token.
        var token = MintAt(server);
        var detail = await ApiJsonAssert.Json(await server.GetAsync($"/api/holds/{hold.Id}", token), 200);
        Assert.False(detail.GetProperty("can_decide").GetBoolean());
        await ApiJsonAssert.Error(await server.PostAsync($"/api/holds/{hold.Id}/approve", token, "{\"justification\":\"late\"}"), 409, "not_pending");
    }

    private static string MintAt(ApiTestServer server)
    {
        var claims = TestJwt.Claims("alice", "sec-approvers");
        var now = server.Time.GetUtcNow();
        claims["iat"] = now.ToUnixTimeSeconds();
        claims["exp"] = now.AddHours(1).ToUnixTimeSeconds();
        return JwtMinter.Mint(server.Jwt.Key, server.Jwt.Kid, claims);
    }

    private static async Task<int> Count(ApiTestServer server, string path, string token) =>
        (await ApiJsonAssert.Json(await server.GetAsync(path, token), 200)).GetProperty("holds").GetArrayLength();
}
