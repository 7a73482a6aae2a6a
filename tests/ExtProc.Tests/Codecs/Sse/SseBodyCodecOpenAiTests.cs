using System.Text;
using Hush.ExtProc.Tests.Support;
using Xunit;
using static Hush.ExtProc.Tests.Codecs.Sse.SseFixtures;

namespace Hush.ExtProc.Tests.Codecs.Sse;

/// <summary>OpenAI Chat Completions streams through the SSE codec.</summary>
public sealed class SseBodyCodecOpenAiTests
{
    private const string Before = "Your key is ";
    private const string After = " and keep it safe.";

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(0)]
    public void ChatContent_KeySplitAcrossEvents_Masked(int parts)
    {
        var key = TestPolicies.AwsKey;
        var pieces = parts == 0
            ? key.Select(c => c.ToString()).ToList()
            : Split(key, Enumerable.Repeat((key.Length + parts - 1) / parts, parts - 1).ToArray());
        var body = Chat(0, Before) + string.Concat(pieces.Select(p => Chat(0, p))) + Chat(0, After) + Done;

        foreach (var cuts in new[] { new List<int>(), SseRun.EveryByte(Encoding.UTF8.GetByteCount(body)) })
        {
            var (output, sink, _) = SseRun.Mask(Bytes(body), cuts);
            var text = Encoding.UTF8.GetString(output);
            Assert.DoesNotContain(key[4..], text, StringComparison.Ordinal);
            var streams = SseClient.Reassemble(SseClient.Parse(output));
            Assert.Equal(Before + TestPolicies.AwsMasked + After, streams["chat/0/content"]);
            Assert.Single(sink.Matches);
        }
    }

    [Fact]
    public void ChatContent_EventsWithoutMasks_PassByteForByte()
    {
        var head = Chat(0, "Hello ") + ": keep-alive\n\n" + Chat(0, "there, ");
        var tail = Chat(0, " bye") + Done;
        var body = head + Chat(0, "AKIAQYLPMN") + Chat(0, "5HFIQR7XYA") + tail;

        var output = Encoding.UTF8.GetString(SseRun.Mask(body));

        Assert.StartsWith(head, output, StringComparison.Ordinal);
        Assert.EndsWith(tail, output, StringComparison.Ordinal);
        Assert.Contains(Chat(0, TestPolicies.AwsMasked), output, StringComparison.Ordinal);
        Assert.Contains(Chat(0, ""), output, StringComparison.Ordinal);
    }

    [Fact]
    public void ChatContent_NoSecret_OutputIdentical()
    {
        var body = Chat(0, "") + Chat(0, "The AKIA prefix ") + Chat(0, "starts AWS keys; password") + Chat(0, " rules.") + Done;

        Assert.Equal(body, Encoding.UTF8.GetString(SseRun.Mask(body)));
    }

    [Fact]
    public void DoneMarker_PassesUnchanged()
    {
        var body = Chat(0, "AKIAQYLPMN5HF") + Chat(0, "IQR7XYA") + Done;

        var output = Encoding.UTF8.GetString(SseRun.Mask(body));

        Assert.EndsWith(Done, output, StringComparison.Ordinal);
        Assert.Equal("[DONE]", SseClient.Parse(Bytes(output))[^1].Data);
    }

    [Fact]
    public void ToolCallArguments_KeySplit_Masked()
    {
        var args = "{\"aws_key\": \"" + TestPolicies.AwsKey + "\"}";
        var body = string.Concat(Split(args, 5, 9, 4, 3, 6).Select(p => ChatTool(0, 1, p))) + Done;

        var output = SseRun.Mask(body);

        var streams = SseClient.Reassemble(SseClient.Parse(output));
        Assert.Equal(SseRun.MaskAll(args), streams["chat/0/tool/1"]);
        Assert.Contains(TestPolicies.AwsMasked, streams["chat/0/tool/1"], StringComparison.Ordinal);
    }

    [Fact]
    public void Refusal_PasswordSplit_Masked()
    {
        var refusal = "I cannot use password = \"Xk9#mQ2vL8pR4z\" here";
        var body = string.Concat(Split(refusal, 10, 7, 8, 5).Select(p => ChatRefusal(0, p))) + Done;

        var output = SseRun.Mask(body);

        var streams = SseClient.Reassemble(SseClient.Parse(output));
        Assert.Equal(SseRun.MaskAll(refusal), streams["chat/0/refusal"]);
        Assert.DoesNotContain("Xk9#mQ2vL8pR4z", Encoding.UTF8.GetString(output), StringComparison.Ordinal);
    }

    [Fact]
    public void Choices_Interleaved_NeverJoin()
    {
        // Choice 0 ends with half a key and choice 1 starts with the other half: two streams, no key.
        var body = Chat(0, "x AKIAQYLPMN") + Chat(1, "5HFIQR7XYA y") + Chat(0, " end") + Done;

        Assert.Equal(body, Encoding.UTF8.GetString(SseRun.Mask(body)));
    }

    [Fact]
    public void Choices_InterleavedSplitKey_MaskedInItsChoice()
    {
        var body = Chat(0, "k AKIAQYLP") + Chat(1, "other AKIA") + Chat(0, "MN5HFIQR7XYA.") + Chat(1, " text") + Done;

        var output = SseRun.Mask(body);

        var streams = SseClient.Reassemble(SseClient.Parse(output));
        Assert.Equal("k " + TestPolicies.AwsMasked + ".", streams["chat/0/content"]);
        Assert.Equal("other AKIA text", streams["chat/1/content"]);
    }

    [Fact]
    public void HeldEvents_ReleasedOnceSafe()
    {
        var sink = new SseRecordingSink();
        using var codec = new Hush.ExtProc.Codecs.Sse.SseBodyCodec(SseRun.Policy, sink);
        var output = new System.Buffers.ArrayBufferWriter<byte>();

        codec.Process(Bytes(Chat(0, "plain text. ")), final: false, output);
        var first = output.WrittenCount;
        codec.Process(Bytes(Chat(0, "AKIAQY")), final: false, output);

        Assert.True(first > 0);
        Assert.Equal(first, output.WrittenCount);
        Assert.Equal(Bytes(Chat(0, "AKIAQY")).Length, codec.HeldBytes);

        codec.Process(Bytes(Chat(0, "no key after all. ")), final: false, output);

        Assert.Equal(0, codec.HeldBytes);
    }
}
