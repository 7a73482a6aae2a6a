using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Hush.ExtProc.Approvals;
using Hush.ExtProc.Identity;
using Hush.ExtProc.Tests.Auth;
using Hush.ExtProc.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Hush.ExtProc.Tests.Api;

/// <summary>The API and UI as HushServer wires them: Hush:Auth bound, admin port only, decisions audited.</summary>
public sealed class HushServerApiTests
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task HushServer_ApproveThroughApi_DecisionAuditedAndUiServed()
    {
        using var jwt = TestJwt.Create();
        await using var server = await HushTestServer.StartAsync(TestPolicies.GoldenBytes,
            $"--Hush:Auth:Jwks={jwt.Jwks}", $"--Hush:Auth:Issuer={TestJwt.Issuer}", $"--Hush:Auth:Audiences:0={TestJwt.Audience}");
        var approver = jwt.MintNow("alice", "sec-approvers");
        var auditor = jwt.MintNow("audrey", "auditors");

        var me = await ApiJsonAssert.Json(await SendAsync(server, HttpMethod.Get, "/api/me", approver), 200);
        Assert.Equal("alice", me.GetProperty("subject").GetString());
        await Eventually.TrueAsync(async () =>
            (await ApiJsonAssert.Json(await SendAsync(server, HttpMethod.Get, "/api/policy", approver), 200))
                .GetProperty("policies")[0].GetProperty("loaded").GetBoolean());

        var approvals = server.App.Services.GetRequiredService<ApprovalService>();
        var answer = Encoding.UTF8.GetBytes("{\"masked\":true}");
        var now = DateTimeOffset.UtcNow;
        var hold = new HoldRecord
        {
            Id = "hold_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(13)),
            CreatedAt = now,
            ExpiresAt = now.AddHours(1),
            Status = HoldStatus.Pending,
            Requester = new CallerIdentity { Source = "metadata", Subject = "repo:acme/api:ref:refs/heads/main" },
            Rules = [new HeldRule("aws-iam-mutation", "IAM change", ["sec-approvers"], 1)],
            ApproverGroups = ["sec-approvers"],
            Excerpt = "⟦aws iam create-access-key⟧",
            PolicySha256 = new string('c', 64),
            AnswerDigest = Convert.ToHexStringLower(SHA256.HashData(answer)),
            MaskedAnswer = answer,
        };
        await approvals.CreateAsync(hold).WaitAsync(s_timeout);

        var listed = await ApiJsonAssert.Json(await SendAsync(server, HttpMethod.Get, "/api/holds", approver), 200);
        Assert.Contains(listed.GetProperty("holds").EnumerateArray(), h => h.GetProperty("id").GetString() == hold.Id);
        var decided = await ApiJsonAssert.Json(await SendAsync(server, HttpMethod.Post, $"/api/holds/{hold.Id}/approve", approver,
            $"{{\"justification\":\"reviewed\",\"digest\":\"{hold.AnswerDigest}\"}}"), 200);
        Assert.Equal("approved", decided.GetProperty("status").GetString());

        await Eventually.TrueAsync(async () =>
        {
            var response = await SendAsync(server, HttpMethod.Get, "/audit?verdict=approved", auditor);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var body = await response.Content.ReadAsStringAsync().WaitAsync(s_timeout);
            return body.Contains(hold.Id, StringComparison.Ordinal) && body.Contains("\"approver\":\"alice\"", StringComparison.Ordinal);
        });

        var page = await server.Admin.GetAsync("/ui/").WaitAsync(s_timeout);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task HushServer_NoAuthConfigured_Every401AuthNotConfigured()
    {
        using var jwt = TestJwt.Create();
        await using var server = await HushTestServer.StartAsync(TestPolicies.GoldenBytes);
        var response = await SendAsync(server, HttpMethod.Get, "/api/holds", jwt.MintNow("alice", "sec-approvers"));
        Assert.Contains("auth_not_configured", await ApiJsonAssert.Error(response, 401, "invalid_token"), StringComparison.Ordinal);
    }

    private static Task<HttpResponseMessage> SendAsync(HushTestServer server, HttpMethod method, string path, string token, string? json = null)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        return server.Admin.SendAsync(request).WaitAsync(s_timeout);
    }
}
