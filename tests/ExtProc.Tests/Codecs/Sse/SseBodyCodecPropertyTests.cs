using System.Text;
using CsCheck;
using Hush.ExtProc.Tests.Support;
using Xunit;
using static Hush.ExtProc.Tests.Codecs.Sse.SseFixtures;

namespace Hush.ExtProc.Tests.Codecs.Sse;

/// <summary>
/// Random texts with planted secrets × random event splits × random chunk boundaries: each logical stream
/// reassembles to the masked whole text, no secret leaks, the output is valid SSE with JSON data, and it does not
/// depend on chunking.
/// </summary>
public sealed class SseBodyCodecPropertyTests
{
    private const string Password = "Xk9#mQ2vL8pR4z";

    private static readonly string[] s_words =
    [
        "the", "key", "is", "AKIA", "password", "=", "\"", "café", "日本", "run", "terraform", "ok.", "\n", "AKIAQ", "ghp_", "pass",
    ];

    private static readonly string[] s_secrets = [TestPolicies.AwsKey, "password = \"" + Password + "\""];

    private static readonly string[] s_lineEnds = ["\n", "\r\n", "\r"];

    [Fact]
    public void RandomSplitsAndChunks_ReassembleToMaskAll()
    {
        Gen.Int.Sample(seed => Check(new Random(seed)), iter: 100);
    }

    private static void Check(Random rng)
    {
        var provider = rng.Next(3);
        var streams = new List<(string Key, string Text, Func<string, string> Event)>();
        var count = rng.Next(1, 4);
        for (var s = 0; s < count; s++)
        {
            var text = RandomText(rng);
            var index = s;
            switch (provider)
            {
                case 0:
                    var tool = s == 2;
                    streams.Add(tool
                        ? ($"chat/0/tool/0", text, p => ChatTool(0, 0, p))
                        : ($"chat/{index}/content", text, p => Chat(index, p)));
                    break;
                case 1:
                    var kind = new[] { "text", "thinking", "partial_json" }[s];
                    streams.Add(($"anthropic/{index}/{kind}", text, p => Anthropic(index, kind, p)));
                    break;
                default:
                    var item = $"msg_{s}";
                    streams.Add(($"responses/{item}/response.output_text.delta/0", text, p => ResponsesDelta(item, p)));
                    break;
            }
        }

        var events = Interleave(rng, streams);
        if (provider == 2)
        {
            events.AddRange(streams.Select(s => ResponsesTextDone(s.Key.Split('/')[1], s.Text)));
        }

        var body = string.Concat(events.Select(e => rng.Next(8) == 0 ? ": ping\nid: 7\n" + e : e)) + (provider == 0 ? Done : "");
        body = body.Replace("\n", s_lineEnds[rng.Next(s_lineEnds.Length)], StringComparison.Ordinal);

        var bytes = Encoding.UTF8.GetBytes(body);
        var whole = SseRun.Mask(bytes, []).Output;
        Assert.Equal(whole, SseRun.Mask(bytes, SseRun.RandomCuts(rng, bytes.Length)).Output);
        Assert.Equal(whole, SseRun.Mask(bytes, SseRun.RandomCuts(rng, bytes.Length)).Output);

        var parsed = SseClient.Parse(whole);
        Assert.Equal(events.Count + (provider == 0 ? 1 : 0), parsed.Count(e => e.Data.Length > 0));
        var reassembled = SseClient.Reassemble(parsed);
        foreach (var (key, text, _) in streams)
        {
            var expected = SseRun.MaskAll(text);
            Assert.Equal(expected, reassembled.GetValueOrDefault(key, ""));
            if (provider == 2)
            {
                Assert.Equal(expected, reassembled["done:" + key]);
            }
        }

        // Nothing to mask anywhere: every event passes byte for byte.
        if (streams.All(s => SseRun.MaskAll(s.Text) == s.Text))
        {
            Assert.Equal(bytes, whole);
        }

        var output = Encoding.UTF8.GetString(whole);
        Assert.DoesNotContain(TestPolicies.AwsKey, output, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, output, StringComparison.Ordinal);
    }

    [Fact]
    public void PlainTextEvents_RandomSplitsAndChunks_ReassembleToMaskAll()
    {
        Gen.Int.Sample(seed =>
        {
            var rng = new Random(seed);
            var text = RandomText(rng).Replace("\n", " ", StringComparison.Ordinal);
            var pieces = new List<string>();
            for (var pos = 0; pos < text.Length;)
            {
                var n = Math.Min(rng.Next(1, 10), text.Length - pos);
                pieces.Add(text.Substring(pos, n));
                pos += n;
            }

            // Plain-text data is one raw stream; a piece with an LF inside becomes two data lines.
            var body = Encoding.UTF8.GetBytes(string.Concat(pieces.Select(p => "data: " + p.Replace(" ", "\ndata: ", StringComparison.Ordinal) + "\n\n")));
            var whole = SseRun.Mask(body, []).Output;
            Assert.Equal(whole, SseRun.Mask(body, SseRun.RandomCuts(rng, body.Length)).Output);

            var data = string.Concat(SseClient.Parse(whole).Select(e => e.Data));
            Assert.Equal(SseRun.MaskAll(text.Replace(" ", "\n", StringComparison.Ordinal)), data);
            Assert.DoesNotContain(TestPolicies.AwsKey[4..], Encoding.UTF8.GetString(whole), StringComparison.Ordinal);
        }, iter: 100);
    }

    private static string RandomText(Random rng)
    {
        var plant = rng.Next(3) > 0;
        var sb = new StringBuilder();
        var words = rng.Next(3, 30);
        for (var i = 0; i < words; i++)
        {
            sb.Append(plant && rng.Next(6) == 0 ? s_secrets[rng.Next(s_secrets.Length)] : s_words[rng.Next(s_words.Length)]);
            sb.Append(' ');
        }

        return sb.ToString();
    }

    /// <summary>Splits each stream's text into random tokens and interleaves the streams' events randomly.</summary>
    private static List<string> Interleave(Random rng, List<(string Key, string Text, Func<string, string> Event)> streams)
    {
        var queues = streams.Select(s =>
        {
            var tokens = new Queue<string>();
            var pos = 0;
            while (pos < s.Text.Length)
            {
                var n = Math.Min(rng.Next(4) == 0 ? rng.Next(1, 3) : rng.Next(1, 12), s.Text.Length - pos);
                tokens.Enqueue(s.Event(s.Text.Substring(pos, n)));
                pos += n;
            }

            return tokens;
        }).ToList();
        var events = new List<string>();
        while (queues.Any(q => q.Count > 0))
        {
            var live = queues.Where(q => q.Count > 0).ToList();
            events.Add(live[rng.Next(live.Count)].Dequeue());
        }

        return events;
    }
}
