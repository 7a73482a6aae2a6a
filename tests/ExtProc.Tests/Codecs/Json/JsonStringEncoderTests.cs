using System.Buffers;
using System.Text;
using System.Text.Json;
using CsCheck;
using Hush.ExtProc.Codecs.Json;

namespace Hush.ExtProc.Tests.Codecs.Json;

/// <summary>The encoder writes any bytes as valid JSON string content and leaves valid escape-free text unchanged.</summary>
public sealed class JsonStringEncoderTests
{
    [Theory]
    [InlineData("plain ascii", "plain ascii")]
    [InlineData("quote \" backslash \\ slash /", "quote \\\" backslash \\\\ slash /")]
    [InlineData("\b\f\n\r\t\u0001\u001f\u007f", "\\b\\f\\n\\r\\t\\u0001\\u001f\u007f")]
    [InlineData("é 日本 😀 \u2028", "é 日本 😀 \u2028")]
    public void ValidText_EncodedAsJson(string text, string expected)
    {
        Assert.Equal(expected, Encode(Encoding.UTF8.GetBytes(text)));
    }

    [Fact]
    public void InvalidUtf8_BecomesReplacementCharacter()
    {
        Assert.Equal("a\\ufffd(b", Encode([(byte)'a', 0xC3, (byte)'(', (byte)'b']));
        Assert.Equal("\\ufffd\\ufffd", Encode([0xC0, 0xAF]));
        Assert.Equal("x\\ufffd", Encode([(byte)'x', 0xE6, 0x97]));
    }

    [Fact]
    public void Wtf8Surrogate_BecomesUnicodeEscape()
    {
        Assert.Equal("\\ud800\\udfff", Encode([0xED, 0xA0, 0x80, 0xED, 0xBF, 0xBF]));
    }

    [Fact]
    public void AnyBytesAnySplit_SameOutput_ValidJsonString()
    {
        Gen.Select(Gen.Byte.Array[0, 40], Gen.Int[1, 8]).Sample((bytes, size) =>
        {
            var whole = Encode(bytes);
            var encoder = new JsonStringEncoder();
            var output = new ArrayBufferWriter<byte>();
            for (var i = 0; i < bytes.Length; i += size)
            {
                encoder.Write(bytes.AsSpan(i, Math.Min(size, bytes.Length - i)), output);
            }

            encoder.Flush(output);
            Assert.Equal(whole, Encoding.UTF8.GetString(output.WrittenSpan));
            using var document = JsonDocument.Parse("\"" + whole + "\"");
            Assert.Equal(JsonValueKind.String, document.RootElement.ValueKind);
        }, iter: 2000);
    }

    private static string Encode(byte[] bytes)
    {
        var encoder = new JsonStringEncoder();
        var output = new ArrayBufferWriter<byte>();
        encoder.Write(bytes, output);
        encoder.Flush(output);
        var result = output.WrittenSpan.ToArray();
        Assert.True(System.Text.Unicode.Utf8.IsValid(result));
        return Encoding.UTF8.GetString(result);
    }
}
