using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Unicode;

namespace Hush.ExtProc.Audit;

/// <summary>
/// A masked body kept by an <see cref="AuditRecord"/>: valid UTF-8 bytes, decoded to a string only when something
/// asks for one. Immutable; compares by content.
/// </summary>
/// <remarks>
/// The audit writer hashes and stores a record from these bytes without decoding them. Held as a string, a 64 KiB
/// body was decoded into a 128 KiB UTF-16 string per exchange, then encoded back to UTF-8 twice (for the hash and in
/// the SQLite driver): at 1,000 streams that was about 3 % of the server's CPU, with the garbage it left.
/// </remarks>
internal sealed class MaskedText : IEquatable<MaskedText>
{
    private readonly byte[] _utf8;
    private string? _text;

    private MaskedText(byte[] utf8) => _utf8 = utf8;

    /// <summary>The text as UTF-8.</summary>
    public ReadOnlySpan<byte> Utf8 => _utf8;

    /// <summary>The text as UTF-8, for APIs that take an array; never written to.</summary>
    internal byte[] Utf8Array => _utf8;

    /// <summary>Length in UTF-8 bytes.</summary>
    public int Length => _utf8.Length;

    /// <summary>
    /// A copy of <paramref name="bytes"/>. Invalid sequences (a body cut inside a character, binary content) become
    /// U+FFFD, as <see cref="Encoding.UTF8"/> decodes them.
    /// </summary>
    public static MaskedText FromUtf8(ReadOnlySpan<byte> bytes)
    {
        if (!System.Text.Unicode.Utf8.IsValid(bytes))
        {
            return new MaskedText(Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(bytes)));
        }

        var copy = GC.AllocateUninitializedArray<byte>(bytes.Length);
        bytes.CopyTo(copy);
        return new MaskedText(copy);
    }

    /// <summary>
    /// <paramref name="bytes"/> themselves when they are valid UTF-8 (the caller hands the array over and never writes
    /// to it again); otherwise a copy with U+FFFD for invalid sequences, as <see cref="FromUtf8"/>.
    /// </summary>
    public static MaskedText Adopt(byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        return System.Text.Unicode.Utf8.IsValid(bytes) ? new MaskedText(bytes) : FromUtf8(bytes);
    }

    /// <summary>The UTF-8 of <paramref name="text"/> (a lone surrogate as U+FFFD); null for null.</summary>
    [return: NotNullIfNotNull(nameof(text))]
    public static MaskedText? FromString(string? text) => text is null ? null : new MaskedText(Encoding.UTF8.GetBytes(text));

    /// <summary>The UTF-8 of <paramref name="text"/>; null for null.</summary>
    [return: NotNullIfNotNull(nameof(text))]
    public static implicit operator MaskedText?(string? text) => FromString(text);

    /// <summary>This text cut to at most <paramref name="maxBytes"/> UTF-8 bytes at a character boundary, and whether it was cut.</summary>
    public (MaskedText Text, bool Truncated) Cap(int maxBytes)
    {
        if (_utf8.Length <= maxBytes)
        {
            return (this, false);
        }

        // The bytes are valid UTF-8: back off continuation bytes to the start of the character the cap falls in.
        var end = Math.Max(maxBytes, 0);
        while (end > 0 && (_utf8[end] & 0xC0) == 0x80)
        {
            end--;
        }

        return (new MaskedText(_utf8.AsSpan(0, end).ToArray()), true);
    }

    /// <summary>The decoded text (decoded once, then kept).</summary>
    public override string ToString() => _text ??= Encoding.UTF8.GetString(_utf8);

    /// <inheritdoc />
    public bool Equals(MaskedText? other) => other is not null && _utf8.AsSpan().SequenceEqual(other._utf8);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as MaskedText);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.AddBytes(_utf8);
        return hash.ToHashCode();
    }
}
