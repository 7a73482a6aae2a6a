using System.Text;
using CsCheck;
using Hush.ExtProc.Tests.Support;
using Hush.Policy.Matching;
using Hush.Policy.Rules;
using Xunit;
using static Hush.ExtProc.Tests.Codecs.Sse.SseFixtures;

namespace Hush.ExtProc.Tests.Codecs.Sse;

/// <summary>
/// Plain-text (raw) SSE events: their data is scanned joined across events and each event separated, and the union
/// is masked (fuzz finding E: joined only, a neighbouring event's word byte broke a key's <c>\b</c>).
/// </summary>
public sealed class SseBodyCodecPlainTextTests
{
    private static readonly Lazy<PolicyMatcher> s_overlap = new(() => TestPolicies.FromBytes(TestPolicies.Compile("""
        version: 1
        name: overlap
        policy_version: "1"
        rules:
          - id: bounded-key
            pattern: '\b(K[0-9]{6})\b'
            secret: 1
            replacement: "[KEY]"
          - id: tail-digits
            pattern: '(56789)'
            secret: 1
            replacement: "[TAIL]"
          - id: joined-head
            pattern: '(yzK[0-9]{2})'
            secret: 1
            replacement: "[HEAD]"
        """)).Response);

    [Fact]
    public void KeyAtStartAfterWordEndingEvent_Masked()
    {
        var body = "data: hello\n\ndata: " + TestPolicies.AwsKey + " tail\n\n";

        foreach (var cuts in Chunkings(body))
        {
            var (output, sink, _) = SseRun.Mask(Bytes(body), cuts);

            Assert.Equal("data: hello\n\ndata: " + TestPolicies.AwsMasked + " tail\n\n", Encoding.UTF8.GetString(output));
            Assert.Equal(RuleAction.Mask, Assert.Single(sink.Matches).Action);
        }
    }

    [Fact]
    public void KeyAtEndBeforeWordStartingEvent_Masked()
    {
        var body = "data: head " + TestPolicies.AwsKey + "\n\ndata: tail\n\n";

        foreach (var cuts in Chunkings(body))
        {
            var (output, sink, _) = SseRun.Mask(Bytes(body), cuts);

            Assert.Equal("data: head " + TestPolicies.AwsMasked + "\n\ndata: tail\n\n", Encoding.UTF8.GetString(output));
            Assert.Equal(RuleAction.Mask, Assert.Single(sink.Matches).Action);
        }
    }

    [Fact]
    public void KeyFoundByBothScans_OnePlaceholderOneMatch()
    {
        var body = "data: " + TestPolicies.AwsKey + "\n\ndata:  next\n\n";

        foreach (var cuts in Chunkings(body))
        {
            var (output, sink, _) = SseRun.Mask(Bytes(body), cuts);

            Assert.Equal("data: " + TestPolicies.AwsMasked + "\n\ndata:  next\n\n", Encoding.UTF8.GetString(output));
            Assert.Equal(RuleAction.Mask, Assert.Single(sink.Matches).Action);
        }
    }

    [Fact]
    public void HoldPhraseInOneEvent_ReportedOnce()
    {
        var body = "data: run terraform destroy now\n\ndata: ok\n\n";

        foreach (var cuts in Chunkings(body))
        {
            var (output, sink, _) = SseRun.Mask(Bytes(body), cuts);

            Assert.Equal(body, Encoding.UTF8.GetString(output));
            Assert.Equal(RuleAction.Hold, Assert.Single(sink.Matches).Action);
        }
    }

    [Fact]
    public void SplitKeyAndKeyAfterWordEvent_BothMaskedOncePerKey()
    {
        var body = "data: a AKIAQYLP\n\ndata: MN5HFIQR7XYA \n\ndata: word\n\ndata: " + TestPolicies.AwsKey + "\n\ndata: end\n\n";

        foreach (var cuts in Chunkings(body))
        {
            var (output, sink, _) = SseRun.Mask(Bytes(body), cuts);

            var events = SseClient.Parse(output);
            Assert.Equal(
                ["a " + TestPolicies.AwsMasked, " ", "word", TestPolicies.AwsMasked, "end"],
                events.Select(e => e.Data).ToArray());
            Assert.Equal(2, sink.Matches.Count);
        }
    }

    [Fact]
    public void KeyInsideJoinedMatchStartingEarlier_BytesDroppedNoSecondPlaceholder()
    {
        // Joined "xyzK123456": joined-head masks "yzK12" (from the first event on); separated, the second event alone
        // is the bounded key "K123456". The first event writes [HEAD]; the second drops the key's bytes.
        var body = "data: xyz\n\ndata: K123456\n\n";

        foreach (var cuts in Chunkings(body))
        {
            var (output, sink, _) = SseRun.Mask(s_overlap.Value, Bytes(body), cuts);

            Assert.Equal("data: x[HEAD]\n\ndata: \n\n", Encoding.UTF8.GetString(output));
            Assert.Equal(2, sink.Matches.Count);
        }
    }

    [Fact]
    public void JoinedMatchOverlappingSeparatedKey_MergedAndDroppedInNextEvent()
    {
        // Separated, the first event is the key "K123456" ([KEY]); joined "K123456789" has no key (no \b after 6) but
        // tail-digits masks "56789", which starts inside the key and runs into the second event: merged into [KEY].
        var body = "data: K123456\n\ndata: 789 z\n\n";

        foreach (var cuts in Chunkings(body))
        {
            var (output, sink, _) = SseRun.Mask(s_overlap.Value, Bytes(body), cuts);

            Assert.Equal("data: [KEY]\n\ndata:  z\n\n", Encoding.UTF8.GetString(output));
            Assert.Equal(2, sink.Matches.Count);
        }
    }

    [Fact]
    public void JsonEventBetweenPlainTextEvents_KeyAfterWordStillMasked()
    {
        var body = "data: hello\n\n" + Chat(0, "hi") + "data: " + TestPolicies.AwsKey + "\n\n";

        foreach (var cuts in Chunkings(body))
        {
            var (output, _, _) = SseRun.Mask(Bytes(body), cuts);

            var text = Encoding.UTF8.GetString(output);
            Assert.Equal("data: hello\n\n" + Chat(0, "hi") + "data: " + TestPolicies.AwsMasked + "\n\n", text);
        }
    }

    [Fact]
    public void KeysBesideWordEvents_RandomEventsAndChunks_EveryKeyMaskedOnce()
    {
        string[] words = ["hello", "x1", "ok.", "AKIA", "run", "é", "_"];
        Gen.Int.Sample(seed =>
        {
            var rng = new Random(seed);
            var data = new List<string>();
            var expected = new List<string>();
            var keys = 0;
            for (var i = rng.Next(2, 12); i > 0; i--)
            {
                switch (rng.Next(3))
                {
                    case 0:
                        // A key alone in an event, glued to whatever the neighbouring events end and start with.
                        data.Add(TestPolicies.AwsKey);
                        expected.Add(TestPolicies.AwsMasked);
                        keys++;
                        break;
                    case 1:
                        var word = words[rng.Next(words.Length)];
                        data.Add(word);
                        expected.Add(word);
                        break;
                    default:
                        // A key split across two events: only the joined scan sees it whole.
                        var cut = rng.Next(1, TestPolicies.AwsKey.Length);
                        data.Add("a " + TestPolicies.AwsKey[..cut]);
                        data.Add(TestPolicies.AwsKey[cut..] + " b");
                        expected.Add("a " + TestPolicies.AwsMasked);
                        expected.Add(" b");
                        keys++;
                        break;
                }
            }

            var ending = rng.Next(2) == 0 ? "\n" : "\r\n";
            var body = Bytes(string.Concat(data.Select(d => "data: " + d + ending + ending)));
            var (whole, sink, _) = SseRun.Mask(body, []);
            Assert.Equal(whole, SseRun.Mask(body, SseRun.RandomCuts(rng, body.Length)).Output);
            Assert.Equal(whole, SseRun.Mask(body, SseRun.EveryByte(body.Length)).Output);

            Assert.Equal(expected, SseClient.Parse(whole).Select(e => e.Data).ToList());
            Assert.Equal(keys, sink.Matches.Count(m => m.Action == RuleAction.Mask));
            Assert.DoesNotContain(TestPolicies.AwsKey[4..], Encoding.UTF8.GetString(whole), StringComparison.Ordinal);
        }, iter: 100);
    }

    /// <summary>The whole body in one call, and one byte per call.</summary>
    private static List<int>[] Chunkings(string body) => [[], SseRun.EveryByte(Encoding.UTF8.GetByteCount(body))];
}
