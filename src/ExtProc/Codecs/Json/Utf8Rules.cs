namespace Hush.ExtProc.Codecs.Json;

/// <summary>Well-formed UTF-8 (RFC 3629 table 3-7): the length of a sequence and the range of its second byte.</summary>
internal static class Utf8Rules
{
    /// <summary>
    /// Classifies the lead byte <paramref name="lead"/> (≥ 0x80): returns the sequence length (2–4), or 0 when no
    /// sequence starts with it, and the allowed range of the second byte (later bytes are 0x80–0xBF).
    /// <paramref name="allowSurrogates"/> admits ED A0–BF, the generalized (WTF-8) encoding of a lone surrogate.
    /// </summary>
    public static int Classify(byte lead, bool allowSurrogates, out byte lower, out byte upper)
    {
        lower = 0x80;
        upper = 0xBF;
        switch (lead)
        {
            case >= 0xC2 and <= 0xDF:
                return 2;
            case 0xE0:
                lower = 0xA0;
                return 3;
            case 0xED:
                if (!allowSurrogates)
                {
                    upper = 0x9F;
                }

                return 3;
            case >= 0xE1 and <= 0xEF:
                return 3;
            case 0xF0:
                lower = 0x90;
                return 4;
            case >= 0xF1 and <= 0xF3:
                return 4;
            case 0xF4:
                upper = 0x8F;
                return 4;
            default:
                return 0;
        }
    }

    /// <summary>Writes <paramref name="scalar"/> (a surrogate code point too, as WTF-8) to <paramref name="destination"/>; returns the length.</summary>
    public static int Encode(int scalar, Span<byte> destination)
    {
        if (scalar < 0x80)
        {
            destination[0] = (byte)scalar;
            return 1;
        }

        if (scalar < 0x800)
        {
            destination[0] = (byte)(0xC0 | (scalar >> 6));
            destination[1] = (byte)(0x80 | (scalar & 0x3F));
            return 2;
        }

        if (scalar < 0x10000)
        {
            destination[0] = (byte)(0xE0 | (scalar >> 12));
            destination[1] = (byte)(0x80 | ((scalar >> 6) & 0x3F));
            destination[2] = (byte)(0x80 | (scalar & 0x3F));
            return 3;
        }

        destination[0] = (byte)(0xF0 | (scalar >> 18));
        destination[1] = (byte)(0x80 | ((scalar >> 12) & 0x3F));
        destination[2] = (byte)(0x80 | ((scalar >> 6) & 0x3F));
        destination[3] = (byte)(0x80 | (scalar & 0x3F));
        return 4;
    }
}
