using Hush.ExtProc.Tests.Support;

namespace Hush.ExtProc.Tests.Api;

/// <summary><c>GET /api/policy</c>: the loaded policy with its rule counts and hold rules.</summary>
public sealed class PolicyApiTests
{
    private const string PolicyYaml = """
        version: 1
        name: api-test
        policy_version: "3"
        rules:
          - id: test-token
            pattern: 'tok_[a-z0-9]{16}'
        hold:
          - id: iam-admin
            pattern: 'AdministratorAccess'
            reason: grants full AWS admin
            approvers: [sec-approvers, platform]
        """;

    [Fact]
    public async Task Policy_BeforeLoad_NotLoaded()
    {
        await using var server = await ApiTestServer.StartAsync();
        var json = await ApiJsonAssert.Json(await server.GetAsync("/api/policy", server.Jwt.Mint("dev", "dev")), 200);
        var policy = Assert.Single(json.GetProperty("policies").EnumerateArray());
        Assert.False(policy.GetProperty("loaded").GetBoolean());
    }

    [Fact]
    public async Task Policy_Loaded_NameVersionShaCountsAndHoldRules()
    {
        await using var server = await ApiTestServer.StartAsync();
        var loaded = TestPolicies.FromBytes(TestPolicies.Compile(PolicyYaml));
        server.Policies.Swap(loaded);
        var json = await ApiJsonAssert.Json(await server.GetAsync("/api/policy", server.Jwt.Mint("dev", "dev")), 200);
        var policy = Assert.Single(json.GetProperty("policies").EnumerateArray());
        Assert.True(policy.GetProperty("loaded").GetBoolean());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, policy.GetProperty("route").ValueKind);
        Assert.Equal("api-test", policy.GetProperty("name").GetString());
        Assert.Equal("3", policy.GetProperty("version").GetString());
        Assert.Equal(loaded.ArtifactSha256, policy.GetProperty("sha256").GetString());
        Assert.Equal(loaded.Policy.SourceSha256Hex, policy.GetProperty("source_sha256").GetString());
        var counts = policy.GetProperty("rule_counts");
        Assert.Equal(loaded.Policy.Rules.Count, counts.GetProperty("total").GetInt32());
        Assert.Equal(1, counts.GetProperty("hold").GetInt32());
        Assert.Equal(loaded.Policy.Rules.Count - 1, counts.GetProperty("mask").GetInt32());
        var hold = Assert.Single(policy.GetProperty("hold_rules").EnumerateArray());
        Assert.Equal("iam-admin", hold.GetProperty("id").GetString());
        Assert.Equal("grants full AWS admin", hold.GetProperty("reason").GetString());
        Assert.Equal(["sec-approvers", "platform"], hold.GetProperty("approvers").EnumerateArray().Select(a => a.GetString()));
    }
}
