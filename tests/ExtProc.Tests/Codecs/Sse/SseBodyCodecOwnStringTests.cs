using System.Text;
using Hush.ExtProc.Tests.Support;
using Xunit;
using static Hush.ExtProc.Tests.Codecs.Sse.SseFixtures;

namespace Hush.ExtProc.Tests.Codecs.Sse;

/// <summary>
/// Metadata strings and non-data lines, masked each on its own (SseBodyCodec.Own.cs): a repeat at the same place of
/// the next event is answered from the previous result, and must still be masked and counted every time.
/// </summary>
public sealed class SseBodyCodecOwnStringTests
{
    private static string ChatWithId(string id, string content) =>
        $"data: {{\"id\":{JsonString(id)},\"object\":\"chat.completion.chunk\",\"choices\":[{{\"index\":0,\"delta\":{{\"content\":{JsonString(content)}}}}}]}}\n\n";

    [Fact]
    public void RepeatedSecretMetadata_MaskedAndCountedInEveryEvent()
    {
        var body = ChatWithId(TestPolicies.AwsKey, "one ") + ChatWithId(TestPolicies.AwsKey, "two ") + ChatWithId(TestPolicies.AwsKey, "three");

        foreach (var cuts in new[] { new List<int>(), SseRun.RandomCuts(new Random(7), Encoding.UTF8.GetByteCount(body)) })
        {
            var (output, sink, _) = SseRun.Mask(Encoding.UTF8.GetBytes(body), cuts);

            var text = Encoding.UTF8.GetString(output);
            Assert.DoesNotContain(TestPolicies.AwsKey, text, StringComparison.Ordinal);
            Assert.Equal(3, Count(text, JsonString(TestPolicies.AwsMasked)));
            Assert.Equal(3, sink.Matches.Count);
            Assert.Equal("one two three", SseClient.Reassemble(SseClient.Parse(output))["chat/0/content"]);
        }
    }

    [Fact]
    public void ChangingMetadata_OnlyTheEventWithTheSecretMasked()
    {
        var body = ChatWithId("chatcmpl-1", "a") + ChatWithId(TestPolicies.AwsKey, "b") + ChatWithId("chatcmpl-1", "c")
            + ChatWithId("chatcmpl-" + TestPolicies.AwsKey, "d");

        var (output, sink, _) = SseRun.Mask(Encoding.UTF8.GetBytes(body), []);

        var events = SseClient.Parse(output);
        Assert.Contains("\"chatcmpl-1\"", events[0].Data, StringComparison.Ordinal);
        Assert.Contains(JsonString(TestPolicies.AwsMasked), events[1].Data, StringComparison.Ordinal);
        Assert.Contains("\"chatcmpl-1\"", events[2].Data, StringComparison.Ordinal);
        Assert.DoesNotContain(TestPolicies.AwsKey, events[3].Data, StringComparison.Ordinal);
        Assert.Equal(Encoding.UTF8.GetBytes(ChatWithId("chatcmpl-1", "a")), output.AsSpan(0, Encoding.UTF8.GetByteCount(ChatWithId("chatcmpl-1", "a"))).ToArray());
        Assert.Equal(2, sink.Matches.Count);
    }

    [Fact]
    public void SecretInRepeatedCommentLine_MaskedInEveryEvent()
    {
        var line = ": trace " + TestPolicies.AwsKey + "\n";
        var body = line + Chat(0, "x") + line + Chat(0, "y");

        var (output, sink, _) = SseRun.Mask(Encoding.UTF8.GetBytes(body), []);

        var text = Encoding.UTF8.GetString(output);
        Assert.DoesNotContain(TestPolicies.AwsKey, text, StringComparison.Ordinal);
        Assert.Equal(2, Count(text, ": trace " + TestPolicies.AwsMasked + "\n"));
        Assert.Equal(2, sink.Matches.Count);
        Assert.Equal("xy", SseClient.Reassemble(SseClient.Parse(output))["chat/0/content"]);
    }

    [Fact]
    public void MetadataSecretSplitAcrossEvents_NotJoined_ContentSplitStillMasked()
    {
        // Metadata strings are framing, each masked alone; the model's text is what is joined across events.
        var body = ChatWithId("AKIAQYLPMN", "AKIAQYLPMN") + ChatWithId("5HFIQR7XYA", "5HFIQR7XYA");

        var (output, _, _) = SseRun.Mask(Encoding.UTF8.GetBytes(body), []);

        var events = SseClient.Parse(output);
        Assert.Contains("\"AKIAQYLPMN\"", events[0].Data, StringComparison.Ordinal);
        Assert.Equal(TestPolicies.AwsMasked, SseClient.Reassemble(events)["chat/0/content"]);
    }

    private static int Count(string text, string value)
    {
        var n = 0;
        for (var i = text.IndexOf(value, StringComparison.Ordinal); i >= 0; i = text.IndexOf(value, i + 1, StringComparison.Ordinal))
        {
            n++;
        }

        return n;
    }
}
