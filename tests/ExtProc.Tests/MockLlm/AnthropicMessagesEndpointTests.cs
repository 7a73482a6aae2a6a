using System.Text;
using System.Text.Json;
using Hush.MockLlm;

namespace Hush.ExtProc.Tests.MockLlm;

/// <summary>Anthropic Messages shapes, streamed and not.</summary>
public sealed class AnthropicMessagesEndpointTests
{
    [Fact]
    public async Task Stream_EmitsMessageEventSequence()
    {
        await using var fixture = await MockLlmFixture.StartAsync();
        var (response, body) = await fixture.PostAndReadAsync("/v1/messages", """{"model":"claude-opus-4-1","stream":true,"max_tokens":64,"messages":[]}""");

        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        var events = SseEvent.ParseAll(Encoding.UTF8.GetString(body));
        var names = events.ConvertAll(e => e.Name);
        Assert.Equal(["message_start", "content_block_start", "ping"], names[..3]);
        Assert.Equal(["content_block_stop", "message_delta", "message_stop"], names[^3..]);
        var text = new StringBuilder();
        foreach (var sse in events)
        {
            var json = sse.Json();
            Assert.Equal(sse.Name, json.GetProperty("type").GetString());
            if (sse.Name == "content_block_delta")
            {
                var delta = json.GetProperty("delta");
                Assert.Equal("text_delta", delta.GetProperty("type").GetString());
                text.Append(delta.GetProperty("text").GetString());
            }
        }

        Assert.Equal(MockScript.Demo.FullText(), text.ToString());
        Assert.Equal("claude-opus-4-1", events[0].Json().GetProperty("message").GetProperty("model").GetString());
        Assert.Equal("end_turn", events[^2].Json().GetProperty("delta").GetProperty("stop_reason").GetString());
    }

    [Fact]
    public async Task NonStream_ReturnsMessageJson()
    {
        await using var fixture = await MockLlmFixture.StartAsync();
        var (_, body) = await fixture.PostAndReadAsync("/v1/messages", """{"max_tokens":64,"messages":[]}""");

        var json = JsonDocument.Parse(body).RootElement;
        Assert.Equal("message", json.GetProperty("type").GetString());
        Assert.Equal("assistant", json.GetProperty("role").GetString());
        Assert.Equal(MockScript.Demo.FullText(), json.GetProperty("content")[0].GetProperty("text").GetString());
        Assert.Equal("end_turn", json.GetProperty("stop_reason").GetString());
    }

    [Fact]
    public async Task ErrorStatus_ReturnsAnthropicErrorDocument()
    {
        var options = new MockLlmOptions();
        options.PathScripts["/v1/messages"] = new MockScript { StatusCode = 529, Text = "overloaded" };
        await using var fixture = await MockLlmFixture.StartAsync(options);
        var (response, body) = await fixture.PostAndReadAsync("/v1/messages", "{}");

        Assert.Equal(529, (int)response.StatusCode);
        var json = JsonDocument.Parse(body).RootElement;
        Assert.Equal("error", json.GetProperty("type").GetString());
        Assert.Equal("overloaded_error", json.GetProperty("error").GetProperty("type").GetString());
    }
}
