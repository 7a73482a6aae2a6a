using System.Text.Json;
using Hush.ExtProc.Notifications;
using Hush.ExtProc.Tests.Sinks;
using Hush.ExtProc.Tests.Support;

namespace Hush.ExtProc.Tests.Notifications;

/// <summary>The JSON and Slack payloads as a real webhook endpoint receives them.</summary>
public sealed class HoldPayloadTests
{
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Notify_JsonWebhook_PostsHoldCreatedPayload()
    {
        await using var receiver = await HttpTestReceiver.StartAsync();
        var options = HoldSamples.Options((new Uri(receiver.Url, "hooks/hush"), WebhookFormat.Json));
        options.Webhooks[0].Headers["Authorization"] = "Bearer webhook-test-token";
        var metrics = HoldSamples.Metrics();
        using var notifier = HoldSamples.Notifier(options, metrics);
        await notifier.StartAsync(CancellationToken.None).WaitAsync(Guard);
        notifier.Notify(HoldSamples.Hold());
        await Eventually.TrueAsync(() => Task.FromResult(metrics.Sent.WithLabels("json").Value == 1));
        await notifier.StopAsync(CancellationToken.None).WaitAsync(Guard);

        var request = receiver.Requests[0];
        Assert.Equal("/hooks/hush", request.Path);
        Assert.StartsWith("application/json", request.ContentType, StringComparison.Ordinal);
        Assert.Equal("Bearer webhook-test-token", request.Headers["Authorization"]);
        using var doc = JsonDocument.Parse(request.Body);
        var root = doc.RootElement;
        Assert.Equal(
            ["type", "id", "created_at", "expires_at", "rules", "approver_groups", "requester", "route", "provider", "model", "excerpt",
                "policy_sha256", "answer_digest", "review_url"],
            root.EnumerateObject().Select(p => p.Name));
        Assert.Equal("hush.hold.created", root.GetProperty("type").GetString());
        Assert.Equal("hold_abcdefghijklmnopqrstuvwxyz", root.GetProperty("id").GetString());
        Assert.Equal("2026-11-28T13:30:00.0000000Z", root.GetProperty("created_at").GetString());
        Assert.Equal("2026-11-28T14:30:00.0000000Z", root.GetProperty("expires_at").GetString());
        var rules = root.GetProperty("rules").EnumerateArray().ToList();
        Assert.Equal(2, rules.Count);
        Assert.Equal("aws-iam-mutation", rules[0].GetProperty("rule").GetString());
        Assert.Equal("Changes IAM policies", rules[0].GetProperty("reason").GetString());
        Assert.Equal(["security"], rules[0].GetProperty("approvers").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(2, rules[0].GetProperty("count").GetInt64());
        Assert.Equal("Deletes files <recursively> & forcibly", rules[1].GetProperty("reason").GetString());
        Assert.Equal(["security", "sre"], root.GetProperty("approver_groups").EnumerateArray().Select(e => e.GetString()));
        var requester = root.GetProperty("requester");
        Assert.Equal("repo:acme/app:ref:refs/heads/main", requester.GetProperty("subject").GetString());
        Assert.Equal("ci@acme.example", requester.GetProperty("email").GetString());
        Assert.Equal("acme/app", requester.GetProperty("repository").GetString());
        Assert.Equal("4242", requester.GetProperty("run_id").GetString());
        Assert.Equal("0123456789abcdef0123456789abcdef01234567", requester.GetProperty("sha").GetString());
        Assert.Equal("refs/heads/main", requester.GetProperty("ref").GetString());
        Assert.Equal("deploy", requester.GetProperty("workflow").GetString());
        Assert.Equal("octocat", requester.GetProperty("actor").GetString());
        Assert.Equal("gpt-4o", root.GetProperty("model").GetString());
        Assert.Equal(HoldSamples.Hold().Excerpt, root.GetProperty("excerpt").GetString());
        Assert.Equal(new string('c', 64), root.GetProperty("policy_sha256").GetString());
        Assert.Equal(new string('d', 64), root.GetProperty("answer_digest").GetString());
        Assert.Equal("https://hush-admin.example/ui/holds/hold_abcdefghijklmnopqrstuvwxyz", root.GetProperty("review_url").GetString());
        Assert.Single(receiver.Requests);
    }

    [Fact]
    public async Task Notify_SlackWebhook_PostsBlocksWithRulesRequesterExcerptAndReviewButton()
    {
        await using var receiver = await HttpTestReceiver.StartAsync();
        var metrics = HoldSamples.Metrics();
        using var notifier = HoldSamples.Notifier(HoldSamples.Options((receiver.Url, WebhookFormat.Slack)), metrics);
        await notifier.StartAsync(CancellationToken.None).WaitAsync(Guard);
        notifier.Notify(HoldSamples.Hold());
        await Eventually.TrueAsync(() => Task.FromResult(metrics.Sent.WithLabels("slack").Value == 1));
        await notifier.StopAsync(CancellationToken.None).WaitAsync(Guard);

        using var doc = JsonDocument.Parse(receiver.Requests[0].Body);
        var root = doc.RootElement;
        Assert.Equal("Hush held an LLM answer for approval: aws-iam-mutation, destructive-shell (acme/app run 4242)", root.GetProperty("text").GetString());
        var blocks = root.GetProperty("blocks").EnumerateArray().ToList();
        Assert.Equal(["header", "section", "section", "section", "actions", "context"], blocks.Select(b => b.GetProperty("type").GetString()));
        var rules = blocks[1].GetProperty("text").GetProperty("text").GetString()!;
        Assert.Equal("mrkdwn", blocks[1].GetProperty("text").GetProperty("type").GetString());
        Assert.Contains("`aws-iam-mutation` ×2: Changes IAM policies", rules, StringComparison.Ordinal);
        Assert.Contains("`destructive-shell` ×1: Deletes files &lt;recursively&gt; &amp; forcibly", rules, StringComparison.Ordinal);
        var fields = blocks[2].GetProperty("fields").EnumerateArray().Select(f => f.GetProperty("text").GetString()!).ToList();
        Assert.Equal("*Requester*\nrepo:acme/app:ref:refs/heads/main (ci@acme.example)", fields[0]);
        Assert.Equal("*Repository / run*\nacme/app run 4242\nrefs/heads/main @ `0123456789ab`", fields[1]);
        Assert.Equal("*Route / provider / model*\nopenai / openai / gpt-4o", fields[2]);
        Assert.Equal("*Approvers*\nsecurity, sre", fields[3]);
        var excerpt = blocks[3].GetProperty("text").GetProperty("text").GetString()!;
        Assert.StartsWith("*Masked excerpt*\n```run ⟦aws iam attach-role-policy --policy-arn [MASKED:arn]⟧ then ", excerpt, StringComparison.Ordinal);
        Assert.EndsWith(" &lt;b&gt; &amp; done```", excerpt, StringComparison.Ordinal);
        // The excerpt's own ``` must not close the code block early.
        Assert.Equal(2, CountOf(excerpt, "```"));
        var button = blocks[4].GetProperty("elements")[0];
        Assert.Equal("button", button.GetProperty("type").GetString());
        Assert.Equal("https://hush-admin.example/ui/holds/hold_abcdefghijklmnopqrstuvwxyz", button.GetProperty("url").GetString());
        Assert.Contains("hold_abcdefghijklmnopqrstuvwxyz", blocks[5].GetProperty("elements")[0].GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Single(receiver.Requests);
    }

    [Fact]
    public void SlackPayload_WithoutReviewUrl_HasNoButton()
    {
        using var doc = JsonDocument.Parse(SlackHoldPayload.Build(HoldSamples.Hold(), reviewUrl: null));
        Assert.DoesNotContain(doc.RootElement.GetProperty("blocks").EnumerateArray(), b => b.GetProperty("type").GetString() == "actions");
    }

    [Fact]
    public void SlackPayload_HugeExcerpt_StaysWithinSlackSectionLimit()
    {
        var hold = HoldSamples.Hold() with { Excerpt = string.Concat(Enumerable.Repeat("&<>", 5000)) };
        using var doc = JsonDocument.Parse(SlackHoldPayload.Build(hold, "https://x.example/"));
        var excerpt = doc.RootElement.GetProperty("blocks")[3].GetProperty("text").GetProperty("text").GetString()!;
        Assert.InRange(excerpt.Length, 100, 3000);
        Assert.EndsWith("…```", excerpt, StringComparison.Ordinal);
        // Cut between entities, never inside one.
        Assert.Matches("(&amp;|&lt;|&gt;)…```$", excerpt);
    }

    [Theory]
    [InlineData("https://hush-admin.example/ui/", "https://hush-admin.example/ui/holds/hold_x")]
    [InlineData("https://hush-admin.example/ui", "https://hush-admin.example/ui/holds/hold_x")]
    [InlineData(null, null)]
    public void ReviewLink_JoinsBaseAndPath(string? reviewUrl, string? expected)
    {
        Assert.Equal(expected, new NotificationOptions { ReviewUrl = reviewUrl }.ReviewLink("hold_x"));
    }

    private static int CountOf(string text, string part)
    {
        var count = 0;
        for (var i = text.IndexOf(part, StringComparison.Ordinal); i >= 0; i = text.IndexOf(part, i + part.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
