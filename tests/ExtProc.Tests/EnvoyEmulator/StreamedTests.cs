using Envoy.Service.ExtProc.V3;
using Hush.EnvoyEmulator.Exchange;
using Hush.EnvoyEmulator.Filter;
using Kind = Envoy.Service.ExtProc.V3.ProcessingRequest.RequestOneofCase;

namespace Hush.ExtProc.Tests.EnvoyEmulator;

public sealed class StreamedTests
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task PipelinedChunks_AllSentBeforeAnyAnswer_ReleasedInAnswerOrder()
    {
        const int chunks = 5;
        await using var server = await ScriptedExtProcServer.StartAsync(async s =>
        {
            await s.ContinueAsync(await s.ExpectAsync(Kind.RequestHeaders));
            await s.ContinueAsync(await s.ExpectAsync(Kind.ResponseHeaders));

            // Envoy does not wait for chunk N's answer before sending N+1: all arrive unanswered.
            var received = new List<ProcessingRequest>();
            for (var i = 0; i < chunks; i++)
            {
                received.Add(await s.ExpectAsync(Kind.ResponseBody));
            }

            foreach (var chunk in received)
            {
                await s.SendAsync(Answers.ResponseBody("[" + Answers.BodyText(chunk) + "]"));
            }

            await s.WaitForEndAsync();
        });
        var script = new ExchangeScript
        {
            RequestHeaders = HttpHeaderList.Request("GET", "/"),
            ResponseHeaders = HttpHeaderList.Response(200).Add("content-length", "5"),

            // Chunk 0 waits for the headers answer (else it would be coalesced); 1..4 follow without waiting.
            ResponseBody = [.. Enumerable.Range(0, chunks).Select(i => ScriptChunk.Text(i.ToString(System.Globalization.CultureInfo.InvariantCulture), waitForAnswersBefore: i == 0))],
        };

        var result = await EmulatedExchange.RunAsync(server.Channel, Modes.StreamedResponse(), script).WaitAsync(s_timeout);

        Assert.True(result.Completed);
        Assert.Equal(["[0]", "[1]", "[2]", "[3]", "[4]"], result.Downstream.BodyChunks.Select(c => System.Text.Encoding.UTF8.GetString(c)));
        Assert.True(result.Downstream.EndOfStream);

        // STREAMED strips content-length downstream even though the headers message still carried it (§2.4).
        Assert.Null(result.Downstream.Headers!.Get("content-length"));
        Assert.Equal("5", HttpHeaderList.FromHeaderMap(result.Sent[1].ResponseHeaders.Headers).Get("content-length"));
        var bodies = result.Sent.Where(r => r.RequestCase == Kind.ResponseBody).ToList();
        Assert.True(bodies[^1].ResponseBody.EndOfStream);
        Assert.All(bodies.Take(chunks - 1), b => Assert.False(b.ResponseBody.EndOfStream));
    }

    [Fact]
    public async Task ChunkHeldUntilAnswered_NothingReleasedBeforeItsAnswer()
    {
        var answer = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await ScriptedExtProcServer.StartAsync(async s =>
        {
            await s.ContinueAsync(await s.ExpectAsync(Kind.RequestHeaders));
            await s.ContinueAsync(await s.ExpectAsync(Kind.ResponseHeaders));
            await s.ExpectAsync(Kind.ResponseBody);
            seen.SetResult();
            await answer.Task.WaitAsync(s_timeout);
            await s.SendAsync(Answers.ResponseBody("masked"));
            await s.WaitForEndAsync();
        });
        await using var h = new FilterHarness(server, Modes.StreamedResponse());
        await h.GetThroughAsync();
        await h.Step(h.Filter.EncodeHeadersAsync(HttpHeaderList.Response(200), endOfStream: false));
        await h.Step(h.Filter.EncodeDataAsync("secret"u8.ToArray(), endOfStream: true));
        await h.Step(seen.Task);
        await h.Step(h.Filter.WhenIdleAsync(TrafficDirection.Request));

        Assert.Empty(h.Downstream.BodyChunks);
        answer.SetResult();
        await h.Completion();
        Assert.Equal("masked", h.Downstream.BodyText);
    }

    [Fact]
    public async Task ServerClosesWithOk_QueuedChunksFlowUnmodified()
    {
        await using var server = await ScriptedExtProcServer.StartAsync(async s =>
        {
            await s.ContinueAsync(await s.ExpectAsync(Kind.RequestHeaders));
            await s.ContinueAsync(await s.ExpectAsync(Kind.ResponseHeaders));
            await s.ExpectAsync(Kind.ResponseBody);
            await s.SendAsync(Answers.ResponseBody("MASKED-0"));
            await s.ExpectAsync(Kind.ResponseBody);
            await s.ExpectAsync(Kind.ResponseBody);

            // Returning from the handler ends the call with OK while chunks are outstanding: the leak path.
        });
        var script = new ExchangeScript
        {
            RequestHeaders = HttpHeaderList.Request("GET", "/"),
            ResponseBody = [ScriptChunk.Text("sk-aaaa", waitForAnswersBefore: true), ScriptChunk.Text("sk-bbbb"), ScriptChunk.Text("sk-cccc")],
        };

        var result = await EmulatedExchange.RunAsync(server.Channel, Modes.StreamedResponse(), script).WaitAsync(s_timeout);

        Assert.True(result.Completed);
        Assert.Equal(1, result.Counters.StreamsClosed);
        Assert.Equal("MASKED-0sk-bbbbsk-cccc", result.Downstream.BodyText);
        Assert.False(result.Downstream.Reset);
        Assert.True(result.Downstream.EndOfStream);
    }

    [Fact]
    public async Task ExtraBodyAnswer_AfterHeadersReleased_ResetsStream()
    {
        await using var server = await ScriptedExtProcServer.StartAsync(async s =>
        {
            await s.ContinueAsync(await s.ExpectAsync(Kind.RequestHeaders));
            await s.ContinueAsync(await s.ExpectAsync(Kind.ResponseHeaders));
            var chunk = await s.ExpectAsync(Kind.ResponseBody);
            await s.ContinueAsync(chunk);
            await s.ContinueAsync(chunk);
            await s.WaitForEndAsync();
        });
        await using var h = new FilterHarness(server, Modes.StreamedResponse());
        await h.GetThroughAsync();
        await h.Step(h.Filter.EncodeHeadersAsync(HttpHeaderList.Response(200), endOfStream: false));
        await h.Step(h.Filter.EncodeDataAsync("one"u8.ToArray(), endOfStream: false));
        await h.Step(h.Output.Ended.Task);

        Assert.True(h.Downstream.Reset);
        Assert.Equal(1, h.Filter.Counters.SpuriousMsgsReceived);
        Assert.Equal("one", h.Downstream.BodyText);
    }

    [Fact]
    public async Task SendBodyWithoutWaiting_ChunksGoOutBeforeHeadersAnswer()
    {
        await using var server = await ScriptedExtProcServer.StartAsync(async s =>
        {
            await s.ContinueAsync(await s.ExpectAsync(Kind.RequestHeaders));
            var headers = await s.ExpectAsync(Kind.ResponseHeaders);
            var first = await s.ExpectAsync(Kind.ResponseBody);
            var second = await s.ExpectAsync(Kind.ResponseBody);
            await s.ContinueAsync(headers);
            await s.SendAsync(Answers.ResponseBody(Answers.BodyText(first).ToUpperInvariant()));
            await s.SendAsync(Answers.ResponseBody(Answers.BodyText(second).ToUpperInvariant()));
            await s.WaitForEndAsync();
        });
        var config = new ExtProcFilterConfig
        {
            ProcessingMode = Modes.StreamedResponse().ProcessingMode,
            SendBodyWithoutWaitingForHeaderResponse = true,
            MessageTimeout = Modes.Long,
        };
        var script = new ExchangeScript
        {
            RequestHeaders = HttpHeaderList.Request("GET", "/"),
            ResponseBody = [ScriptChunk.Text("ab"), ScriptChunk.Text("cd")],
        };

        var result = await EmulatedExchange.RunAsync(server.Channel, config, script).WaitAsync(s_timeout);

        Assert.True(result.Completed);
        Assert.Equal("ABCD", result.Downstream.BodyText);
        Assert.True(result.Sent[0].ProtocolConfig.SendBodyWithoutWaitingForHeaderResponse);
    }
}
