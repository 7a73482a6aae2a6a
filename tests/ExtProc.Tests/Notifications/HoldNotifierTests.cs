using Hush.ExtProc.Notifications;
using Hush.ExtProc.Tests.Sinks;
using Hush.ExtProc.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Hush.ExtProc.Tests.Notifications;

/// <summary>Delivery, retry, give-up and drop behaviour of the hold notifier against real local endpoints.</summary>
public sealed class HoldNotifierTests
{
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Notify_ServerErrorThenSuccess_RetriesAndCountsSent()
    {
        await using var receiver = await HttpTestReceiver.StartAsync(respond: (i, ctx) =>
        {
            ctx.Response.StatusCode = i == 1 ? 500 : 204;
            return Task.CompletedTask;
        });
        var metrics = HoldSamples.Metrics();
        using var notifier = HoldSamples.Notifier(HoldSamples.Options((receiver.Url, WebhookFormat.Json)), metrics);
        await notifier.StartAsync(CancellationToken.None).WaitAsync(Guard);
        notifier.Notify(HoldSamples.Hold());
        await Eventually.TrueAsync(() => Task.FromResult(metrics.Sent.WithLabels("json").Value == 1));
        Assert.Equal(2, receiver.Requests.Count);
        Assert.Equal(receiver.Requests[0].Body, receiver.Requests[1].Body);
        Assert.Equal(1, metrics.Retries.Value);
        Assert.Equal(0, metrics.Failed.WithLabels("json").Value);
        await notifier.StopAsync(CancellationToken.None).WaitAsync(Guard);
    }

    [Fact]
    public async Task Notify_TooManyRequestsWithRetryAfter_WaitsTheServersDelayNotTheBackoff()
    {
        await using var receiver = await HttpTestReceiver.StartAsync(respond: (i, ctx) =>
        {
            ctx.Response.StatusCode = i == 1 ? 429 : 200;
            if (i == 1)
            {
                ctx.Response.Headers.RetryAfter = "30";
            }

            return Task.CompletedTask;
        });
        var time = new RecordingTimeProvider(new FakeTimeProvider(HoldSamples.Created));
        var options = HoldSamples.Options((receiver.Url, WebhookFormat.Json));
        options.InitialBackoff = TimeSpan.FromSeconds(1);
        options.MaxBackoff = TimeSpan.FromSeconds(60);
        var metrics = HoldSamples.Metrics();
        using var notifier = HoldSamples.Notifier(options, metrics, time);
        await notifier.StartAsync(CancellationToken.None).WaitAsync(Guard);
        notifier.Notify(HoldSamples.Hold());

        await Eventually.TrueAsync(() => Task.FromResult(time.DueTimes.Contains(TimeSpan.FromSeconds(30))));
        Assert.DoesNotContain(TimeSpan.FromSeconds(1), time.DueTimes);
        Assert.Single(receiver.Requests);
        Assert.Equal(1, metrics.Retries.Value);

        time.Fake.Advance(TimeSpan.FromSeconds(30));
        await Eventually.TrueAsync(() => Task.FromResult(metrics.Sent.WithLabels("json").Value == 1));
        Assert.Equal(2, receiver.Requests.Count);
        await notifier.StopAsync(CancellationToken.None).WaitAsync(Guard);
    }

    [Fact]
    public async Task Notify_BadRequest_NotRetriedAndCountedFailed()
    {
        await using var receiver = await HttpTestReceiver.StartAsync(respond: (i, ctx) =>
        {
            ctx.Response.StatusCode = 400;
            return Task.CompletedTask;
        });
        var metrics = HoldSamples.Metrics();
        using var notifier = HoldSamples.Notifier(HoldSamples.Options((receiver.Url, WebhookFormat.Slack)), metrics);
        await notifier.StartAsync(CancellationToken.None).WaitAsync(Guard);
        notifier.Notify(HoldSamples.Hold("hold_first"));
        await Eventually.TrueAsync(() => Task.FromResult(metrics.Failed.WithLabels("slack").Value == 1));
        // A second hold proves the sender moved on instead of retrying the first.
        notifier.Notify(HoldSamples.Hold("hold_second"));
        await Eventually.TrueAsync(() => Task.FromResult(metrics.Failed.WithLabels("slack").Value == 2));
        Assert.Equal(2, receiver.Requests.Count);
        Assert.Contains("hold_second", receiver.Requests[1].Text, StringComparison.Ordinal);
        Assert.Equal(0, metrics.Retries.Value);
        Assert.Equal(0, metrics.Sent.WithLabels("slack").Value);
        await notifier.StopAsync(CancellationToken.None).WaitAsync(Guard);
    }

    [Fact]
    public async Task Notify_EndpointDown_ReturnsAtOnceAndCountsFailureAfterEveryAttempt()
    {
        var down = new Uri($"http://127.0.0.1:{HttpTestReceiver.FreePort()}/hook");
        var time = new FakeTimeProvider(HoldSamples.Created);
        var options = HoldSamples.Options((down, WebhookFormat.Json));
        options.MaxAttempts = 4;
        options.InitialBackoff = TimeSpan.FromSeconds(1);
        options.MaxBackoff = TimeSpan.FromSeconds(60);
        var metrics = HoldSamples.Metrics();
        using var notifier = HoldSamples.Notifier(options, metrics, time);
        await notifier.StartAsync(CancellationToken.None).WaitAsync(Guard);

        notifier.Notify(HoldSamples.Hold());
        // Retries wait on the fake clock, which has not moved: the outcome cannot be known yet, so Notify did not wait for it.
        Assert.Equal(0, metrics.Failed.WithLabels("json").Value);
        Assert.Equal(0, metrics.Sent.WithLabels("json").Value);

        await Eventually.TrueAsync(() =>
        {
            time.Advance(TimeSpan.FromSeconds(60));
            return Task.FromResult(metrics.Failed.WithLabels("json").Value == 1);
        });
        Assert.Equal(3, metrics.Retries.Value);
        Assert.Equal(0, metrics.Sent.WithLabels("json").Value);
        await notifier.StopAsync(CancellationToken.None).WaitAsync(Guard);
    }

    [Fact]
    public async Task Notify_QueueFull_DropsNewAndCounts()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var receiver = await HttpTestReceiver.StartAsync(respond: async (i, ctx) =>
        {
            if (i == 1)
            {
                await gate.Task.WaitAsync(Guard);
            }

            ctx.Response.StatusCode = 200;
        });
        var options = HoldSamples.Options((receiver.Url, WebhookFormat.Json));
        options.QueueCapacity = 2;
        var metrics = HoldSamples.Metrics();
        using var notifier = HoldSamples.Notifier(options, metrics);
        await notifier.StartAsync(CancellationToken.None).WaitAsync(Guard);
        notifier.Notify(HoldSamples.Hold("hold_1"));
        await receiver.WaitForAsync(1);
        for (var i = 2; i <= 5; i++)
        {
            notifier.Notify(HoldSamples.Hold("hold_" + i));
        }

        // hold_1 is in flight, hold_2 and hold_3 fill the queue, hold_4 and hold_5 are dropped.
        Assert.Equal(2, metrics.Dropped.Value);
        gate.SetResult();
        await Eventually.TrueAsync(() => Task.FromResult(metrics.Sent.WithLabels("json").Value == 3));
        Assert.Equal(["hold_1", "hold_2", "hold_3"], receiver.Requests.Select(r => System.Text.Json.JsonDocument.Parse(r.Body).RootElement.GetProperty("id").GetString()));
        await notifier.StopAsync(CancellationToken.None).WaitAsync(Guard);
    }

    [Fact]
    public async Task Notify_HangingWebhook_DoesNotDelayAnotherWebhook()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var hanging = await HttpTestReceiver.StartAsync(respond: async (i, ctx) =>
        {
            await gate.Task.WaitAsync(Guard);
            ctx.Response.StatusCode = 200;
        });
        await using var healthy = await HttpTestReceiver.StartAsync();
        var metrics = HoldSamples.Metrics();
        using var notifier = HoldSamples.Notifier(HoldSamples.Options((hanging.Url, WebhookFormat.Json), (healthy.Url, WebhookFormat.Slack)), metrics);
        await notifier.StartAsync(CancellationToken.None).WaitAsync(Guard);
        for (var i = 1; i <= 3; i++)
        {
            notifier.Notify(HoldSamples.Hold("hold_" + i));
        }

        await Eventually.TrueAsync(() => Task.FromResult(metrics.Sent.WithLabels("slack").Value == 3));
        Assert.Equal(3, healthy.Requests.Count);
        Assert.Single(hanging.Requests);
        gate.SetResult();
        await Eventually.TrueAsync(() => Task.FromResult(metrics.Sent.WithLabels("json").Value == 3));
        await notifier.StopAsync(CancellationToken.None).WaitAsync(Guard);
    }

    [Fact]
    public async Task Notify_HoldWithMaskedAnswer_NoPayloadContainsIt()
    {
        await using var receiver = await HttpTestReceiver.StartAsync();
        var metrics = HoldSamples.Metrics();
        using var notifier = HoldSamples.Notifier(HoldSamples.Options((receiver.Url, WebhookFormat.Json), (receiver.Url, WebhookFormat.Slack)), metrics);
        await notifier.StartAsync(CancellationToken.None).WaitAsync(Guard);
        notifier.Notify(HoldSamples.Hold());
        await receiver.WaitForAsync(2);
        await notifier.StopAsync(CancellationToken.None).WaitAsync(Guard);
        Assert.Equal(2, receiver.Requests.Count);
        foreach (var request in receiver.Requests)
        {
            Assert.Contains("[MASKED:arn]", request.Text, StringComparison.Ordinal);
            Assert.DoesNotContain(HoldSamples.PlantedAnswer, request.Text, StringComparison.Ordinal);
            Assert.DoesNotContain(Convert.ToBase64String(HoldSamples.Hold().MaskedAnswer!), request.Text, StringComparison.Ordinal);
            Assert.DoesNotContain("masked_answer", request.Text, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task Notify_NoWebhooksNullHoldOrStopped_NeverThrows()
    {
        var metrics = HoldSamples.Metrics();
        using var none = HoldSamples.Notifier(HoldSamples.Options(), metrics);
        await none.StartAsync(CancellationToken.None).WaitAsync(Guard);
        none.Notify(HoldSamples.Hold());
        none.Notify(null!);
        await none.StopAsync(CancellationToken.None).WaitAsync(Guard);

        using var stopped = HoldSamples.Notifier(HoldSamples.Options((new Uri("http://127.0.0.1:9/"), WebhookFormat.Json)), metrics);
        await stopped.StartAsync(CancellationToken.None).WaitAsync(Guard);
        await stopped.StopAsync(CancellationToken.None).WaitAsync(Guard);
        stopped.Notify(HoldSamples.Hold());
        Assert.Equal(1, metrics.Dropped.Value);
    }
}
