using System.Net;
using System.Text.Json;
using Hush.ExtProc.Approvals;

namespace Hush.ExtProc.Tests.Approvals;

/// <summary>Deferred holds: 202 with an approval id, collection by the requester only, once; expiry; a restart in between.</summary>
public sealed class DeferredHoldTests
{
    private static readonly TimeSpan s_timeout = HoldRig.Timeout;

    [Fact]
    public async Task Deferred_RequesterCollectsOnceAfterApproval_OthersForbidden()
    {
        await using var rig = await HoldRig.StartAsync(beforeHeaders: true, hushArgs: ["--Hush:Holds:InlineWindow=00:00:01"]);
        rig.Mock.Scripts.Default = HoldRig.HeldScript();
        using var client = new HttpClient { Timeout = s_timeout };
        var id = await DeferAsync(rig, client);

        using (var early = await rig.FetchAsync(client, "ci-bot", id))
        {
            Assert.Equal(HttpStatusCode.Accepted, early.StatusCode);
        }

        Assert.Equal(DecisionError.None, (await rig.DecideAsync(id, approve: true)).Error);
        using (var stranger = await rig.FetchAsync(client, "mallory", id))
        {
            Assert.Equal(HttpStatusCode.Forbidden, stranger.StatusCode);
            Assert.DoesNotContain("create-user", await stranger.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using (var fetched = await rig.FetchAsync(client, "ci-bot", id))
        {
            Assert.Equal(HttpStatusCode.OK, fetched.StatusCode);
            Assert.StartsWith("text/event-stream", fetched.Content.Headers.ContentType?.ToString(), StringComparison.Ordinal);
            var body = await fetched.Content.ReadAsStringAsync().WaitAsync(s_timeout);
            Assert.Equal(HoldRig.ApprovedText, SseText.Text(body));
            Assert.DoesNotContain(HoldRig.Secret, body, StringComparison.Ordinal);
        }

        using var again = await rig.FetchAsync(client, "ci-bot", id);
        Assert.Equal(HttpStatusCode.Gone, again.StatusCode);
    }

    [Fact]
    public async Task Deferred_ExpiredHold_FetchRefused()
    {
        await using var rig = await HoldRig.StartAsync(beforeHeaders: true, hushArgs:
            ["--Hush:Holds:InlineWindow=00:00:01", "--Hush:Holds:Expiry=00:00:03", "--Hush:Holds:PollInterval=00:00:00.100"]);
        rig.Mock.Scripts.Default = HoldRig.HeldScript();
        using var client = new HttpClient { Timeout = s_timeout };
        var id = await DeferAsync(rig, client);
        await Support.Eventually.TrueAsync(async () => (await rig.Approvals.GetAsync(id))?.Status == HoldStatus.Expired, 30);

        using var fetched = await rig.FetchAsync(client, "ci-bot", id);
        Assert.Equal(HttpStatusCode.Forbidden, fetched.StatusCode);
        using var json = JsonDocument.Parse(await fetched.Content.ReadAsStringAsync());
        Assert.Equal("hold_expired", json.RootElement.GetProperty("error").GetProperty("code").GetString());
        Assert.Equal(DecisionError.NotPending, (await rig.DecideAsync(id, approve: true)).Error);
    }

    [Fact]
    public async Task Restart_PendingHoldSurvives_AndItsDeferredFetchWorksAfterApproval()
    {
        var data = Directory.CreateTempSubdirectory("hush-restart-").FullName;
        try
        {
            string id;
            using var client = new HttpClient { Timeout = s_timeout };
            await using (var first = await HoldRig.StartAsync(beforeHeaders: true, dataFolder: data, hushArgs: ["--Hush:Holds:InlineWindow=00:00:01"]))
            {
                first.Mock.Scripts.Default = HoldRig.HeldScript();
                id = await DeferAsync(first, client);
            }

            await using var second = await HoldRig.StartAsync(beforeHeaders: true, dataFolder: data);
            var pending = await second.Approvals.GetAsync(id).WaitAsync(s_timeout);
            Assert.Equal(HoldStatus.Pending, pending?.Status);
            Assert.Equal(DecisionError.None, (await second.DecideAsync(id, approve: true)).Error);
            using var fetched = await second.FetchAsync(client, "ci-bot", id);
            Assert.Equal(HttpStatusCode.OK, fetched.StatusCode);
            Assert.Equal(HoldRig.ApprovedText, SseText.Text(await fetched.Content.ReadAsStringAsync().WaitAsync(s_timeout)));
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    private static async Task<string> DeferAsync(HoldRig rig, HttpClient client)
    {
        using var response = await rig.SendChatAsync(client, "ci-bot").WaitAsync(s_timeout);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var id = Assert.Single(response.Headers.GetValues("x-hush-approval-id"));
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync().WaitAsync(s_timeout));
        var error = json.RootElement.GetProperty("error");
        Assert.Equal("hush_held", error.GetProperty("type").GetString());
        Assert.Equal($"/v1/hush/approvals/{id}/response", error.GetProperty("collect").GetProperty("path").GetString());
        return id;
    }
}
