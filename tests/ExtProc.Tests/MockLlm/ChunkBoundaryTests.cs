using System.IO.Compression;
using System.Text;
using Hush.MockLlm;

namespace Hush.ExtProc.Tests.MockLlm;

/// <summary>Scripted write boundaries: the server writes (and flushes) exactly the scripted pieces.</summary>
public sealed class ChunkBoundaryTests
{
    [Fact]
    public async Task ExplicitWriteSizes_AreWrittenAsScriptedAndConcatenateExactly()
    {
        var options = new MockLlmOptions();
        options.Scripts["cut"] = new MockScript { Text = "The quick brown fox jumps over the lazy dog.", WriteSizes = [7, 3] };
        await using var fixture = await MockLlmFixture.StartAsync(options);
        var (_, body) = await fixture.PostAndReadAsync("/v1/chat/completions", """{"stream":true}""", "cut");

        var sent = Assert.Single(fixture.Server.SentResponses);
        Assert.True(sent.Streamed);
        for (var i = 0; i < sent.Writes.Count - 1; i++)
        {
            Assert.Equal(i % 2 == 0 ? 7 : 3, sent.Writes[i].Length);
        }

        Assert.InRange(sent.Writes[^1].Length, 1, 7);
        Assert.Equal(sent.Body(), body);
    }

    [Fact]
    public async Task DefaultWrites_AreOneSseEventEach()
    {
        await using var fixture = await MockLlmFixture.StartAsync();
        var (_, body) = await fixture.PostAndReadAsync("/v1/messages", """{"stream":true}""");

        var sent = Assert.Single(fixture.Server.SentResponses);
        var events = SseEvent.ParseAll(Encoding.UTF8.GetString(body));
        Assert.Equal(events.Count, sent.Writes.Count);
        foreach (var write in sent.Writes)
        {
            var text = Encoding.UTF8.GetString(write);
            Assert.StartsWith("event: ", text, StringComparison.Ordinal);
            Assert.EndsWith("\n\n", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task SeededRandomWrites_AreReproducibleAndBounded()
    {
        var options = new MockLlmOptions();
        options.Scripts["random"] = new MockScript { Text = new string('x', 300), RandomWriteMax = 9, RandomSeed = 42 };
        await using var fixture = await MockLlmFixture.StartAsync(options);
        var (_, first) = await fixture.PostAndReadAsync("/v1/responses", """{"stream":true}""", "random");
        var (_, second) = await fixture.PostAndReadAsync("/v1/responses", """{"stream":true}""", "random");

        var responses = fixture.Server.SentResponses;
        Assert.Equal(2, responses.Count);
        var sizesA = responses[0].Writes.Select(w => w.Length).ToArray();
        var sizesB = responses[1].Writes.Select(w => w.Length).ToArray();
        Assert.Equal(sizesA, sizesB);
        Assert.All(sizesA, size => Assert.InRange(size, 1, 9));
        Assert.True(sizesA.Distinct().Count() > 1);
        Assert.Equal(responses[0].Body(), first);
        Assert.Equal(responses[1].Body(), second);
    }

    [Fact]
    public async Task DemoOneEvent_CutsTheSecretAcrossWrites()
    {
        await using var fixture = await MockLlmFixture.StartAsync();
        var (_, body) = await fixture.PostAndReadAsync("/v1/chat/completions", """{"stream":true}""", "demo-one-event");

        var sent = Assert.Single(fixture.Server.SentResponses);
        Assert.Contains(MockScript.DemoSecret, Encoding.UTF8.GetString(body), StringComparison.Ordinal);
        Assert.DoesNotContain(sent.Writes, w => Encoding.UTF8.GetString(w).Contains(MockScript.DemoSecret, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Gzip_SendsCompressedBodyThatDecompressesToValidEvents()
    {
        var options = new MockLlmOptions();
        options.Scripts["gz"] = new MockScript { Text = "compressed answer text", Gzip = true };
        await using var fixture = await MockLlmFixture.StartAsync(options);
        var (response, body) = await fixture.PostAndReadAsync("/v1/chat/completions", """{"stream":true}""", "gz");

        Assert.Contains("gzip", response.Content.Headers.ContentEncoding);
        Assert.Equal(fixture.Server.SentResponses[0].Body(), body);
        using var gzip = new GZipStream(new MemoryStream(body), CompressionMode.Decompress);
        using var plain = new MemoryStream();
        await gzip.CopyToAsync(plain).WaitAsync(MockLlmFixture.Timeout);
        var events = SseEvent.ParseAll(Encoding.UTF8.GetString(plain.ToArray()));
        Assert.Equal("[DONE]", events[^1].Data);
        Assert.Equal("chat.completion.chunk", events[0].Json().GetProperty("object").GetString());
    }

    [Fact]
    public async Task WriteDelay_StillDeliversEveryWrite()
    {
        var options = new MockLlmOptions();
        options.Scripts["slow"] = new MockScript { Text = "abcdefgh", TokenSizes = [2], WriteDelay = TimeSpan.FromMilliseconds(5) };
        await using var fixture = await MockLlmFixture.StartAsync(options);
        var (_, body) = await fixture.PostAndReadAsync("/v1/chat/completions", """{"stream":true}""", "slow");

        var sent = Assert.Single(fixture.Server.SentResponses);
        Assert.Equal(7, sent.Writes.Count); // role chunk, 4 tokens, finish chunk, [DONE]
        Assert.Equal(sent.Body(), body);
    }
}
