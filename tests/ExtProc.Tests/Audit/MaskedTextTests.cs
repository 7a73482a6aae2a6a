using System.Buffers;
using System.Text;
using CsCheck;
using Hush.ExtProc.Audit;
using Xunit;

namespace Hush.ExtProc.Tests.Audit;

/// <summary>
/// <see cref="MaskedText"/>: bytes from a capture decode as <see cref="Encoding.UTF8"/> would, the cap never splits a
/// character, and the canonical form written from the bytes equals the one written from the decoded string.
/// </summary>
public sealed class MaskedTextTests
{
    // Mostly text with multi-byte characters, sometimes arbitrary bytes (a binary body, a capture cut mid-character).
    private static readonly Gen<byte[]> s_bytes = Gen.OneOf(
        Gen.String[Gen.Char["ab\"\\\n\u0001é✓"], 0, 60].Select(Encoding.UTF8.GetBytes),
        Gen.String[Gen.Char[(char)0, (char)0x3000], 0, 60].Select(s => Encoding.UTF8.GetBytes(s + "😀")),
        Gen.Byte.Array[0, 60]);

    [Fact]
    public void FromUtf8_AnyBytes_DecodesLikeEncodingUtf8()
    {
        s_bytes.Sample(bytes =>
        {
            var text = MaskedText.FromUtf8(bytes);
            var expected = Encoding.UTF8.GetString(bytes);
            Assert.Equal(expected, text.ToString());
            Assert.True(System.Text.Unicode.Utf8.IsValid(text.Utf8));
            Assert.Equal(Encoding.UTF8.GetBytes(expected), text.Utf8.ToArray());
            Assert.Equal(MaskedText.FromString(expected), text);
            Assert.Equal(MaskedText.FromString(expected).GetHashCode(), text.GetHashCode());
        }, iter: 1000);
    }

    [Fact]
    public void Adopt_AnyBytes_SameTextAsFromUtf8AndKeepsValidArrays()
    {
        s_bytes.Sample(bytes =>
        {
            var valid = System.Text.Unicode.Utf8.IsValid(bytes);
            var expected = MaskedText.FromUtf8(bytes);
            var adopted = MaskedText.Adopt(bytes);
            Assert.Equal(expected, adopted);
            Assert.Equal(valid, ReferenceEquals(bytes, adopted.Utf8Array));
        }, iter: 1000);
    }

    [Fact]
    public void FromUtf8_CopiesItsInput()
    {
        var bytes = "secret-free text"u8.ToArray();
        var text = MaskedText.FromUtf8(bytes);
        bytes[0] = (byte)'X';
        Assert.Equal("secret-free text", text.ToString());
    }

    [Fact]
    public void Cap_AnyText_KeepsTheLongestWholeCharacterPrefix()
    {
        Gen.Select(s_bytes, Gen.Int[0, 70]).Sample((bytes, max) =>
        {
            var text = MaskedText.FromUtf8(bytes);
            var (capped, cut) = text.Cap(max);
            Assert.Equal(text.Length > max, cut);
            Assert.True(capped.Length <= max || !cut);
            Assert.True(text.Utf8.StartsWith(capped.Utf8));
            Assert.True(System.Text.Unicode.Utf8.IsValid(capped.Utf8));

            // The reference: whole code points from the start while they fit.
            var decoded = text.ToString();
            var kept = 0;
            var bytesKept = 0;
            foreach (var rune in decoded.EnumerateRunes())
            {
                if (bytesKept + rune.Utf8SequenceLength > max)
                {
                    break;
                }

                bytesKept += rune.Utf8SequenceLength;
                kept += rune.Utf16SequenceLength;
            }

            Assert.Equal(cut ? decoded[..kept] : decoded, capped.ToString());
        }, iter: 1000);
    }

    [Fact]
    public void CanonicalString_FromBytes_EqualsFromDecodedString()
    {
        s_bytes.Sample(bytes =>
        {
            var text = MaskedText.FromUtf8(bytes);
            var fromBytes = new ArrayBufferWriter<byte>();
            CanonicalJson.WriteString(fromBytes, text.Utf8);
            var fromString = new ArrayBufferWriter<byte>();
            CanonicalJson.WriteString(fromString, Encoding.UTF8.GetString(bytes));
            Assert.Equal(fromString.WrittenSpan.ToArray(), fromBytes.WrittenSpan.ToArray());
        }, iter: 1000);
    }
}
