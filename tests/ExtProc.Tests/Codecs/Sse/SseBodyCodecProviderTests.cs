using System.Text;
using Hush.ExtProc.Tests.Support;
using Xunit;
using static Hush.ExtProc.Tests.Codecs.Sse.SseFixtures;

namespace Hush.ExtProc.Tests.Codecs.Sse;

/// <summary>OpenAI Responses and Anthropic Messages streams through the SSE codec.</summary>
public sealed class SseBodyCodecProviderTests
{
    private static readonly string s_text = "Use " + TestPolicies.AwsKey + " for the bucket.";

    [Fact]
    public void ResponsesDeltas_AndDone_MaskedConsistently()
    {
        var body = string.Concat(Split(s_text, 6, 3, 5, 7, 4).Select(p => ResponsesDelta("msg_1", p)))
            + ResponsesTextDone("msg_1", s_text) + ResponsesCompleted("msg_1", s_text);

        var output = SseRun.Mask(body);

        var events = SseClient.Parse(output);
        var streams = SseClient.Reassemble(events);
        var expected = SseRun.MaskAll(s_text);
        Assert.Contains(TestPolicies.AwsMasked, expected, StringComparison.Ordinal);
        Assert.Equal(expected, streams["responses/msg_1/response.output_text.delta/0"]);
        Assert.Equal(expected, streams["done:responses/msg_1/response.output_text.delta/0"]);
        Assert.Contains(JsonString(expected), events[^1].Data, StringComparison.Ordinal);
        Assert.Equal("response.completed", events[^1].Event);
        Assert.DoesNotContain(TestPolicies.AwsKey[4..], Encoding.UTF8.GetString(output), StringComparison.Ordinal);
    }

    [Fact]
    public void ResponsesFunctionArguments_DeltasAndDone_Masked()
    {
        var args = "{\"secret\":\"" + TestPolicies.AwsKey + "\"}";
        var body = string.Concat(Split(args, 8, 8, 8).Select(p => ResponsesDelta("fc_1", p, "response.function_call_arguments.delta")))
            + ResponsesArgumentsDone("fc_1", args);

        var streams = SseClient.Reassemble(SseClient.Parse(SseRun.Mask(body)));

        Assert.Equal(SseRun.MaskAll(args), streams["responses/fc_1/response.function_call_arguments.delta/0"]);
        Assert.Equal(SseRun.MaskAll(args), streams["done:responses/fc_1/response.function_call_arguments.delta/0"]);
    }

    [Fact]
    public void ResponsesItems_DifferentItems_NeverJoin()
    {
        var body = ResponsesDelta("msg_1", "a AKIAQYLPMN") + ResponsesDelta("msg_2", "5HFIQR7XYA b");

        Assert.Equal(body, Encoding.UTF8.GetString(SseRun.Mask(body)));
    }

    [Theory]
    [InlineData("text")]
    [InlineData("partial_json")]
    [InlineData("thinking")]
    public void AnthropicDeltas_KeySplit_Masked(string kind)
    {
        var start = "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\",\"content\":[]}}\n\n";
        var stop = "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n";
        var body = start + string.Concat(Split(s_text, 5, 4, 4, 4, 4, 4).Select(p => Anthropic(0, kind, p))) + stop;

        var output = SseRun.Mask(body);

        var text = Encoding.UTF8.GetString(output);
        Assert.StartsWith(start, text, StringComparison.Ordinal);
        Assert.EndsWith(stop, text, StringComparison.Ordinal);
        var events = SseClient.Parse(output);
        Assert.All(events.Skip(1).SkipLast(1), e => Assert.Equal("content_block_delta", e.Event));
        Assert.Equal(SseRun.MaskAll(s_text), SseClient.Reassemble(events)[$"anthropic/0/{kind}"]);
    }

    [Fact]
    public void AnthropicBlocks_Interleaved_NeverJoinButEachMasked()
    {
        var body = Anthropic(0, "thinking", "think AKIAQYLP") + Anthropic(1, "text", "AKIAQYLP")
            + Anthropic(0, "thinking", "MN5HFIQR7XYA done") + Anthropic(1, "text", "MN5 not a key");

        var streams = SseClient.Reassemble(SseClient.Parse(SseRun.Mask(body)));

        Assert.Equal("think " + TestPolicies.AwsMasked + " done", streams["anthropic/0/thinking"]);
        Assert.Equal("AKIAQYLPMN5 not a key", streams["anthropic/1/text"]);
    }

    [Fact]
    public void SecretInMetadataString_MaskedOnItsOwn()
    {
        var body = "data: {\"id\":\"" + TestPolicies.AwsKey + "\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"hi\"}}]}\n\n";

        var output = Encoding.UTF8.GetString(SseRun.Mask(body));

        Assert.DoesNotContain(TestPolicies.AwsKey, output, StringComparison.Ordinal);
        Assert.Contains(TestPolicies.AwsMasked, output, StringComparison.Ordinal);
        Assert.Equal("hi", SseClient.Reassemble(SseClient.Parse(Bytes(output)))["chat/0/content"]);
    }

    [Fact]
    public void EscapedSecret_DecodedAndMasked()
    {
        // \u0041 is 'A': raw-byte scanning would never see this key.
        var body = "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"\\u0041KIAQYLPMN5HFIQR7XYA\"}}]}\n\n";

        var streams = SseClient.Reassemble(SseClient.Parse(SseRun.Mask(body)));

        Assert.Equal(TestPolicies.AwsMasked, streams["chat/0/content"]);
    }
}
