namespace Hush.Benchmarks.Corpus;

/// <summary>
/// Deterministic random source for the corpus. <see cref="Random(int)"/> with a seed uses the legacy seeded
/// algorithm, which .NET keeps stable across versions precisely so that seeded sequences reproduce.
/// </summary>
internal sealed class CorpusRandom
{
    private const string AlnumChars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private const string Base64Chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    private const string HexChars = "0123456789abcdef";

    private readonly Random _random;

    /// <summary>Creates the source for <paramref name="seed"/>.</summary>
    public CorpusRandom(int seed) => _random = new Random(seed);

    /// <summary>Uniform integer in <c>[0, max)</c>.</summary>
    public int Next(int max) => _random.Next(max);

    /// <summary>Uniform integer in <c>[min, max]</c> (inclusive).</summary>
    public int Between(int min, int max) => _random.Next(min, max + 1);

    /// <summary>True with probability <paramref name="p"/>.</summary>
    public bool Chance(double p) => _random.NextDouble() < p;

    /// <summary>A uniformly chosen element.</summary>
    public T Pick<T>(T[] items) => items[_random.Next(items.Length)];

    /// <summary>An element chosen with a Zipf-like skew toward the front of the array, as word frequencies are.</summary>
    public T PickSkewed<T>(T[] items)
    {
        var u = _random.NextDouble();
        return items[(int)(u * u * items.Length)];
    }

    /// <summary><paramref name="length"/> characters drawn from <paramref name="alphabet"/>.</summary>
    public string From(string alphabet, int length)
    {
        return string.Create(length, (this, alphabet), static (span, state) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = state.alphabet[state.Item1._random.Next(state.alphabet.Length)];
            }
        });
    }

    /// <summary>Random letters and digits.</summary>
    public string Alnum(int length) => From(AlnumChars, length);

    /// <summary>Random lower-case hex digits.</summary>
    public string Hex(int length) => From(HexChars, length);

    /// <summary>Random standard base64 alphabet characters (no padding).</summary>
    public string Base64(int length) => From(Base64Chars, length);

    /// <summary>Random decimal digits, the first one not zero.</summary>
    public string Digits(int length) => (char)('1' + _random.Next(9)) + From("0123456789", length - 1);

    /// <summary>Random bytes.</summary>
    public byte[] Bytes(int length)
    {
        var bytes = new byte[length];
        _random.NextBytes(bytes);
        return bytes;
    }

    /// <summary>A random version-4-shaped UUID in lower-case hex.</summary>
    public string Uuid() => $"{Hex(8)}-{Hex(4)}-4{Hex(3)}-{From("89ab", 1)}{Hex(3)}-{Hex(12)}";

    /// <summary>A private-range or documentation-range IPv4 address.</summary>
    public string Ip() => Next(3) switch
    {
        0 => $"10.{Next(256)}.{Next(256)}.{Between(1, 254)}",
        1 => $"192.168.{Next(256)}.{Between(1, 254)}",
        _ => $"203.0.113.{Between(1, 254)}",
    };
}
