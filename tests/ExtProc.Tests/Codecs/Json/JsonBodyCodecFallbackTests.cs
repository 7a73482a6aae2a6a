using System.Text;
using Hush.ExtProc.Codecs.Json;
using Hush.ExtProc.Tests.Support;
using static Hush.ExtProc.Tests.Codecs.Json.JsonRun;

namespace Hush.ExtProc.Tests.Codecs.Json;

/// <summary>Invalid JSON falls back to raw-byte scanning; no secret passes either way.</summary>
public sealed class JsonBodyCodecFallbackTests
{
    private const string Key = TestPolicies.AwsKey;
    private const string Masked = TestPolicies.AwsMasked;

    public static TheoryData<string, string> InvalidBodies => new()
    {
        { $$"""{"a": "key {{Key}} here", oops {{Key}} }""", nameof(JsonFallbackReason.UnexpectedByte) },
        { $$"""{"a": "key {{Key}} here"} ] {{Key}}""", nameof(JsonFallbackReason.UnexpectedByte) },
        { $$"""{"a": tru {{Key}}}""", nameof(JsonFallbackReason.UnexpectedByte) },
        { $$"""{"a": -{{Key}}}""", nameof(JsonFallbackReason.UnexpectedByte) },
        { $$"""{"a": 12{{Key}}}""", nameof(JsonFallbackReason.UnexpectedByte) },
        { $$"""{"a" "{{Key}}"}""", nameof(JsonFallbackReason.UnexpectedByte) },
        { "{\"a\": \"key " + Key + " \u0001 " + Key + "\"}", nameof(JsonFallbackReason.UnexpectedByte) },
        { $$"""{"a": "key {{Key}} \x {{Key}}"}""", nameof(JsonFallbackReason.InvalidEscape) },
        { $$"""{"a": "key \u0041KIAQYLPMN5HFIQR7XYA \u00zz"}""", nameof(JsonFallbackReason.InvalidEscape) },
        { $$"""{"a": "key {{Key}}""", nameof(JsonFallbackReason.Truncated) },
        { $$"""{"a": "\u0041KIAQYLPMN5HFIQR7XYA""", nameof(JsonFallbackReason.Truncated) },
        { $$"""{"a": "{{Key}}", "b": [1, 2""", nameof(JsonFallbackReason.Truncated) },
        { $$"""{"a": "{{Key}}", "b": tr""", nameof(JsonFallbackReason.Truncated) },
        { $$"""{"a": "{{Key}} \u00""", nameof(JsonFallbackReason.Truncated) },
        { $$"""{"{{Key}}": "x", """, nameof(JsonFallbackReason.Truncated) },
        { $$"""{"a": 1, "key {{Key}} """, nameof(JsonFallbackReason.Truncated) },
        { $$"""{"a": 1, "key {{Key}} \u00zz": 2}""", nameof(JsonFallbackReason.InvalidEscape) },
    };

    [Theory]
    [MemberData(nameof(InvalidBodies))]
    public void InvalidJson_FallsBack_SecretStillMasked(string json, string expectedReason)
    {
        var reason = Enum.Parse<JsonFallbackReason>(expectedReason);
        var body = Encoding.UTF8.GetBytes(json);
        var whole = Whole(Golden.Response, body, out var codec);

        Assert.True(codec.FellBack);
        Assert.Equal(reason, codec.FallbackReason);
        var text = Encoding.UTF8.GetString(whole);
        if (!json.StartsWith($$"""{"{{Key}}""", StringComparison.Ordinal))
        {
            Assert.DoesNotContain(Key, text, StringComparison.Ordinal);
            Assert.DoesNotContain("QYLPMN5HFIQR7XYA", text, StringComparison.Ordinal);
        }

        for (var cut = 1; cut < body.Length; cut++)
        {
            var split = Chunked(Golden.Response, body, [cut, body.Length], out var splitCodec);
            Assert.Equal(text, Encoding.UTF8.GetString(split));
            Assert.Equal(reason, splitCodec.FallbackReason);
        }
    }

    [Fact]
    public void InvalidByteAfterValidPrefix_PrefixMaskedAsJson_RestRaw()
    {
        var json = $$"""{"a": "key {{Key}} here", oops {{Key}} }""";

        var output = Encoding.UTF8.GetString(Whole(Golden.Response, Utf8(json)));

        Assert.Equal($$"""{"a": "key {{Masked}} here", oops {{Masked}} }""", output);
    }

    [Fact]
    public void InvalidUtf8InString_FallsBack_SecretMasked()
    {
        var body = Encoding.UTF8.GetBytes($"{{\"a\": \"{Key} x");
        body = [.. body, 0xC3, 0x28, .. Encoding.UTF8.GetBytes($" {Key}\"}}")];

        var output = Whole(Golden.Response, body, out var codec);

        Assert.Equal(JsonFallbackReason.InvalidUtf8, codec.FallbackReason);
        var text = Encoding.Latin1.GetString(output);
        Assert.DoesNotContain(Key, text, StringComparison.Ordinal);
        Assert.StartsWith($"{{\"a\": \"{Masked} x", text, StringComparison.Ordinal);
    }

    [Fact]
    public void SurrogateEncodedAsUtf8_IsInvalidUtf8()
    {
        byte[] body = [.. "[\""u8, 0xED, 0xA0, 0x80, .. "\"]"u8];

        Whole(Golden.Response, body, out var codec);

        Assert.Equal(JsonFallbackReason.InvalidUtf8, codec.FallbackReason);
    }

    [Fact]
    public void NestingPastLimit_FallsBack_SecretStillMasked()
    {
        var json = new string('[', 200) + "\"" + Key + "\"" + new string(']', 200);

        var output = Encoding.UTF8.GetString(Whole(Golden.Response, Utf8(json), out var codec));

        Assert.Equal(JsonFallbackReason.TooDeep, codec.FallbackReason);
        Assert.Equal(json.Replace(Key, Masked, StringComparison.Ordinal), output);
    }

    [Fact]
    public void NestingAtLimit_Tokenized()
    {
        var options = new JsonCodecOptions { MaxDepth = 4 };
        var ok = Whole(Golden.Response, Utf8($"[[[[\"{Key}\"]]]]"), out var atLimit, options: options);
        Whole(Golden.Response, Utf8($"[[[[[\"{Key}\"]]]]]"), out var past, options: options);

        Assert.False(atLimit.FellBack);
        Assert.Equal($"[[[[\"{Masked}\"]]]]", Encoding.UTF8.GetString(ok));
        Assert.Equal(JsonFallbackReason.TooDeep, past.FallbackReason);
    }

    [Fact]
    public void ValidDocument_NeverFallsBack()
    {
        Whole(Golden.Response, Utf8("""{"a":[1,{"b":null}],"c":"d"}"""), out var codec);

        Assert.False(codec.FellBack);
        Assert.Equal(JsonFallbackReason.None, codec.FallbackReason);
    }
}
