using System.Text;
using System.Text.Json;
using Hush.ExtProc.Codecs.Json;
using Hush.ExtProc.Tests.Support;
using Hush.Policy.Rules;
using static Hush.ExtProc.Tests.Codecs.Json.JsonRun;

namespace Hush.ExtProc.Tests.Codecs.Json;

/// <summary>String values are decoded, masked and re-encoded; everything else passes byte for byte.</summary>
public sealed class JsonBodyCodecTests
{
    private const string Key = TestPolicies.AwsKey;
    private const string Masked = TestPolicies.AwsMasked;

    [Fact]
    public void ChatCompletionAnswer_SecretMasked_StructurePreserved()
    {
        var json = $$"""
            {
              "id": "chatcmpl-9x", "object": "chat.completion", "created": 1732790000, "model": "gpt-4o-mini",
              "choices": [ { "index": 0, "message": { "role": "assistant",
                  "content": "Use the key {{Key}} with care.\n\u00c9t\u00e9 \ud83d\ude00", "refusal": null },
                "logprobs": null, "finish_reason": "stop" } ],
              "usage": { "prompt_tokens": 12, "completion_tokens": 9, "total_tokens": 21, "ratio": -1.5e-3 },
              "system_fingerprint": "fp_0ba0d124f1"
            }
            """;
        var output = AssertChunkIndependent(Golden.Response, json);

        Assert.DoesNotContain(Key, output, StringComparison.Ordinal);
        using var input = JsonDocument.Parse(json);
        using var masked = JsonDocument.Parse(output);
        var content = masked.RootElement.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString();
        Assert.Equal($"Use the key {Masked} with care.\nÉté 😀", content);
        AssertSameExceptStrings(input.RootElement, masked.RootElement);
        Assert.Equal(
            json.Replace(Key, Masked, StringComparison.Ordinal),
            output);
    }

    [Fact]
    public void RequestPrompt_SecretMaskedBeforeProvider()
    {
        var json = $$"""{"model":"gpt-4o","messages":[{"role":"user","content":"my key {{Key}}"}]}""";

        var output = AssertChunkIndependent(Golden.Request, json);

        Assert.Equal($$"""{"model":"gpt-4o","messages":[{"role":"user","content":"my key {{Masked}}"}]}""", output);
    }

    [Fact]
    public void RequestPrompt_PartsToolResultsAndArguments_AllMasked()
    {
        var json = $$$"""
            {"instructions":"be brief {{{Key}}}","system":[{"type":"text","text":"sys {{{Key}}}"}],
             "input":[{"role":"user","content":[{"type":"input_text","text":"part {{{Key}}}"}]},
              {"type":"function_call_output","call_id":"c1","output":"{\"result\":\"{{{Key}}}\"}"},
              {"role":"assistant","tool_calls":[{"id":"t1","type":"function","function":{"name":"f","arguments":"{\"k\":\"{{{Key}}}\"}"}}]}]}
            """;

        var output = Encoding.UTF8.GetString(Whole(Golden.Request, Utf8(json)));

        Assert.DoesNotContain(Key, output, StringComparison.Ordinal);
        Assert.Equal(json.Replace(Key, Masked, StringComparison.Ordinal), output);
    }

    [Fact]
    public void UnicodeEscapedSecret_MatchedAfterDecoding_ReEncoded()
    {
        var json = """{"content":"key \u0041KIAQYLPMN5HFIQR7X\u0059A here"}""";

        var output = AssertChunkIndependent(Golden.Response, json);

        Assert.Equal($$"""{"content":"key {{Masked}} here"}""", output);
    }

    [Fact]
    public void PasswordWithEscapedQuotesAndSlash_MatchedAfterDecoding()
    {
        var json = """{"content":"config: password = \"Xk9\/mQ2vL8pR4z\" done"}""";

        var output = AssertChunkIndependent(Golden.Response, json);

        Assert.Equal("""{"content":"config: password = \"[MASKED:password-assignment]\" done"}""", output);
    }

    [Fact]
    public void PemKeyWithEscapedNewlines_MatchedAsOneDecodedText()
    {
        var policy = TestPolicies.FromBytes(TestPolicies.Compile("""
            version: 1
            name: pem
            policy_version: "1"
            rules:
              - id: private-key
                pattern: '-----BEGIN RSA PRIVATE KEY-----\n[A-Za-z0-9+/=\n]{20,400}\n-----END RSA PRIVATE KEY-----'
            """));
        var body = "MIIEowIBAAKCAQEAx3v9\\nQ2hX8mR4zL0pT7wK1sN6\\nY5bJ3cF9gH2dE8aU4iO0";
        var json = "{\"choices\":[{\"message\":{\"content\":\"here:\\n-----BEGIN RSA PRIVATE KEY-----\\n" + body
            + "\\n-----END RSA PRIVATE KEY-----\\nbye\"}}]}";

        var output = AssertChunkIndependent(policy.Response, json);

        Assert.Equal("{\"choices\":[{\"message\":{\"content\":\"here:\\n[MASKED:private-key]\\nbye\"}}]}", output);
        Assert.DoesNotContain("MIIE", output, StringComparison.Ordinal);
    }

    [Fact]
    public void NonAsciiAndSurrogatesAroundSecret_KeptAsSpelled()
    {
        var json = $$"""["😀 \ud83d\ude00 é\u00e9 {{Key}} ü\u00FC\ud800x", "ünchanged \u00e9"]""";

        var output = AssertChunkIndependent(Golden.Response, json);

        Assert.Equal(json.Replace(Key, Masked, StringComparison.Ordinal), output);
    }

    [Fact]
    public void SecretCutByEscapedUnits_WholeUnitsReEncoded()
    {
        // The secret starts in \u0041 and ends in \u0041: those units are replaced, the rest keeps its spelling.
        var json = """{"a":"\u00e9 \u0041KIAQYLPMN5HFIQR7XY\u0041 \u00e9\n"}""";

        var output = AssertChunkIndependent(Golden.Response, json);

        Assert.Equal($$"""{"a":"\u00e9 {{Masked}} \u00e9\n"}""", output);
    }

    [Fact]
    public void ReplacementCuttingACharacter_StillValidJson()
    {
        // {keep:1} keeps the first byte of "é": the cut sequence is written as U+FFFD, never as invalid UTF-8.
        var policy = TestPolicies.FromBytes(TestPolicies.Compile("""
            version: 1
            name: cut
            policy_version: "1"
            rules:
              - id: cut
                pattern: 'éSECRET[0-9]{4}'
                replacement: "{keep:1}[X]"
            """));

        var raw = AssertChunkIndependent(policy.Response, """{"a":"x éSECRET1234 y"}""");
        var escaped = AssertChunkIndependent(policy.Response, """{"a":"x \u00e9SECRET1234 y"}""");

        Assert.Equal("""{"a":"x \ufffd[X] y"}""", raw);
        Assert.Equal(raw, escaped);
        using var document = JsonDocument.Parse(raw);
        Assert.Equal("x \ufffd[X] y", document.RootElement.GetProperty("a").GetString());
    }

    [Fact]
    public void ObjectKeys_NotMasked()
    {
        var json = $$$"""{"{{{Key}}}": 1, "nested": {"{{{Key}}}": "value {{{Key}}}"}}""";

        var output = AssertChunkIndependent(Golden.Response, json);

        Assert.Equal($$$"""{"{{{Key}}}": 1, "nested": {"{{{Key}}}": "value {{{Masked}}}"}}""", output);
    }

    [Fact]
    public void DifferentStrings_NeverJoined()
    {
        // Each half alone is no key; joined they would be.
        var json = """["key AKIAQYLPMN", "5HFIQR7XYA here"]""";

        Assert.Equal(json, AssertChunkIndependent(Golden.Response, json));
    }

    [Fact]
    public void SecretFreeDocument_ByteIdentical_IncludingOddEscapes()
    {
        var json = "{ \"a\" :\"caf\\u00e9 \\u00E9 \\/ \\\" \\\\ \\b\\f\\n\\r\\t \\ud83d\\ude00 \\ud800 lone \\udc00 \\ud800\\n \\u0000\",\r\n"
            + "\t\"n\": [-0, 0.5, -1.5e+10, 2E-3, 10, 123456789012345678901234567890], \"t\": true, \"f\": false, \"z\": null,"
            + " \"e\": [ ], \"o\" : { }, \"s\": \"\", \"u\": \"日本語 😀 ü\" }  \n";

        Assert.Equal(json, AssertChunkIndependent(Golden.Response, json));
    }

    [Fact]
    public void TopLevelScalarsAndSequences_Accepted()
    {
        Assert.Equal("123", AssertChunkIndependent(Golden.Response, "123"));
        Assert.Equal($"\"{Masked}\"", AssertChunkIndependent(Golden.Response, $"\"{Key}\""));
        Assert.Equal($"{{\"a\":1}}\n{{\"b\":\"{Masked}\"}}\n", AssertChunkIndependent(Golden.Response, $"{{\"a\":1}}\n{{\"b\":\"{Key}\"}}\n"));
    }

    [Fact]
    public void EmptyBody_NoOutputNoFallback()
    {
        var output = Whole(Golden.Response, [], out var codec);

        Assert.Empty(output);
        Assert.False(codec.FellBack);
        Assert.Equal(JsonFallbackReason.None, codec.FallbackReason);
    }

    [Fact]
    public void Matches_ReportedToSink()
    {
        var sink = new RecordingSink();
        var json = $$"""{"a":"{{Key}} and {{Key}}","b":"run terraform destroy now"}""";

        var output = Encoding.UTF8.GetString(Whole(Golden.Response, Utf8(json), out _, sink));

        Assert.Equal(2, sink.Matches.Count(m => m.Action == RuleAction.Mask));
        Assert.Single(sink.Matches, m => m.Action == RuleAction.Hold);
        Assert.Contains("run terraform destroy now", output, StringComparison.Ordinal);
    }

    [Fact]
    public void LongStreamedString_ReleasedProgressively_HoldBounded()
    {
        var codec = new JsonBodyCodec(Golden.Response, new RecordingSink());
        var output = new System.Buffers.ArrayBufferWriter<byte>();
        codec.Process(Utf8("{\"content\":\"start "), final: false, output);
        var text = Utf8(string.Concat(Enumerable.Repeat("plain words \\u00e9 and \\n more ", 20)));
        for (var i = 0; i < 50; i++)
        {
            codec.Process(text, final: false, output);
            Assert.InRange(codec.HeldBytes, 0, Golden.Response.HoldBackBound * 6);
        }

        Assert.True(output.WrittenCount > 50 * text.Length - Golden.Response.HoldBackBound * 6);
        codec.Process(Utf8($"{Key}\"}}"), final: true, output);
        var result = Encoding.UTF8.GetString(output.WrittenSpan);
        Assert.EndsWith($"{Masked}\"}}", result, StringComparison.Ordinal);
        Assert.Equal(0, codec.HeldBytes);
    }

    [Fact]
    public void SecretHeldAcrossChunks_NotReleasedEarly()
    {
        var codec = new JsonBodyCodec(Golden.Response, new RecordingSink());
        var output = new System.Buffers.ArrayBufferWriter<byte>();
        codec.Process(Utf8("{\"content\":\"key AKIAQYLP"), final: false, output);

        Assert.DoesNotContain("AKIA", Encoding.UTF8.GetString(output.WrittenSpan), StringComparison.Ordinal);
        Assert.True(codec.HeldBytes >= "AKIAQYLP".Length);
        codec.Process(Utf8("MN5HFIQR7XYA\"}"), final: true, output);
        Assert.Equal($"{{\"content\":\"key {Masked}\"}}", Encoding.UTF8.GetString(output.WrittenSpan));
    }

    [Fact]
    public void EscapeCutByChunk_HeldUntilComplete_ThenWrittenAsSpelled()
    {
        var codec = new JsonBodyCodec(Golden.Response, new RecordingSink());
        var output = new System.Buffers.ArrayBufferWriter<byte>();

        codec.Process(Utf8("{\"a\":\"x \\u00"), final: false, output);
        var early = Encoding.UTF8.GetString(output.WrittenSpan);
        var held = codec.HeldBytes;
        codec.Process(Utf8("e9 y\"}"), final: true, output);

        Assert.DoesNotContain("\\u00", early, StringComparison.Ordinal);
        Assert.True(held >= "\\u00".Length);
        Assert.Equal("{\"a\":\"x \\u00e9 y\"}", Encoding.UTF8.GetString(output.WrittenSpan));
    }

    /// <summary>Everything but string values is equal; string values are equal once masked the same way.</summary>
    private static void AssertSameExceptStrings(JsonElement expected, JsonElement actual)
    {
        Assert.Equal(expected.ValueKind, actual.ValueKind);
        switch (expected.ValueKind)
        {
            case JsonValueKind.Object:
                var names = expected.EnumerateObject().Select(p => p.Name).ToList();
                Assert.Equal(names, actual.EnumerateObject().Select(p => p.Name).ToList());
                foreach (var name in names)
                {
                    AssertSameExceptStrings(expected.GetProperty(name), actual.GetProperty(name));
                }

                break;
            case JsonValueKind.Array:
                Assert.Equal(expected.GetArrayLength(), actual.GetArrayLength());
                for (var i = 0; i < expected.GetArrayLength(); i++)
                {
                    AssertSameExceptStrings(expected[i], actual[i]);
                }

                break;
            case JsonValueKind.String:
                Assert.Equal(expected.GetString()!.Replace(Key, Masked, StringComparison.Ordinal), actual.GetString());
                break;
            default:
                Assert.Equal(expected.GetRawText(), actual.GetRawText());
                break;
        }
    }
}
