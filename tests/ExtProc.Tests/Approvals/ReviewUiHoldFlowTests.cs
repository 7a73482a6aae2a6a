using System.Net;
using System.Security.Cryptography;
using Hush.EnvoyEmulator.JwtAuthn;
using Hush.ExtProc.Approvals;
using Hush.ExtProc.Tests.Ui;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Hush.ExtProc.Tests.Approvals;

/// <summary>
/// The whole review loop in real headless Chromium: a pipeline's streamed answer is held in the data path (emulated
/// Envoy + Hush + mock LLM), an approver logs into the review UI, finds and opens the hold, approves it with a
/// justification, and the pipeline's held stream then completes with the masked answer.
/// </summary>
public sealed class ReviewUiHoldFlowTests
{
    private static readonly TimeSpan s_timeout = HoldRig.Timeout;

    [Fact]
    public async Task ReviewUi_ApproveInBrowser_HeldStreamCompletes()
    {
        using var key = RSA.Create(2048);
        var publicKey = key.ExportParameters(false);
        var kid = JwtMinter.KidOf(publicKey);
        await using var rig = await HoldRig.StartAsync(beforeHeaders: true, hushArgs:
        [
            "--Hush:Holds:InlineWindow=00:00:55", $"--Hush:Auth:Jwks={Jwks.ToJson(publicKey, kid)}",
            "--Hush:Auth:Issuer=https://idp.test/", "--Hush:Auth:Audiences:0=hush-admin",
        ]);
        rig.Mock.Scripts.Default = HoldRig.HeldScript();
        using var client = new HttpClient { Timeout = s_timeout };
        var send = rig.SendChatAsync(client, "ci-bot");
        var hold = await rig.PendingHoldAsync();

        await using var ui = await UiBrowser.LaunchAsync();
        var page = ui.Page;
        await page.GotoAsync(rig.Hush.AdminAddress + "ui/").WaitAsync(s_timeout);
        var token = JwtMinter.Mint(key, kid, JwtMinter.Claims("https://idp.test/", "hush-admin", "alice@acme", DateTimeOffset.UtcNow,
            TimeSpan.FromHours(1), new Dictionary<string, object?> { ["groups"] = new[] { "security" } }));
        await page.GetByTestId("token-input").FillAsync(token).WaitAsync(s_timeout);
        await page.GetByTestId("login-button").ClickAsync().WaitAsync(s_timeout);

        var row = page.Locator($"[data-testid=hold-row][data-hold-id='{hold.Id}']");
        await Expect(row).ToContainTextAsync("aws-iam-mutation-cli").WaitAsync(s_timeout);
        await row.GetByTestId("hold-link").ClickAsync().WaitAsync(s_timeout);
        await Expect(page.GetByTestId("held-span")).ToContainTextAsync("aws iam create-user").WaitAsync(s_timeout);
        await Expect(page.GetByTestId("hold-excerpt")).ToContainTextAsync(HoldRig.Masked).WaitAsync(s_timeout);
        Assert.DoesNotContain(HoldRig.Secret, await page.ContentAsync().WaitAsync(s_timeout), StringComparison.Ordinal);
        Assert.False(send.IsCompleted, "the held answer reached the pipeline before approval");

        await page.GetByTestId("justification").FillAsync("Bot user for the deploy pipeline, ticket SEC-42").WaitAsync(s_timeout);
        await page.GetByTestId("approve-button").ClickAsync().WaitAsync(s_timeout);
        await Expect(page.GetByTestId("hold-status")).ToHaveTextAsync("approved").WaitAsync(s_timeout);

        using var response = await send.WaitAsync(s_timeout);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(HoldRig.ApprovedText, SseText.Text(await response.Content.ReadAsStringAsync().WaitAsync(s_timeout)));
        var stored = await rig.Approvals.GetAsync(hold.Id).WaitAsync(s_timeout);
        Assert.Equal("alice@acme", stored!.DecidedBy);
        Assert.NotNull(stored.ReleasedAt);
    }
}
