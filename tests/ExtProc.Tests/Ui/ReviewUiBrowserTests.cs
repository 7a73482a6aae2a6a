using Hush.ExtProc.Approvals;
using Hush.ExtProc.Audit;
using Hush.ExtProc.Tests.Api;
using Hush.ExtProc.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Hush.ExtProc.Tests.Ui;

/// <summary>The review UI in real headless Chromium against a real server: log in, list, open, approve; audit and policy views.</summary>
public sealed class ReviewUiBrowserTests
{
    private static readonly TimeSpan s_timeout = UiBrowser.Timeout;

    [Fact]
    public async Task ReviewUi_ApproverApprovesPendingHold_StatusBecomesApproved()
    {
        await using var server = await ApiTestServer.StartAsync();
        // The fake key the excerpt's placeholder stands for: it was masked before the hold was stored, so it must
        // appear nowhere; the held answer body must not reach the browser either.
        const string FakeKey = "AKIAQYLPMN5HFIQR7XYA";
        const string AnswerMarker = "held-answer-body-marker-7f3c";
        var hold = await server.CreateHoldAsync(answerText: AnswerMarker);
        var other = await server.CreateHoldAsync(requester: "someone-else");
        await using var ui = await UiBrowser.LaunchAsync();
        var page = ui.Page;

        await page.GotoAsync(server.AdminAddress + "ui/").WaitAsync(s_timeout);
        await Expect(page.GetByTestId("login-view")).ToBeVisibleAsync().WaitAsync(s_timeout);
        await page.GetByTestId("token-input").FillAsync(server.Jwt.Mint("alice", "sec-approvers")).WaitAsync(s_timeout);
        await page.GetByTestId("login-button").ClickAsync().WaitAsync(s_timeout);

        await Expect(page.GetByTestId("whoami")).ToContainTextAsync("alice").WaitAsync(s_timeout);
        var rows = page.GetByTestId("hold-row");
        await Expect(rows).ToHaveCountAsync(2).WaitAsync(s_timeout);
        var row = page.Locator($"[data-testid=hold-row][data-hold-id='{hold.Id}']");
        await Expect(row).ToContainTextAsync("acme/api").WaitAsync(s_timeout);
        await Expect(row).ToContainTextAsync("aws-iam-mutation").WaitAsync(s_timeout);
        await row.GetByTestId("hold-link").ClickAsync().WaitAsync(s_timeout);

        await Expect(page.GetByTestId("hold-id")).ToHaveTextAsync(hold.Id).WaitAsync(s_timeout);
        await Expect(page.GetByTestId("hold-status")).ToHaveTextAsync("pending").WaitAsync(s_timeout);
        var span = page.GetByTestId("held-span");
        await Expect(span).ToHaveCountAsync(1).WaitAsync(s_timeout);
        await Expect(span).ToHaveTextAsync("aws iam attach-user-policy --policy-arn arn:aws:iam::aws:policy/AdministratorAccess").WaitAsync(s_timeout);
        Assert.Equal("mark", await span.EvaluateAsync<string>("e => e.tagName.toLowerCase()").WaitAsync(s_timeout));
        var excerpt = page.GetByTestId("hold-excerpt");
        await Expect(excerpt).ToContainTextAsync("AKIA[MASKED:aws-access-key-id]").WaitAsync(s_timeout);
        // The markers themselves are replaced by the highlight.
        await Expect(excerpt).Not.ToContainTextAsync("⟦").WaitAsync(s_timeout);
        await Expect(page.GetByTestId("hold-ci")).ToContainTextAsync("4242").WaitAsync(s_timeout);
        await Expect(page.GetByTestId("hold-rules")).ToContainTextAsync("IAM changes need a security review").WaitAsync(s_timeout);
        await Expect(page.GetByTestId("decision-digest")).ToHaveTextAsync(hold.AnswerDigest).WaitAsync(s_timeout);
        var html = await page.ContentAsync().WaitAsync(s_timeout);
        Assert.DoesNotContain(FakeKey, html, StringComparison.Ordinal);
        Assert.DoesNotContain(AnswerMarker, html, StringComparison.Ordinal);

        // Approve without a justification: refused in the page, nothing sent.
        await page.GetByTestId("approve-button").ClickAsync().WaitAsync(s_timeout);
        await Expect(page.GetByTestId("decision-error")).ToContainTextAsync("justification").WaitAsync(s_timeout);
        Assert.Equal(HoldStatus.Pending, (await server.Approvals.GetAsync(hold.Id).WaitAsync(s_timeout))!.Status);

        await page.GetByTestId("justification").FillAsync("Checked with the platform team: break-glass change CHG-1234").WaitAsync(s_timeout);
        await page.GetByTestId("approve-button").ClickAsync().WaitAsync(s_timeout);
        await Expect(page.GetByTestId("hold-status")).ToHaveTextAsync("approved").WaitAsync(s_timeout);
        await Expect(page.GetByTestId("hold-decision")).ToContainTextAsync("alice").WaitAsync(s_timeout);
        await Expect(page.GetByTestId("decision-form")).ToBeHiddenAsync().WaitAsync(s_timeout);

        var stored = await server.Approvals.GetAsync(hold.Id).WaitAsync(s_timeout);
        Assert.Equal(HoldStatus.Approved, stored!.Status);
        Assert.Equal("alice", stored.DecidedBy);
        Assert.Equal("Checked with the platform team: break-glass change CHG-1234", stored.Justification);
        Assert.Equal(HoldStatus.Pending, (await server.Approvals.GetAsync(other.Id).WaitAsync(s_timeout))!.Status);

        // Back on the list, only the other hold is still pending.
        await page.GetByTestId("nav-holds").ClickAsync().WaitAsync(s_timeout);
        await Expect(rows).ToHaveCountAsync(1).WaitAsync(s_timeout);
        await Expect(rows.First).ToHaveAttributeAsync("data-hold-id", other.Id).WaitAsync(s_timeout);
    }

    [Fact]
    public async Task ReviewUi_AuditSearchRecordDetailAndPolicy_ShowHighlightedHits()
    {
        await using var server = await ApiTestServer.StartAsync();
        server.Policies.Swap(TestPolicies.FromBytes(TestPolicies.Compile("""
            version: 1
            name: ui-test
            policy_version: "5"
            rules:
              - id: test-token
                pattern: 'tok_[a-z0-9]{16}'
            hold:
              - id: iam-admin
                pattern: 'AdministratorAccess'
                reason: grants full AWS admin
                approvers: [sec-approvers]
            """)));
        foreach (var (subject, verdict) in new[] { ("ci-a", AuditVerdict.Masked), ("ci-b", AuditVerdict.Passed), ("ci-a", AuditVerdict.Held) })
        {
            await server.Audit.AppendAsync(new AuditRecord
            {
                Subject = subject,
                Repository = "acme/api",
                RunId = "77",
                Verdict = verdict,
                RuleHits = verdict == AuditVerdict.Passed ? [] : [new AuditRuleHit("test-token", 1)],
                MaskedRequest = "{\"prompt\":\"use [MASKED:test-token] <b>now</b>\"}",
                MaskedResponse = "done",
            }).WaitAsync(s_timeout);
        }

        await using var ui = await UiBrowser.LaunchAsync();
        var page = ui.Page;
        await page.GotoAsync(server.AdminAddress + "ui/").WaitAsync(s_timeout);
        await page.GetByTestId("token-input").FillAsync(server.Jwt.Mint("audrey", "auditors")).WaitAsync(s_timeout);
        await page.GetByTestId("login-button").ClickAsync().WaitAsync(s_timeout);
        await Expect(page.GetByTestId("holds-empty")).ToBeVisibleAsync().WaitAsync(s_timeout);

        await page.GetByTestId("nav-audit").ClickAsync().WaitAsync(s_timeout);
        await page.GetByTestId("audit-subject").FillAsync("ci-a").WaitAsync(s_timeout);
        await page.GetByTestId("audit-search").ClickAsync().WaitAsync(s_timeout);
        var rows = page.GetByTestId("audit-row");
        await Expect(rows).ToHaveCountAsync(2).WaitAsync(s_timeout);
        await Expect(rows.Nth(1)).ToContainTextAsync("held").WaitAsync(s_timeout);
        await page.GetByTestId("audit-verdict").SelectOptionAsync("masked").WaitAsync(s_timeout);
        await page.GetByTestId("audit-search").ClickAsync().WaitAsync(s_timeout);
        await Expect(rows).ToHaveCountAsync(1).WaitAsync(s_timeout);

        await rows.First.ClickAsync().WaitAsync(s_timeout);
        await Expect(page.GetByTestId("audit-record-seq")).ToHaveTextAsync("1").WaitAsync(s_timeout);
        await Expect(page.GetByTestId("audit-hit")).ToContainTextAsync("test-token").WaitAsync(s_timeout);
        var request = page.GetByTestId("audit-record-request");
        await Expect(request.GetByTestId("hit-mark")).ToHaveTextAsync("[MASKED:test-token]").WaitAsync(s_timeout);
        // Markup inside a record is shown as text, never rendered.
        await Expect(request).ToContainTextAsync("<b>now</b>").WaitAsync(s_timeout);
        Assert.Equal(0, await request.Locator("b").CountAsync().WaitAsync(s_timeout));

        await page.GetByTestId("nav-policy").ClickAsync().WaitAsync(s_timeout);
        await Expect(page.GetByTestId("policy-card")).ToContainTextAsync("ui-test 5").WaitAsync(s_timeout);
        await Expect(page.GetByTestId("policy-hold-rule")).ToContainTextAsync("grants full AWS admin").WaitAsync(s_timeout);
    }

    [Fact]
    public async Task ReviewUi_RefusedToken_StaysOnLoginWithError()
    {
        await using var server = await ApiTestServer.StartAsync();
        await using var ui = await UiBrowser.LaunchAsync();
        var page = ui.Page;
        await page.GotoAsync(server.AdminAddress + "ui/").WaitAsync(s_timeout);
        server.Time.Advance(TimeSpan.FromHours(3));
        await page.GetByTestId("token-input").FillAsync(server.Jwt.Mint("alice", "sec-approvers")).WaitAsync(s_timeout);
        await page.GetByTestId("login-button").ClickAsync().WaitAsync(s_timeout);
        await Expect(page.GetByTestId("login-error")).ToContainTextAsync("token_expired").WaitAsync(s_timeout);
        await Expect(page.GetByTestId("holds-view")).ToBeHiddenAsync().WaitAsync(s_timeout);
        Assert.Null(await page.EvaluateAsync<string?>("() => sessionStorage.getItem('hush.token')").WaitAsync(s_timeout));
    }
}
