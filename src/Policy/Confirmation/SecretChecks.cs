namespace Hush.Policy.Confirmation;

/// <summary>Byte-level checks on a candidate: Shannon entropy and ASCII-case-insensitive containment.</summary>
internal static class SecretChecks
{
    /// <summary>Shannon entropy of <paramref name="data"/> in bits per byte (0 for empty input).</summary>
    public static double ShannonEntropy(ReadOnlySpan<byte> data)
    {
        if (data.IsEmpty)
        {
            return 0;
        }

        Span<int> counts = stackalloc int[256];
        foreach (var b in data)
        {
            counts[b]++;
        }

        double entropy = 0;
        double length = data.Length;
        foreach (var c in counts)
        {
            if (c != 0)
            {
                var p = c / length;
                entropy -= p * Math.Log2(p);
            }
        }

        return entropy;
    }

    /// <summary>Whether <paramref name="haystack"/> contains <paramref name="needle"/>, folding ASCII letters only.</summary>
    public static bool ContainsIgnoreAsciiCase(ReadOnlySpan<byte> haystack, ReadOnlySpan<byte> needle)
    {
        if (needle.IsEmpty)
        {
            return true;
        }

        for (var i = 0; i + needle.Length <= haystack.Length; i++)
        {
            if (EqualsIgnoreAsciiCase(haystack.Slice(i, needle.Length), needle))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether two equally long byte strings are equal, folding ASCII letters only.</summary>
    public static bool EqualsIgnoreAsciiCase(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b)
    {
        if (a.Length != b.Length)
        {
            return false;
        }

        for (var i = 0; i < a.Length; i++)
        {
            if (ToLowerAscii(a[i]) != ToLowerAscii(b[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>ASCII lower-casing of one byte; other bytes are unchanged.</summary>
    public static byte ToLowerAscii(byte b) => (uint)(b - 'A') <= 'Z' - 'A' ? (byte)(b | 0x20) : b;
}
