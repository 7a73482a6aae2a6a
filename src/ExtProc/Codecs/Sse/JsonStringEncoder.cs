using System.Buffers;
using System.Text;

namespace Hush.ExtProc.Codecs.Sse;

/// <summary>Writes masked UTF-8 text as a JSON string literal for a rewritten event.</summary>
/// <remarks>
/// Written by hand rather than with Utf8JsonWriter because masked text may be invalid UTF-8 (a replacement can
/// cut a multi-byte character when a rule's byte pattern does), which the writer rejects: each invalid sequence
/// becomes <c>\ufffd</c>. Control characters, quote and backslash are escaped; everything else is copied, so the
/// line stays a single SSE line.
/// </remarks>
internal static class JsonStringEncoder
{
    private static readonly byte[] s_hex = "0123456789abcdef"u8.ToArray();

    /// <summary>Writes <paramref name="text"/> quoted and escaped.</summary>
    public static void Write(ReadOnlySpan<byte> text, IBufferWriter<byte> output)
    {
        output.Write("\""u8);
        var i = 0;
        while (i < text.Length)
        {
            var b = text[i];
            if (b >= 0x20 && b < 0x80 && b != '"' && b != '\\')
            {
                var run = i + 1;
                while (run < text.Length && text[run] >= 0x20 && text[run] < 0x80 && text[run] != '"' && text[run] != '\\')
                {
                    run++;
                }

                output.Write(text[i..run]);
                i = run;
                continue;
            }

            if (b >= 0x80)
            {
                var status = Rune.DecodeFromUtf8(text[i..], out _, out var consumed);
                output.Write(status == OperationStatus.Done ? text.Slice(i, consumed) : "\\ufffd"u8);
                i += Math.Max(consumed, 1);
                continue;
            }

            WriteEscape(b, output);
            i++;
        }

        output.Write("\""u8);
    }

    private static void WriteEscape(byte b, IBufferWriter<byte> output)
    {
        switch (b)
        {
            case (byte)'"':
                output.Write("\\\""u8);
                return;
            case (byte)'\\':
                output.Write("\\\\"u8);
                return;
            case (byte)'\n':
                output.Write("\\n"u8);
                return;
            case (byte)'\r':
                output.Write("\\r"u8);
                return;
            case (byte)'\t':
                output.Write("\\t"u8);
                return;
            default:
                Span<byte> u = [(byte)'\\', (byte)'u', (byte)'0', (byte)'0', s_hex[b >> 4], s_hex[b & 0xF]];
                output.Write(u);
                return;
        }
    }
}
