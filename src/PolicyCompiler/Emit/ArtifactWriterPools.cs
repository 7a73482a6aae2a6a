using System.Text;
using Hush.Policy.Automata;

namespace Hush.PolicyCompiler.Emit;

/// <summary>
/// The indexed pools an artifact's rules refer to. Strings are interned by value and automata by reference, in
/// first-use order, so the same model always yields the same indexes (and so the same bytes).
/// </summary>
internal sealed class ArtifactWriterPools
{
    /// <summary>Strict UTF-8: a lone surrogate cannot be stored faithfully and is an error, not a '?'.</summary>
    private static readonly UTF8Encoding s_strictUtf8 = new(encoderShouldEmitUTF8Identifier: false,
        throwOnInvalidBytes: true);

    private readonly Dictionary<string, int> _stringIndex = new(StringComparer.Ordinal);
    private readonly Dictionary<Dfa, int> _automatonIndex = new(ReferenceEqualityComparer.Instance);

    /// <summary>Encoded strings by index.</summary>
    public List<byte[]> Strings { get; } = [];

    /// <summary>Raw byte strings by index (not deduplicated: literals are few and rarely repeat).</summary>
    public List<byte[]> Blobs { get; } = [];

    /// <summary>The flat list-entry array.</summary>
    public List<uint> Lists { get; } = [];

    /// <summary>Distinct automata by index.</summary>
    public List<Dfa> Automata { get; } = [];

    /// <summary>Returns the index of <paramref name="value"/>, adding it on first use.</summary>
    /// <exception cref="ArgumentException">The string is not well-formed UTF-16.</exception>
    public uint String(string value, string owner)
    {
        ArgumentNullException.ThrowIfNull(value, owner);
        if (_stringIndex.TryGetValue(value, out var index))
        {
            return (uint)index;
        }

        byte[] bytes;
        try
        {
            bytes = s_strictUtf8.GetBytes(value);
        }
        catch (EncoderFallbackException e)
        {
            throw new ArgumentException($"{owner} is not well-formed UTF-16 and cannot be stored as UTF-8", e);
        }

        index = Strings.Count;
        Strings.Add(bytes);
        _stringIndex.Add(value, index);
        return (uint)index;
    }

    /// <summary>Appends a list of strings and returns its start and count in the list pool.</summary>
    public (uint Start, uint Count) StringList(string[] values, string owner)
    {
        ArgumentNullException.ThrowIfNull(values, owner);
        var indexes = new uint[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            indexes[i] = String(values[i], $"{owner}[{i}]");
        }

        return AppendList(indexes);
    }

    /// <summary>Appends a list of blobs and returns its start and count in the list pool.</summary>
    public (uint Start, uint Count) BlobList(byte[][] values, string owner)
    {
        ArgumentNullException.ThrowIfNull(values, owner);
        var indexes = new uint[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            ArgumentNullException.ThrowIfNull(values[i], $"{owner}[{i}]");
            indexes[i] = (uint)Blobs.Count;
            Blobs.Add(values[i]);
        }

        return AppendList(indexes);
    }

    /// <summary>Returns the index of <paramref name="dfa"/>, adding it on first use.</summary>
    public uint Automaton(Dfa dfa)
    {
        if (!_automatonIndex.TryGetValue(dfa, out var index))
        {
            index = Automata.Count;
            Automata.Add(dfa);
            _automatonIndex.Add(dfa, index);
        }

        return (uint)index;
    }

    private (uint Start, uint Count) AppendList(uint[] indexes)
    {
        // Empty lists all point at 0 so that an unchanged model never depends on where an empty list sat.
        if (indexes.Length == 0)
        {
            return (0, 0);
        }

        var start = (uint)Lists.Count;
        Lists.AddRange(indexes);
        return (start, (uint)indexes.Length);
    }
}
