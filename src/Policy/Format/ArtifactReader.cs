using System.Buffers.Binary;
using System.Security.Cryptography;
using Hush.Policy.Rules;

namespace Hush.Policy.Format;

/// <summary>
/// Loads a compiled-policy artifact, validating every field before it is trusted: a truncated, corrupted,
/// hostile or wrong-version file yields an <see cref="ArtifactFormatException"/>, never another exception,
/// an allocation larger than the file could describe, or a hang.
/// </summary>
/// <remarks>
/// Order of checks: magic, version (so an old or new file gets a version message, not a checksum one), declared
/// file length, trailing SHA-256 (so random corruption is reported as such before any structure is parsed),
/// section table, then each section. Counts are checked against the bytes that remain before any array is
/// allocated, so memory use is bounded by a small multiple of the input length.
/// </remarks>
public static partial class ArtifactReader
{
    /// <summary>Parses and validates an artifact held in memory.</summary>
    /// <exception cref="ArtifactFormatException">The data is not a valid version-1 artifact.</exception>
    public static CompiledPolicy Read(ReadOnlySpan<byte> data)
    {
        var sections = ReadHeader(data, out var sourceSha256);
        var strings = ReadStrings(data, sections[0]);
        var blobs = ReadBlobs(data, sections[1]);
        var lists = ReadLists(data, sections[2]);
        var automata = ReadAutomata(data, sections[4], sections[3], strings);
        return ReadRules(data, sections[3], strings, blobs, lists, automata, sourceSha256);
    }

    /// <summary>Reads and validates an artifact file; every message starts with the path.</summary>
    /// <exception cref="ArtifactFormatException">
    /// The file cannot be read, is larger than <see cref="ArtifactFormat.MaxFileLength"/>, or is not a valid artifact.
    /// </exception>
    public static CompiledPolicy ReadFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        byte[] data;
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1,
                FileOptions.SequentialScan);
            var length = stream.Length;
            if (length > ArtifactFormat.MaxFileLength)
            {
                throw new ArtifactFormatException(
                    $"{path}: artifact is {length} bytes, more than the {ArtifactFormat.MaxFileLength}-byte limit",
                    0, null);
            }

            data = new byte[length];
            stream.ReadExactly(data);
        }
        catch (IOException e)
        {
            throw new ArtifactFormatException($"{path}: cannot read artifact: {e.Message}", 0, e);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new ArtifactFormatException($"{path}: cannot read artifact: {e.Message}", 0, e);
        }
        catch (ArgumentException e)
        {
            // An empty or malformed path comes from user input (a CLI argument), so it is reported, not thrown.
            throw new ArtifactFormatException($"{path}: cannot read artifact: {e.Message}", 0, e);
        }

        try
        {
            return Read(data);
        }
        catch (ArtifactFormatException e)
        {
            throw new ArtifactFormatException($"{path}: {e.Message}", e.Offset, e);
        }
    }

    private static ArtifactSection[] ReadHeader(ReadOnlySpan<byte> data, out byte[] sourceSha256)
    {
        var magic = ArtifactFormat.MagicBytes;
        if (data.Length < magic.Length)
        {
            throw Fail($"artifact is truncated: {data.Length} bytes cannot hold the {magic.Length}-byte magic",
                data.Length);
        }

        if (!data[..magic.Length].SequenceEqual(magic))
        {
            throw Fail("not a Hush policy artifact: bad magic (expected \"HUSHPOL\\0\")", 0);
        }

        if (data.Length < ArtifactFormat.FixedHeaderLength)
        {
            throw Fail($"artifact is truncated: {data.Length} bytes cannot hold the "
                + $"{ArtifactFormat.FixedHeaderLength}-byte header", data.Length);
        }

        var version = U16(data, ArtifactFormat.VersionOffset);
        if (version != ArtifactFormat.Version)
        {
            throw Fail($"unsupported artifact format version {version} (this reader supports "
                + $"{ArtifactFormat.Version})", ArtifactFormat.VersionOffset);
        }

        var flags = U16(data, ArtifactFormat.FlagsOffset);
        if (flags != 0)
        {
            throw Fail($"header flags are 0x{flags:X4}, but every flag bit is reserved and must be 0",
                ArtifactFormat.FlagsOffset);
        }

        var declared = U64(data, ArtifactFormat.FileLengthOffset);
        if (declared != (ulong)data.Length)
        {
            var what = declared > (ulong)data.Length ? "truncated" : "followed by extra bytes";
            throw Fail($"artifact is {what}: the header declares {declared} bytes, but there are {data.Length}",
                ArtifactFormat.FileLengthOffset);
        }

        if (data.Length < ArtifactFormat.MinFileLength)
        {
            throw Fail($"artifact is {data.Length} bytes, shorter than the smallest valid artifact "
                + $"({ArtifactFormat.MinFileLength} bytes)", data.Length);
        }

        var checksumAt = data.Length - ArtifactFormat.ChecksumLength;
        Span<byte> digest = stackalloc byte[ArtifactFormat.ChecksumLength];
        SHA256.HashData(data[..checksumAt], digest);
        if (!digest.SequenceEqual(data[checksumAt..]))
        {
            throw Fail($"artifact is corrupted: the SHA-256 of bytes 0..{checksumAt} does not match the stored "
                + "checksum", checksumAt);
        }

        ExpectU32(data, ArtifactFormat.HeaderLengthOffset, (uint)ArtifactFormat.HeaderLength, "header length");
        ExpectU32(data, ArtifactFormat.SectionCountOffset, ArtifactFormat.SectionCount, "section count");
        ExpectU32(data, ArtifactFormat.HeaderReservedOffset, 0, "reserved header word");
        sourceSha256 = data.Slice(ArtifactFormat.SourceSha256Offset, ArtifactFormat.Sha256Length).ToArray();
        return ReadSectionTable(data, checksumAt);
    }

    private static ArtifactSection[] ReadSectionTable(ReadOnlySpan<byte> data, int checksumAt)
    {
        var sections = new ArtifactSection[ArtifactFormat.SectionCount];
        var expected = ArtifactFormat.HeaderLength;
        var previousEnd = ArtifactFormat.HeaderLength;
        for (var i = 0; i < sections.Length; i++)
        {
            var entry = ArtifactFormat.FixedHeaderLength + i * ArtifactFormat.SectionEntryLength;
            var kind = (ArtifactSectionKind)(i + 1);
            var actualKind = U16(data, entry);
            if (actualKind != (ushort)kind)
            {
                throw Fail($"section table entry {i} has kind {actualKind}, expected {(int)kind} ({kind})", entry);
            }

            if (U16(data, entry + 2) != 0 || U32(data, entry + 4) != 0)
            {
                throw Fail($"section table entry {i} ({kind}) has non-zero reserved bytes", entry + 2);
            }

            var offset = U64(data, entry + 8);
            var length = U64(data, entry + 16);
            if (offset > (ulong)checksumAt || length > (ulong)checksumAt - offset)
            {
                throw Fail($"section {kind} (offset {offset}, length {length}) extends past the checksum at byte "
                    + $"{checksumAt}", entry + 8);
            }

            if (offset < (ulong)previousEnd)
            {
                var other = i == 0 ? "the header" : $"section {(ArtifactSectionKind)i}";
                throw Fail($"section {kind} at offset {offset} overlaps {other}, which ends at {previousEnd}",
                    entry + 8);
            }

            if (offset != (ulong)expected)
            {
                throw Fail($"section {kind} starts at offset {offset}, expected {expected} (sections are "
                    + "contiguous, each aligned to 8 bytes)", entry + 8);
            }

            ExpectZeroes(data, previousEnd, expected, "padding before section " + kind);
            sections[i] = new ArtifactSection(kind, (int)offset, (int)length);
            previousEnd = sections[i].End;
            expected = Align8(previousEnd);
        }

        if (expected != checksumAt)
        {
            throw Fail($"{checksumAt - previousEnd} bytes lie between the last section (ending at {previousEnd}) "
                + "and the checksum; at most 7 bytes of padding are allowed", previousEnd);
        }

        ExpectZeroes(data, previousEnd, checksumAt, "padding before the checksum");
        return sections;
    }
}
