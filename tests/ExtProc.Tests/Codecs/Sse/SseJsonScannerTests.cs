using System.Text;
using CsCheck;
using Hush.ExtProc.Codecs.Sse;
using Xunit;

namespace Hush.ExtProc.Tests.Codecs.Sse;

/// <summary>
/// The scanner's fast paths (hand-written walk, reuse of the previous event's parse) against the
/// <c>Utf8JsonReader</c> walk: same acceptance, same tokens, decoded text and schema numbers, for edge cases and for
/// random mutations of provider events scanned in sequence.
/// </summary>
public sealed class SseJsonScannerTests
{
    private static readonly string[] s_edgeCases =
    [
        """{"a":"x"}""", """ {"a" : "x" } """, "{\"a\":\"x\"}\t\r\n", """{}""", """{"a":[]}""", """{"a":{}}""",
        """{"a":"x",}""", """{"a":"x" "b":1}""", """{"a":01}""", """{"a":-0}""", """{"a":1.5}""", """{"a":1e3}""",
        """{"a":-}""", """{"a":123456789012345678901}""", """{"a":tru}""", """{"a":nullx}""", """{"a":"x"}x""",
        """{"a":"x"}{}""", """["a"]""", "\"a\"", """{"a":"\u00e9"}""", """{"a":"\ud83d\ude00"}""", """{"a":"\ud83d"}""",
        """{"a":"x\"y\\z\/\b\f\n\r\t"}""", """{"a":"x\q"}""", "{\"a\":\"x\ty\"}", """{"a\"b":"x"}""", """{"na\u006de":"x"}""",
        """{"type":"content_block_delta","index":3,"delta":{"type":"text_delta","text":"hi"}}""",
        """{"choices":[{"index":2,"delta":{"tool_calls":[{"index":5,"function":{"arguments":"{}"}}]}}]}""",
        """{"choices":[{"index":1.0,"delta":{"content":"a"}}]}""", """{"a":"x"} // c""", """{"a":/*c*/"x"}""",
        """{"type":"response.output_text.delta","item_id":"m","output_index":1,"content_index":2,"summary_index":3,"delta":"d"}""",
    ];

    private static readonly string[] s_providerEvents =
    [
        """{"type":"content_block_delta","index":3,"delta":{"type":"text_delta","text":"h\u00e9 \"x\""}}""",
        """{"choices":[{"index":2,"delta":{"tool_calls":[{"index":5,"function":{"arguments":"{}"}}]}}],"n":-1.5e3}""",
        """{"type":"response.output_text.delta","item_id":"m","output_index":1,"content_index":2,"delta":"d","ok":true}""",
    ];

    [Fact]
    public void EdgeCases_FastPathsAgreeWithReader()
    {
        using var fast = new SseJsonScanner();
        foreach (var json in s_edgeCases)
        {
            AssertSame(fast, Encoding.UTF8.GetBytes(json));
        }

        // Invalid UTF-8 and a control character inside a string.
        AssertSame(fast, [.. "{\"a\":\""u8, 0xC3, 0x28, .. "\"}"u8]);
        AssertSame(fast, [.. "{\"a\":\"x"u8, 0x01, .. "\"}"u8]);
    }

    [Fact]
    public void CutOffEvents_RejectedWithoutException()
    {
        // A stream that ends mid-event leaves a cut-off object at its end. Rejecting one must not cost the reader's
        // exception: the load benchmark showed it at 0.6 % of the server's CPU.
        var thread = Environment.CurrentManagedThreadId;
        var thrown = 0;
        void Count(object? sender, System.Runtime.ExceptionServices.FirstChanceExceptionEventArgs e)
        {
            if (Environment.CurrentManagedThreadId == thread)
            {
                thrown++;
            }
        }

        AppDomain.CurrentDomain.FirstChanceException += Count;
        try
        {
            foreach (var fastPaths in (bool[])[true, false])
            {
                using var scanner = new SseJsonScanner(fastPaths);
                foreach (var json in s_providerEvents)
                {
                    var whole = Encoding.UTF8.GetBytes(json);
                    Assert.True(scanner.Scan(whole), json);
                    for (var cut = 1; cut < whole.Length; cut++)
                    {
                        Assert.False(scanner.Scan(whole.AsSpan(0, cut)), json[..cut]);
                    }
                }
            }
        }
        finally
        {
            AppDomain.CurrentDomain.FirstChanceException -= Count;
        }

        Assert.Equal(0, thrown);
    }

    [Fact]
    public void SequencesOfSimilarEvents_ReuseAgreesWithReader()
    {
        string[] contents = ["a", "", "b\\\\", "c\\\"", "d\\", "\\", "e\\n", "\\u00e9", "é", "\"", "x\\\\\\\"y", "\\ud83d"];
        using var fast = new SseJsonScanner();
        foreach (var c in contents)
        {
            AssertSame(fast, Encoding.UTF8.GetBytes(
                $$$"""{"id":"c-1","choices":[{"index":0,"delta":{"content":"{{{c}}}"},"finish_reason":null}],"model":"m{{{c.Length}}}"}"""));
            AssertSame(fast, Encoding.UTF8.GetBytes($$$"""{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"{{{c}}}"}}"""));
            AssertSame(fast, Encoding.UTF8.GetBytes($$$"""{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"{{{c}}}"}}"""));
        }

        // Several values change at once: a number that keys nothing, two strings; then keyed numbers change.
        for (var i = 0; i < contents.Length; i++)
        {
            var c = contents[i];
            AssertSame(fast, Encoding.UTF8.GetBytes(
                $$$"""{"type":"response.output_text.delta","sequence_number":{{{i * 37}}},"item_id":"msg_1","output_index":0,"content_index":0,"delta":"{{{c}}}","obfuscation":"{{{new string('z', i)}}}"}"""));
        }

        AssertSame(fast, """{"type":"response.output_text.delta","sequence_number":1,"item_id":"msg_1","output_index":2,"content_index":0,"delta":"a"}"""u8.ToArray());
        AssertSame(fast, """{"type":"response.output_text.delta","sequence_number":1.5,"item_id":"msg_1","output_index":2,"content_index":7,"delta":"a"}"""u8.ToArray());
        AssertSame(fast, """{"type":"response.output_text.delta","sequence_number":-01,"item_id":"msg_1","output_index":2,"content_index":7,"delta":"a"}"""u8.ToArray());
        AssertSame(fast, """{"choices":[{"index":0,"delta":{"content":"a"}}],"n":1}"""u8.ToArray());
        AssertSame(fast, """{"choices":[{"index":1,"delta":{"content":"b"}}],"n":2}"""u8.ToArray());
    }

    [Fact]
    public void RandomMutations_FastPathsAgreeWithReader()
    {
        string[] templates =
        [
            """{"id":"chatcmpl-1","object":"chat.completion.chunk","created":1,"choices":[{"index":0,"delta":{"content":"hello world"},"finish_reason":null}]}""",
            """{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"a \"quoted\" line\n"}}""",
            """{"type":"response.output_text.delta","sequence_number":7,"item_id":"msg_1","output_index":0,"content_index":0,"delta":"tok","logprobs":[]}""",
        ];
        Gen.Int.Sample(
            seed =>
            {
                var rng = new Random(seed);
                using var fast = new SseJsonScanner();
                var data = Encoding.UTF8.GetBytes(templates[rng.Next(templates.Length)]);
                for (var step = 0; step < 20; step++)
                {
                    AssertSame(fast, data);
                    data = Mutate(rng, data);
                }
            },
            iter: 300);
    }

    [Fact]
    public void SeveralValuesEdited_ReuseAgreesWithReader()
    {
        // Consecutive events with one to three values changed, numbers growing and shrinking by a digit (a number
        // ending where the unchanged prefix ends must still be walked), strings changing before, between and after.
        Gen.Int.Sample(
            seed =>
            {
                var rng = new Random(seed);
                using var fast = new SseJsonScanner();
                string[] words = ["", "a", "tok", "x\\y", "\n", "\u00e9", "é", "\"", "1", "12"];
                string Word() => words[rng.Next(words.Length)];
                long Number() => rng.Next(4) switch { 0 => rng.Next(10), 1 => rng.Next(10, 100), 2 => rng.Next(100, 1000), _ => -rng.Next(1, 50) };
                var (seq, item, obfuscation, delta, index) = (Number(), Word(), Word(), Word(), rng.Next(3));
                for (var step = 0; step < 30; step++)
                {
                    AssertSame(fast, Encoding.UTF8.GetBytes(rng.Next(3) switch
                    {
                        0 => $$$"""{"type":"response.output_text.delta","sequence_number":{{{seq}}},"item_id":"m{{{item}}}","output_index":{{{index}}},"content_index":0,"delta":"{{{delta}}}","obfuscation":"{{{obfuscation}}}"}""",
                        1 => $$$"""{"type":"response.output_text.delta","sequence_number":{{{seq}}},"item_id":"m{{{item}}}","output_index":{{{index}}},"content_index":0,"delta":"{{{delta}}}","logprobs":[]}""",
                        _ => $$$"""{"id":"{{{item}}}","created":{{{seq}}},"choices":[{"index":{{{index}}},"delta":{"content":"{{{delta}}}"},"n":{{{seq}}}}],"o":"{{{obfuscation}}}"}""",
                    }));
                    switch (rng.Next(6))
                    {
                        case 0: seq = seq * 10 + rng.Next(10); break;
                        case 1: seq /= 10; break;
                        case 2: delta = Word(); seq++; break;
                        case 3: obfuscation = Word(); delta = Word(); break;
                        case 4: item = Word(); seq = Number(); obfuscation = Word(); break;
                        default: index = rng.Next(3); delta = Word(); break;
                    }
                }
            },
            iter: 300);
    }

    [Fact]
    public void LongRunsOfEvents_ReuseAgreesWithReader()
    {
        // Hundreds of consecutive events: changed texts pile up in the scanner's decoded arena until it compacts
        // (sometimes while growing, for a long delta), and every token must still read its own text afterwards.
        Gen.Int.Sample(
            seed =>
            {
                var rng = new Random(seed);
                using var fast = new SseJsonScanner();
                string[] words = ["a", "tok", "x\\y", "\n", "\u00e9", "é", "\"", "12"];
                string Delta() => rng.Next(40) == 0 ? new string('w', rng.Next(200, 2000)) : words[rng.Next(words.Length)] + rng.Next(1000);
                var chat = rng.Next(2) == 0;
                for (var step = 0; step < 400; step++)
                {
                    if (rng.Next(100) == 0)
                    {
                        chat = !chat;
                    }

                    AssertSame(fast, Encoding.UTF8.GetBytes(chat
                        ? $$$"""{"id":"c-1","choices":[{"index":0,"delta":{"content":"{{{Delta()}}}"},"finish_reason":null}],"model":"m"}"""
                        : $$$"""{"type":"response.output_text.delta","sequence_number":{{{step}}},"item_id":"msg_{{{seed & 7}}}","output_index":0,"content_index":0,"delta":"{{{Delta()}}}","logprobs":[]}"""));
                }
            },
            iter: 40);
    }

    private static byte[] Mutate(Random rng, byte[] data)
    {
        // Mostly edits inside one region, as consecutive events differ; sometimes anywhere.
        var alphabet = "abc \"\\/nu0{}[],:-.e\u00e9\t"u8.ToArray();
        var list = data.ToList();
        var at = rng.Next(list.Count + 1);
        switch (rng.Next(4))
        {
            case 0:
                list.Insert(at, alphabet[rng.Next(alphabet.Length)]);
                break;
            case 1 when at < list.Count:
                list.RemoveAt(at);
                break;
            case 2 when at < list.Count:
                list[at] = alphabet[rng.Next(alphabet.Length)];
                break;
            default:
                list.InsertRange(at, "\\n"u8.ToArray());
                break;
        }

        return [.. list];
    }

    /// <summary>Scans with <paramref name="fast"/> (keeping its state across calls) and with a fresh reader-only scanner.</summary>
    private static void AssertSame(SseJsonScanner fast, byte[] data)
    {
        using var reference = new SseJsonScanner(fastPaths: false);
        var expected = reference.Scan(data);
        var actual = fast.Scan(data);
        Assert.Equal(expected, actual);
        if (!expected)
        {
            return;
        }

        Assert.Equal(reference.Tokens.Count, fast.Tokens.Count);
        for (var i = 0; i < reference.Tokens.Count; i++)
        {
            var r = reference.Tokens[i];
            var f = fast.Tokens[i];
            Assert.Equal((r.TokenStart, r.TokenLength, r.Role, r.Choice, r.Tool, r.Field), (f.TokenStart, f.TokenLength, f.Role, f.Choice, f.Tool, f.Field));
            Assert.True(reference.Decoded(r).SequenceEqual(fast.Decoded(f)));
            if (r.Choice >= 0)
            {
                Assert.Equal(reference.ChoiceIndex(r.Choice), fast.ChoiceIndex(f.Choice));
                Assert.Equal(reference.ToolIndex(r.Choice, r.Tool), fast.ToolIndex(f.Choice, f.Tool));
            }
        }

        // Number positions are what the next reuse walk compares against: a stale one could let a keyed number change.
        Assert.Equal(reference.Numbers, fast.Numbers);
        Assert.Equal(
            (reference.TypeToken, reference.ItemIdToken, reference.HasChoices, reference.RootIndex, reference.OutputIndex, reference.ContentIndex, reference.SummaryIndex),
            (fast.TypeToken, fast.ItemIdToken, fast.HasChoices, fast.RootIndex, fast.OutputIndex, fast.ContentIndex, fast.SummaryIndex));
    }
}
