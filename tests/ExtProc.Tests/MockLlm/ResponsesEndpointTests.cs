using System.Text;
using System.Text.Json;
using Hush.MockLlm;

namespace Hush.ExtProc.Tests.MockLlm;

/// <summary>OpenAI Responses API shapes, streamed and not.</summary>
public sealed class ResponsesEndpointTests
{
    [Fact]
    public async Task Stream_EmitsTypedEventsWithSequenceNumbers()
    {
        await using var fixture = await MockLlmFixture.StartAsync();
        var (response, body) = await fixture.PostAndReadAsync("/v1/responses", """{"model":"gpt-4.1","stream":true,"input":"hi"}""");

        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        var events = SseEvent.ParseAll(Encoding.UTF8.GetString(body));
        Assert.Equal("response.created", events[0].Name);
        Assert.Equal("response.completed", events[^1].Name);
        var deltas = new StringBuilder();
        string? doneText = null;
        for (var i = 0; i < events.Count; i++)
        {
            var json = events[i].Json();
            Assert.Equal(events[i].Name, json.GetProperty("type").GetString());
            Assert.Equal(i, json.GetProperty("sequence_number").GetInt32());
            if (events[i].Name == "response.output_text.delta")
            {
                Assert.Equal(0, json.GetProperty("content_index").GetInt32());
                deltas.Append(json.GetProperty("delta").GetString());
            }
            else if (events[i].Name == "response.output_text.done")
            {
                doneText = json.GetProperty("text").GetString();
            }
        }

        Assert.Equal(MockScript.Demo.FullText(), deltas.ToString());
        Assert.Equal(MockScript.Demo.FullText(), doneText);
        var completed = events[^1].Json().GetProperty("response");
        Assert.Equal("completed", completed.GetProperty("status").GetString());
        Assert.Equal("gpt-4.1", completed.GetProperty("model").GetString());
        Assert.Equal(MockScript.Demo.FullText(), completed.GetProperty("output")[0].GetProperty("content")[0].GetProperty("text").GetString());
    }

    [Fact]
    public async Task NonStream_ReturnsResponseObject()
    {
        await using var fixture = await MockLlmFixture.StartAsync();
        var (_, body) = await fixture.PostAndReadAsync("/v1/responses", """{"input":"hi"}""");

        var json = JsonDocument.Parse(body).RootElement;
        Assert.Equal("response", json.GetProperty("object").GetString());
        Assert.Equal("completed", json.GetProperty("status").GetString());
        var content = json.GetProperty("output")[0].GetProperty("content")[0];
        Assert.Equal("output_text", content.GetProperty("type").GetString());
        Assert.Equal(MockScript.Demo.FullText(), content.GetProperty("text").GetString());
    }
}
