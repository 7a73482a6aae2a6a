using System.Runtime.InteropServices;

namespace Hush.PolicyCompiler.Automata;

/// <summary>
/// Value equality for int arrays used as dictionary keys (NFA state sets, minimisation signatures). Also an
/// alternate comparer for spans, so a lookup needs no allocation; an array is created only on insert.
/// </summary>
internal sealed class IntArrayComparer : IEqualityComparer<int[]>, IAlternateEqualityComparer<ReadOnlySpan<int>, int[]>
{
    /// <summary>The shared instance.</summary>
    public static readonly IntArrayComparer Instance = new();

    /// <inheritdoc/>
    public bool Equals(int[]? x, int[]? y) =>
        ReferenceEquals(x, y) || (x is not null && y is not null && x.AsSpan().SequenceEqual(y));

    /// <inheritdoc/>
    public int GetHashCode(int[] obj) => GetHashCode((ReadOnlySpan<int>)obj);

    /// <inheritdoc/>
    public bool Equals(ReadOnlySpan<int> alternate, int[] other) => alternate.SequenceEqual(other);

    /// <inheritdoc/>
    public int GetHashCode(ReadOnlySpan<int> alternate)
    {
        var h = new HashCode();
        h.AddBytes(MemoryMarshal.AsBytes(alternate));
        return h.ToHashCode();
    }

    /// <inheritdoc/>
    public int[] Create(ReadOnlySpan<int> alternate) => alternate.ToArray();
}
