using System.Text;
using Hush.ExtProc.Codecs.Sse;
using Hush.ExtProc.Tests.Support;
using Xunit;
using static Hush.ExtProc.Tests.Codecs.Sse.SseFixtures;

namespace Hush.ExtProc.Tests.Codecs.Sse;

/// <summary>SSE framing, invalid input and limits.</summary>
public sealed class SseBodyCodecFramingTests
{
    [Fact]
    public void CrLfFraming_RewrittenEventKeepsFieldsAndLineEnds()
    {
        var body = "id: 1\r\nevent: delta\r\n: note\r\ndata: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"AKIAQYLPMN\"}}]}\r\n\r\n"
            + "id: 2\r\ndata: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"5HFIQR7XYA\"}}]}\r\n\r\n";

        foreach (var cuts in new[] { new List<int>(), SseRun.EveryByte(body.Length) })
        {
            var output = Encoding.UTF8.GetString(SseRun.Mask(Bytes(body), cuts).Output);

            Assert.Equal(
                "id: 1\r\nevent: delta\r\n: note\r\ndata: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"" + TestPolicies.AwsMasked + "\"}}]}\r\n\r\n"
                + "id: 2\r\ndata: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"\"}}]}\r\n\r\n",
                output);
        }
    }

    [Fact]
    public void CrOnlyFraming_Masked()
    {
        var body = Chat(0, "AKIAQYLPMN").Replace('\n', '\r') + Chat(0, "5HFIQR7XYA").Replace('\n', '\r');

        var output = SseRun.Mask(body);

        Assert.Equal(TestPolicies.AwsMasked, SseClient.Reassemble(SseClient.Parse(output))["chat/0/content"]);
        Assert.DoesNotContain("\n", Encoding.UTF8.GetString(output), StringComparison.Ordinal);
    }

    [Fact]
    public void MultiLineData_RewrittenAsOneValidDataLine()
    {
        var body = "event: x\ndata: {\"choices\":[{\"index\":0,\n"
            + "data: \"delta\":{\"content\":\"key AKIAQYLPMN5HFIQR7XYA\"}}]}\n\n";

        var output = SseRun.Mask(body);

        var text = Encoding.UTF8.GetString(output);
        Assert.StartsWith("event: x\ndata: {", text, StringComparison.Ordinal);
        Assert.Equal(1, text.Split("data:").Length - 1);
        var ev = Assert.Single(SseClient.Parse(output));
        Assert.Equal("x", ev.Event);
        Assert.Equal("key " + TestPolicies.AwsMasked, SseClient.Reassemble([ev])["chat/0/content"]);
    }

    [Fact]
    public void CommentAndIdLines_SecretsMasked()
    {
        var body = ": debug " + TestPolicies.AwsKey + "\nid: " + TestPolicies.AwsKey + "\n" + Chat(0, "hi");

        var output = SseRun.Mask(body);

        var text = Encoding.UTF8.GetString(output);
        Assert.DoesNotContain(TestPolicies.AwsKey, text, StringComparison.Ordinal);
        var ev = Assert.Single(SseClient.Parse(output));
        Assert.Equal(TestPolicies.AwsMasked, ev.Id);
        Assert.Equal(" debug " + TestPolicies.AwsMasked, ev.Comments[0]);
    }

    [Fact]
    public void UnknownJsonShape_ScannedRaw()
    {
        var body = "data: {\"message\":{\"text\":\"" + TestPolicies.AwsKey + "\"}}\n\n";

        var output = Encoding.UTF8.GetString(SseRun.Mask(body));

        Assert.Equal("data: {\"message\":{\"text\":\"" + TestPolicies.AwsMasked + "\"}}\n\n", output);
    }

    [Fact]
    public void InvalidJson_ScannedRaw()
    {
        var body = "data: {\"choices\":[{\"delta\":{\"content\":\"" + TestPolicies.AwsKey + "\"}\n\n";

        var output = Encoding.UTF8.GetString(SseRun.Mask(body));

        Assert.Equal("data: {\"choices\":[{\"delta\":{\"content\":\"" + TestPolicies.AwsMasked + "\"}\n\n", output);
    }

    [Fact]
    public void InvalidUtf8InString_ScannedRaw()
    {
        var head = Bytes("data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"");
        var tail = Bytes(" " + TestPolicies.AwsKey + "\"}}]}\n\n");
        byte[] body = [.. head, 0xFF, .. tail];

        var output = SseRun.Mask(body, []).Output;

        Assert.Equal([.. head, 0xFF, .. Bytes(" " + TestPolicies.AwsMasked + "\"}}]}\n\n")], output);
    }

    [Fact]
    public void PlainTextEvents_SplitKey_MaskedAcrossEvents()
    {
        var body = "data: token AKIAQYLP\n\ndata: MN5HFIQR7XYA\ndata: next\n\n";

        foreach (var cuts in new[] { new List<int>(), SseRun.EveryByte(body.Length) })
        {
            var (output, sink, _) = SseRun.Mask(Bytes(body), cuts);

            var events = SseClient.Parse(output);
            Assert.Equal("token " + TestPolicies.AwsMasked, events[0].Data);
            Assert.Equal("\nnext", events[1].Data);
            Assert.Single(sink.Matches);
        }
    }

    [Fact]
    public void OverLongLine_FallsBackToRawScanning()
    {
        var options = new SseCodecOptions { MaxLineBytes = 200 };
        var longLine = "data: " + new string('x', 220) + " " + TestPolicies.AwsKey + " " + new string('y', 40) + "\n\n";
        var body = Chat(0, "AKIAQYLP") + Chat(0, "MN5HFIQR7XYA") + longLine + Chat(0, "after " + TestPolicies.AwsKey);

        foreach (var cuts in new[] { new List<int>(), SseRun.EveryByte(body.Length) })
        {
            var (output, _, fallback) = SseRun.Mask(Bytes(body), cuts, options);

            var text = Encoding.UTF8.GetString(output);
            Assert.True(fallback);
            Assert.DoesNotContain(TestPolicies.AwsKey, text, StringComparison.Ordinal);
            Assert.StartsWith(Chat(0, TestPolicies.AwsMasked) + Chat(0, ""), text, StringComparison.Ordinal);
            Assert.EndsWith(Chat(0, "after " + TestPolicies.AwsMasked), text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void OverLongEvent_FallsBackToRawScanning()
    {
        var options = new SseCodecOptions { MaxEventBytes = 400 };
        var body = Chat(0, "start ") + string.Concat(Enumerable.Repeat("data: " + new string('z', 40) + "\n", 8)) + "data: " + TestPolicies.AwsKey + "\n\n";

        var (output, _, fallback) = SseRun.Mask(Bytes(body), [], options);

        Assert.True(fallback);
        Assert.DoesNotContain(TestPolicies.AwsKey, Encoding.UTF8.GetString(output), StringComparison.Ordinal);
    }

    [Fact]
    public void UnterminatedLastEvent_ScannedAndMasked()
    {
        var body = Chat(0, "a ") + "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"" + TestPolicies.AwsKey + "\"}}]}";

        var output = Encoding.UTF8.GetString(SseRun.Mask(body));

        Assert.EndsWith("\"" + TestPolicies.AwsMasked + "\"}}]}", output, StringComparison.Ordinal);
    }

    [Fact]
    public void StreamLimit_FurtherStreamsMaskedOnTheirOwn()
    {
        var options = new SseCodecOptions { MaxLogicalStreams = 2 };
        var body = Chat(0, "AKIAQYLP") + Chat(0, "MN5HFIQR7XYA") + Chat(1, "a " + TestPolicies.AwsKey + " b");

        var (output, _, _) = SseRun.Mask(Bytes(body), [], options);

        var streams = SseClient.Reassemble(SseClient.Parse(output));
        Assert.Equal(TestPolicies.AwsMasked, streams["chat/0/content"]);
        Assert.Equal("a " + TestPolicies.AwsMasked + " b", streams["chat/1/content"]);
    }

    [Fact]
    public void Matches_ReportedToSink()
    {
        var body = Chat(0, "AKIAQYLPMN") + Chat(0, "5HFIQR7XYA run terraform destroy now");

        var (_, sink, _) = SseRun.Mask(Bytes(body), []);

        Assert.Equal(2, sink.Matches.Count);
        Assert.Contains(sink.Matches, m => m.Action == Hush.Policy.Rules.RuleAction.Mask);
        Assert.Contains(sink.Matches, m => m.Action == Hush.Policy.Rules.RuleAction.Hold);
    }
}
