using System.Buffers;
using System.Text;
using CsCheck;
using Hush.Policy.Matching;
using Hush.Policy.Rules;

namespace Hush.Policy.Tests.Matching;

/// <summary>Streaming invariants over random inputs with planted fake secrets and random chunkings.</summary>
public sealed class StreamingPropertyTests
{
    private static readonly Lazy<PolicyMatcher> s_matcher = new(() =>
        new PolicyMatcher(TestPolicies.Compile(
        [
            new("aws", @"\b((?:AKIA|ASIA)[0-9A-Z]{16})\b", 1),
            new("ghp", @"\bghp_[0-9A-Za-z]{36}\b"),
            new("password", @"(?i)(?:password|pwd)\s{0,3}[:=]\s{0,3}([^\s""']{8,64})", 1) { MinEntropy = 2 },
            new("slack", @"\bxox[baprs]-[0-9A-Za-z-]{10,48}"),
            new("url", @"[a-z][a-z0-9+.-]{1,15}://[^:/\s@]{1,64}:([^@/\s]{3,64})@[^\s/]{1,100}", 1),
            new("hex32", @"\b[0-9a-f]{32}\b"),
            new("destroy", @"\bterraform\s{1,5}destroy\b") { Action = RuleAction.Hold },
            new("hashicorp", LookBackTests.Hashicorp),
            new("slack-webhook", LookBackTests.SlackWebhook),
        ]), RuleDirection.Response));

    private static readonly Gen<string> s_upperDigits = Gen.Char["ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"].Array[16].Select(a => new string(a));
    private static readonly Gen<string> s_alnum = Gen.Char["abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"].Array[36].Select(a => new string(a));
    private static readonly Gen<string> s_hex = Gen.Char["0123456789abcdef"].Array[32].Select(a => new string(a));

    private static readonly Gen<string> s_secret = Gen.OneOf(
        s_upperDigits.Select(s => "AKIA" + s),
        s_alnum.Select(s => "ghp_" + s),
        s_alnum.Select(s => "password = " + s[..12]),
        s_alnum.Select(s => "xoxb-" + s[..20]),
        s_alnum.Select(s => "https://user:" + s[..10] + "@host"),
        s_hex,
        Gen.Const("terraform destroy"),
        LookBackTests.HashicorpToken,
        LookBackTests.SlackWebhookUrl);

    private static readonly Gen<string> s_filler =
        Gen.String[Gen.Char["abcdefghijklmnopqrstuvwxyzAKIghpx_ =:\n-é"], 0, 30];

    private static readonly Gen<byte[]> s_input = Gen.OneOf(s_filler, s_secret.Select(s => " " + s + " "))
        .Array[0, 12].Select(parts => Encoding.UTF8.GetBytes(string.Concat(parts)));

    private static readonly Gen<int[]> s_chunks = Gen.Int[1, 48].Array[1, 8];

    private static (byte[] Output, List<MatchEvent> Events, int MaxHeld) Stream(PolicyMatcher matcher, byte[] input, int[] chunks)
    {
        var stream = matcher.CreateStream();
        var output = new ArrayBufferWriter<byte>();
        var events = new List<MatchEvent>();
        var maxHeld = 0;
        for (int offset = 0, k = 0; offset < input.Length; k++)
        {
            var size = Math.Min(chunks[k % chunks.Length], input.Length - offset);
            stream.Write(input.AsSpan(offset, size), output);
            offset += size;
            maxHeld = Math.Max(maxHeld, stream.HeldBytes);
            events.AddRange(stream.Events.ToArray());
            stream.ClearEvents();
        }

        stream.Complete(output);
        events.AddRange(stream.Events.ToArray());
        Assert.Equal(0, stream.HeldBytes);
        return (output.WrittenSpan.ToArray(), events, maxHeld);
    }

    [Fact]
    public void Chunked_OutputEqualsMaskAll()
    {
        var matcher = s_matcher.Value;
        Gen.Select(s_input, s_chunks).Sample((input, chunks) =>
        {
            var (output, _, _) = Stream(matcher, input, chunks);
            Assert.Equal(matcher.MaskAll(input), output);
        }, iter: 400);
    }

    [Fact]
    public void OneByteChunks_OutputEqualsMaskAll()
    {
        var matcher = s_matcher.Value;
        s_input.Sample(input => Assert.Equal(matcher.MaskAll(input), Stream(matcher, input, [1]).Output), iter: 150);
    }

    [Fact]
    public void Output_IsInputWithExactlyTheConfirmedSpansReplaced()
    {
        var matcher = s_matcher.Value;
        Gen.Select(s_input, s_chunks).Sample((input, chunks) =>
        {
            var (output, events, _) = Stream(matcher, input, chunks);
            Assert.Equal(Rebuild(matcher, input, events), output);
            foreach (var e in events)
            {
                if (e.Action == RuleAction.Mask)
                {
                    Assert.True(output.AsSpan().IndexOf(input.AsSpan((int)e.Start, (int)(e.End - e.Start))) < 0,
                        "a confirmed secret reached the output");
                }
            }
        }, iter: 300);
    }

    [Fact]
    public void PlantedSecrets_AreMasked()
    {
        var matcher = s_matcher.Value;
        Gen.Select(s_upperDigits, s_chunks).Sample((key, chunks) =>
        {
            var input = Encoding.UTF8.GetBytes("x = AKIA" + key + " ;");
            var (output, _, _) = Stream(matcher, input, chunks);
            Assert.Equal("x = [MASKED:aws] ;", Encoding.UTF8.GetString(output));
        }, iter: 200);
    }

    [Fact]
    public void HeldBytes_WithinBound()
    {
        var matcher = s_matcher.Value;
        Gen.Select(s_input, s_chunks).Sample((input, chunks) =>
            Assert.True(Stream(matcher, input, chunks).MaxHeld <= matcher.HoldBackBound), iter: 300);
    }

    [Fact]
    public void MatchFreeInput_PassesUnchangedAndHoldsNothing()
    {
        var matcher = s_matcher.Value;
        // No literal can start in this alphabet (no a, g, p, x, t, :), and no hex run of 32 without word edges.
        var text = Gen.String[Gen.Char["bcdefhijklmnoqrsuvwyz .,\n"], 0, 300].Select(Encoding.UTF8.GetBytes);
        Gen.Select(text, s_chunks).Sample((input, chunks) =>
        {
            var stream = matcher.CreateStream();
            var output = new ArrayBufferWriter<byte>();
            for (int offset = 0, k = 0; offset < input.Length; k++)
            {
                var size = Math.Min(chunks[k % chunks.Length], input.Length - offset);
                stream.Write(input.AsSpan(offset, size), output);
                offset += size;
                if (input[offset - 1] == ' ')
                {
                    Assert.Equal(0, stream.HeldBytes);
                }
            }

            stream.Complete(output);
            Assert.Equal(input, output.WrittenSpan.ToArray());
        }, iter: 300);
    }

    [Fact]
    public void Reset_ReusedStreamEqualsNewStream()
    {
        var matcher = s_matcher.Value;
        Gen.Select(s_input, s_input, s_chunks, Gen.Bool).Sample((first, second, chunks, completeFirst) =>
        {
            var reused = matcher.CreateStream();
            reused.RecordReplacements = true;
            var discard = new ArrayBufferWriter<byte>();
            reused.Write(first, discard);
            if (completeFirst)
            {
                reused.Complete(discard);
            }

            reused.Reset();
            var output = new ArrayBufferWriter<byte>();
            var events = new List<MatchEvent>();
            for (int offset = 0, k = 0; offset < second.Length; k++)
            {
                var size = Math.Min(chunks[k % chunks.Length], second.Length - offset);
                reused.Write(second.AsSpan(offset, size), output);
                offset += size;
            }

            reused.Complete(output);
            events.AddRange(reused.Events.ToArray());

            var (expected, expectedEvents, _) = Stream(matcher, second, chunks);
            Assert.Equal(expected, output.WrittenSpan.ToArray());
            Assert.Equal(expectedEvents.OrderBy(e => e.Start).ThenBy(e => e.RuleIndex), events.OrderBy(e => e.Start).ThenBy(e => e.RuleIndex));
            Assert.Equal(0, reused.HeldBytes);
            Assert.True(reused.Replacements.Length <= events.Count(e => e.Action == RuleAction.Mask));
        }, iter: 300);
    }

    /// <summary>The input with the union of mask spans replaced, from the events alone.</summary>
    private static byte[] Rebuild(PolicyMatcher matcher, byte[] input, List<MatchEvent> events)
    {
        var masks = events.Where(e => e.Action == RuleAction.Mask).OrderBy(e => e.Start).ThenBy(e => e.RuleIndex).ToList();
        var output = new ArrayBufferWriter<byte>();
        long cursor = 0;
        for (var i = 0; i < masks.Count;)
        {
            var start = masks[i].Start;
            var end = masks[i].End;
            var rule = matcher.Policy.Rules[masks[i].RuleIndex];
            var j = i + 1;
            while (j < masks.Count && masks[j].Start < end)
            {
                end = Math.Max(end, masks[j].End);
                j++;
            }

            output.Write(input.AsSpan((int)cursor, (int)(start - cursor)));
            output.Write(Encoding.UTF8.GetBytes($"[MASKED:{rule.Id}]"));
            cursor = end;
            i = j;
        }

        output.Write(input.AsSpan((int)cursor));
        return output.WrittenSpan.ToArray();
    }
}
