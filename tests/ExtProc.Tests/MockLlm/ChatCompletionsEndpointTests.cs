using System.Text;
using System.Text.Json;
using Hush.MockLlm;

namespace Hush.ExtProc.Tests.MockLlm;

/// <summary>OpenAI Chat Completions shapes, streamed and not.</summary>
public sealed class ChatCompletionsEndpointTests
{
    [Fact]
    public async Task Stream_EmitsChunkObjectsThenDone()
    {
        await using var fixture = await MockLlmFixture.StartAsync();
        var (response, body) = await fixture.PostAndReadAsync("/v1/chat/completions", """{"model":"gpt-4o","stream":true,"messages":[]}""");

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        var events = SseEvent.ParseAll(Encoding.UTF8.GetString(body));
        Assert.Equal("[DONE]", events[^1].Data);
        var text = new StringBuilder();
        foreach (var sse in events[..^1])
        {
            Assert.Null(sse.Name);
            var chunk = sse.Json();
            Assert.Equal("chat.completion.chunk", chunk.GetProperty("object").GetString());
            Assert.Equal("gpt-4o", chunk.GetProperty("model").GetString());
            Assert.StartsWith("chatcmpl-", chunk.GetProperty("id").GetString(), StringComparison.Ordinal);
            var choice = chunk.GetProperty("choices")[0];
            Assert.Equal(0, choice.GetProperty("index").GetInt32());
            if (choice.GetProperty("delta").TryGetProperty("content", out var content))
            {
                text.Append(content.GetString());
            }
        }

        Assert.Equal("assistant", events[0].Json().GetProperty("choices")[0].GetProperty("delta").GetProperty("role").GetString());
        Assert.Equal("stop", events[^2].Json().GetProperty("choices")[0].GetProperty("finish_reason").GetString());
        Assert.Equal(MockScript.Demo.FullText(), text.ToString());
    }

    [Fact]
    public async Task Stream_DemoSplitsSecretAcrossTwoContentEvents()
    {
        await using var fixture = await MockLlmFixture.StartAsync();
        var (_, body) = await fixture.PostAndReadAsync("/v1/chat/completions", """{"stream":true}""");

        var contents = new List<string>();
        foreach (var sse in SseEvent.ParseAll(Encoding.UTF8.GetString(body))[..^1])
        {
            if (sse.Json().GetProperty("choices")[0].GetProperty("delta").TryGetProperty("content", out var content))
            {
                contents.Add(content.GetString()!);
            }
        }

        Assert.DoesNotContain(contents, c => c.Contains(MockScript.DemoSecret, StringComparison.Ordinal));
        var at = contents.IndexOf(MockScript.DemoSecret[..10]);
        Assert.True(at > 0);
        Assert.Equal(MockScript.DemoSecret[10..], contents[at + 1]);
    }

    [Fact]
    public async Task NonStream_ReturnsChatCompletionJson()
    {
        await using var fixture = await MockLlmFixture.StartAsync();
        var (response, body) = await fixture.PostAndReadAsync("/v1/chat/completions", """{"model":"gpt-4o","messages":[]}""");

        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(body.Length, response.Content.Headers.ContentLength);
        var json = JsonDocument.Parse(body).RootElement;
        Assert.Equal("chat.completion", json.GetProperty("object").GetString());
        var message = json.GetProperty("choices")[0].GetProperty("message");
        Assert.Equal("assistant", message.GetProperty("role").GetString());
        Assert.Equal(MockScript.Demo.FullText(), message.GetProperty("content").GetString());
        Assert.True(json.GetProperty("usage").GetProperty("total_tokens").GetInt32() > 0);
    }

    [Fact]
    public async Task ErrorStatus_ReturnsOpenAiErrorDocument()
    {
        var options = new MockLlmOptions();
        options.Scripts["boom"] = new MockScript { StatusCode = 429, Text = "slow down" };
        await using var fixture = await MockLlmFixture.StartAsync(options);
        var (response, body) = await fixture.PostAndReadAsync("/v1/chat/completions", """{"stream":true}""", "boom");

        Assert.Equal(429, (int)response.StatusCode);
        var error = JsonDocument.Parse(body).RootElement.GetProperty("error");
        Assert.Equal("slow down", error.GetProperty("message").GetString());
        Assert.Equal("invalid_request_error", error.GetProperty("type").GetString());
    }
}
