namespace Hush.Policy.Format;

/// <summary>
/// Constants of the compiled-policy artifact format (version 1). The layout and the reasons behind it are
/// documented in <c>docs/automaton-format.md</c>; every offset here is relative to the structure named.
/// </summary>
public static class ArtifactFormat
{
    /// <summary>The eight magic bytes <c>HUSHPOL\0</c> read as a little-endian 64-bit integer.</summary>
    public const ulong Magic = 0x004C4F5048535548UL;

    /// <summary>The only format version this reader understands.</summary>
    public const ushort Version = 1;

    /// <summary>Conventional file extension of an artifact.</summary>
    public const string FileExtension = ".hushpolicy";

    /// <summary>Length of the fixed part of the header, before the section table.</summary>
    public const int FixedHeaderLength = 64;

    /// <summary>Length of one section table entry.</summary>
    public const int SectionEntryLength = 24;

    /// <summary>Number of sections a version-1 artifact has (one of each <see cref="ArtifactSectionKind"/>).</summary>
    public const int SectionCount = 5;

    /// <summary>Length of the header including the section table.</summary>
    public const int HeaderLength = FixedHeaderLength + SectionCount * SectionEntryLength;

    /// <summary>Length of the trailing SHA-256 over every byte before it.</summary>
    public const int ChecksumLength = 32;

    /// <summary>Length of a SHA-256 digest (the policy source hash in the header).</summary>
    public const int Sha256Length = 32;

    /// <summary>Alignment of every section start and of every automaton block.</summary>
    public const int Alignment = 8;

    /// <summary>Length of one fixed rule record in the rules section.</summary>
    public const int RuleRecordLength = 128;

    /// <summary>Length of the rules section's preamble (policy name, version, rule count, record length).</summary>
    public const int RulesPreambleLength = 16;

    /// <summary>Length of the automata section's preamble (count and a reserved word).</summary>
    public const int AutomataPreambleLength = 8;

    /// <summary>Length of an automaton block before its flags: scalars, four start ids, the byte class map.</summary>
    public const int AutomatonHeaderLength = 288;

    /// <summary>Smallest possible automaton block (one state, stride 2), used to cap counts before allocating.</summary>
    public const int MinAutomatonBlockLength = 304;

    /// <summary>Largest number of rules an artifact may declare.</summary>
    public const int MaxRules = 100_000;

    /// <summary>Largest artifact file <see cref="ArtifactReader.ReadFile"/> accepts (1 GiB).</summary>
    public const long MaxFileLength = 1L << 30;

    /// <summary>Largest Shannon entropy of a byte string, in bits per byte.</summary>
    public const double MaxEntropy = 8.0;

    /// <summary>Smallest file that can hold the header and the checksum (a lower bound; real files are larger).</summary>
    public const int MinFileLength = HeaderLength + ChecksumLength;

    /// <summary>Header offset of the magic.</summary>
    public const int MagicOffset = 0;

    /// <summary>Header offset of the format version (u16).</summary>
    public const int VersionOffset = 8;

    /// <summary>Header offset of the header flags (u16, all reserved).</summary>
    public const int FlagsOffset = 10;

    /// <summary>Header offset of the header length (u32).</summary>
    public const int HeaderLengthOffset = 12;

    /// <summary>Header offset of the total file length (u64).</summary>
    public const int FileLengthOffset = 16;

    /// <summary>Header offset of the SHA-256 of the policy source.</summary>
    public const int SourceSha256Offset = 24;

    /// <summary>Header offset of the section count (u32).</summary>
    public const int SectionCountOffset = 56;

    /// <summary>Header offset of the reserved header word (u32, zero).</summary>
    public const int HeaderReservedOffset = 60;

    /// <summary>The magic bytes as they appear at the start of the file.</summary>
    public static ReadOnlySpan<byte> MagicBytes => "HUSHPOL\0"u8;
}
