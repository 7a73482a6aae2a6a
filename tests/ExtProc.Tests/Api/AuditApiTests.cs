using System.Text.Json;
using Hush.ExtProc.Audit;
using Hush.ExtProc.Tests.Support;

namespace Hush.ExtProc.Tests.Api;

/// <summary><c>GET /audit</c> (JSON lines, filters, auditors only) and <c>GET /api/audit/{seq}</c>.</summary>
public sealed class AuditApiTests
{
    [Fact]
    public async Task Export_Auditor_StreamsFilteredNdjson()
    {
        await using var server = await ApiTestServer.StartAsync();
        await AppendAsync(server, 12);
        var token = server.Jwt.Mint("auditor", "auditors");

        var all = await ExportAsync(server, "/audit", token);
        Assert.Equal(Enumerable.Range(1, 12).Select(i => (long)i), all.Select(r => r.GetProperty("seq").GetInt64()));
        Assert.All(all, r => Assert.Equal(64, r.GetProperty("hash").GetString()!.Length));

        var denied = await ExportAsync(server, "/audit?verdict=denied", token);
        Assert.Equal([3L, 6L, 9L, 12L], denied.Select(r => r.GetProperty("seq").GetInt64()));
        Assert.All(denied, r => Assert.Equal("denied", r.GetProperty("verdict").GetString()));

        var web = await ExportAsync(server, "/audit?repository=acme%2Fweb&rule=slack-token&limit=2", token);
        Assert.Equal([1L, 3L], web.Select(r => r.GetProperty("seq").GetInt64()));

        var bySubject = await ExportAsync(server, "/audit?subject=user-2&run_id=run-0", token);
        Assert.Equal([8L], bySubject.Select(r => r.GetProperty("seq").GetInt64()));

        var paged = await ExportAsync(server, "/audit?after=10", token);
        Assert.Equal([11L, 12L], paged.Select(r => r.GetProperty("seq").GetInt64()));

        // Records are appended one fake minute apart from TestJwt.Now + 1 min.
        var window = await ExportAsync(server, "/audit?since=2026-11-28T12:03:00Z&until=2026-11-28T12:05:00Z", token);
        Assert.Equal([3L, 4L], window.Select(r => r.GetProperty("seq").GetInt64()));
    }

    [Fact]
    public async Task Export_NotAuditor_403()
    {
        await using var server = await ApiTestServer.StartAsync();
        await ApiJsonAssert.Error(await server.GetAsync("/audit", server.Jwt.Mint("alice", "sec-approvers")), 403, "not_an_auditor");
        await ApiJsonAssert.Error(await server.GetAsync("/api/audit/1", server.Jwt.Mint("alice", "sec-approvers")), 403, "not_an_auditor");
    }

    [Fact]
    public async Task Export_ConfiguredAuditorGroups_ReplaceTheDefault()
    {
        await using var server = await ApiTestServer.StartAsync(new Dictionary<string, string?> { ["Hush:Auth:AuditorGroups:0"] = "compliance" });
        await ApiJsonAssert.Error(await server.GetAsync("/audit", server.Jwt.Mint("sam", "security")), 403, "not_an_auditor");
        var response = await server.GetAsync("/audit", server.Jwt.Mint("carla", "compliance"));
        Assert.Equal(200, (int)response.StatusCode);
    }

    [Theory]
    [InlineData("since=yesterday", "since")]
    [InlineData("until=12:00", "until")]
    [InlineData("since=2026-11-28T13:00:00Z&until=2026-11-28T12:00:00Z", "until")]
    [InlineData("verdict=Denied", "verdict")]
    [InlineData("verdict=ok", "verdict")]
    [InlineData("after=-1", "after")]
    [InlineData("after=x", "after")]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=2000000", "limit")]
    [InlineData("subject=", "subject")]
    [InlineData("subject=a&subject=b", "subject")]
    [InlineData("repo=acme%2Fapi", "repo")]
    public async Task Export_BadFilter_400NamingTheParameter(string query, string parameter)
    {
        await using var server = await ApiTestServer.StartAsync();
        var message = await ApiJsonAssert.Error(await server.GetAsync("/audit?" + query, server.Jwt.Mint("auditor", "security")), 400, "invalid_parameter");
        Assert.StartsWith(parameter + ": ", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Record_BySequence_CanonicalJsonOr404Or400()
    {
        await using var server = await ApiTestServer.StartAsync();
        var stored = await AppendAsync(server, 3);
        var token = server.Jwt.Mint("auditor", "security");
        var response = await server.GetAsync("/api/audit/2", token);
        var raw = await response.Content.ReadAsStringAsync();
        var json = await ApiJsonAssert.Json(response, 200);
        Assert.Equal(AuditCanonical.Form(stored[1], includeHash: true), raw);
        Assert.Equal(2, json.GetProperty("seq").GetInt64());
        Assert.Equal(stored[1].Hash, json.GetProperty("hash").GetString());

        await ApiJsonAssert.Error(await server.GetAsync("/api/audit/4", token), 404, "not_found");
        await ApiJsonAssert.Error(await server.GetAsync("/api/audit/0", token), 400, "invalid_parameter");
        await ApiJsonAssert.Error(await server.GetAsync("/api/audit/abc", token), 400, "invalid_parameter");
    }

    [Fact]
    public async Task Export_StoreUnavailable_503()
    {
        await using var server = await ApiTestServer.StartAsync(audit: new FailingAuditStore());
        await ApiJsonAssert.Error(await server.GetAsync("/audit", server.Jwt.Mint("auditor", "security")), 503, "audit_unavailable");
    }

    private static async Task<List<AuditRecord>> AppendAsync(ApiTestServer server, int count)
    {
        var stored = new List<AuditRecord>();
        for (var i = 1; i <= count; i++)
        {
            server.Time.Advance(TimeSpan.FromMinutes(1));
            stored.Add(await server.Audit.AppendAsync(new AuditRecord
            {
                IdentitySource = "metadata",
                Subject = "user-" + (i % 3),
                Repository = i % 2 == 1 ? "acme/web" : "acme/api",
                RunId = "run-" + (i % 4),
                CiSystem = "github-actions",
                Route = "openai",
                Provider = "openai",
                Model = "gpt-4o",
                PolicySha256 = new string('a', 64),
                RuleHits = i % 2 == 1 ? [new AuditRuleHit("slack-token", 1)] : [new AuditRuleHit("aws-access-key-id", 2)],
                Verdict = i % 3 == 0 ? AuditVerdict.Denied : AuditVerdict.Masked,
                MaskedRequest = "{\"prompt\":\"key AKIA[MASKED:aws-access-key-id]\"}",
                MaskedResponse = "ok",
            }).WaitAsync(ApiTestServer.Timeout));
        }

        return stored;
    }

    private static async Task<List<JsonElement>> ExportAsync(ApiTestServer server, string path, string token)
    {
        var response = await server.GetAsync(path, token);
        var body = await response.Content.ReadAsStringAsync().WaitAsync(ApiTestServer.Timeout);
        Assert.True(response.IsSuccessStatusCode, body);
        Assert.Equal("application/x-ndjson", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        return [.. body.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement.Clone())];
    }
}
