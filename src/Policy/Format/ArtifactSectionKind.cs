namespace Hush.Policy.Format;

/// <summary>Kinds of the sections of an artifact; a version-1 file has each exactly once, in this order.</summary>
public enum ArtifactSectionKind : ushort
{
    /// <summary>UTF-8 text strings, length-prefixed, referenced by index.</summary>
    Strings = 1,

    /// <summary>Raw byte strings (prefilter literals), length-prefixed, referenced by index.</summary>
    Blobs = 2,

    /// <summary>Flat array of u32 references backing every list field of a rule.</summary>
    Lists = 3,

    /// <summary>Policy name and version, then one fixed record per rule.</summary>
    Rules = 4,

    /// <summary>The automata: per DFA its scalars, byte classes, flags and transition table.</summary>
    Automata = 5,
}
