using System.Buffers.Binary;
using System.Security.Cryptography;
using Hush.Policy.Format;
using Hush.Policy.Rules;

namespace Hush.PolicyCompiler.Emit;

/// <summary>
/// Serialises a <see cref="CompiledPolicy"/> to the version-1 artifact format (<c>docs/automaton-format.md</c>).
/// Output is deterministic: the same model always gives the same bytes (fixed field order, first-use pool
/// order, zero padding, no timestamps).
/// </summary>
internal static class ArtifactWriter
{
    /// <summary>
    /// Writes the artifact and proves it loads by reading it back with <see cref="ArtifactReader"/>, so the
    /// compiler can never emit a file the runtime rejects.
    /// </summary>
    /// <exception cref="ArgumentException">The model cannot be represented (bad hash length, invalid automaton, ill-formed string).</exception>
    /// <exception cref="InvalidOperationException">The model breaks a rule the reader enforces; the message says which.</exception>
    public static byte[] Write(CompiledPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        if (policy.SourceSha256 is not { Length: ArtifactFormat.Sha256Length })
        {
            throw new ArgumentException($"SourceSha256 must be {ArtifactFormat.Sha256Length} bytes", nameof(policy));
        }

        var pools = new ArtifactWriterPools();
        var name = pools.String(policy.Name, "policy name");
        var version = pools.String(policy.Version, "policy version");
        var records = new byte[(long)policy.Rules.Count * ArtifactFormat.RuleRecordLength];
        for (var i = 0; i < policy.Rules.Count; i++)
        {
            var record = records.AsSpan(i * ArtifactFormat.RuleRecordLength, ArtifactFormat.RuleRecordLength);
            ArtifactWriterRecords.Fill(record, policy.Rules[i], i, pools);
        }

        var buffer = new ArtifactWriterBuffer(EstimateLength(pools, records.Length));
        buffer.Reserve(ArtifactFormat.HeaderLength);
        Span<(int Offset, int Length)> sections = stackalloc (int, int)[ArtifactFormat.SectionCount];
        sections[0] = Section(buffer, b => WritePool(b, pools.Strings));
        sections[1] = Section(buffer, b => WritePool(b, pools.Blobs));
        sections[2] = Section(buffer, b => WriteLists(b, pools.Lists));
        sections[3] = Section(buffer, b =>
        {
            b.U32(name);
            b.U32(version);
            b.U32((uint)policy.Rules.Count);
            b.U32(ArtifactFormat.RuleRecordLength);
            b.Bytes(records);
        });
        sections[4] = Section(buffer, b => ArtifactWriterRecords.WriteAutomata(b, pools.Automata));
        WriteHeader(buffer, policy.SourceSha256, sections);

        var bytes = buffer.ToArray();
        try
        {
            ArtifactReader.Read(bytes);
        }
        catch (ArtifactFormatException e)
        {
            throw new InvalidOperationException($"the compiled policy cannot be stored: {e.Detail}", e);
        }

        return bytes;
    }

    private static (int Offset, int Length) Section(ArtifactWriterBuffer buffer, Action<ArtifactWriterBuffer> write)
    {
        var offset = buffer.Length;
        write(buffer);
        var length = buffer.Length - offset;
        buffer.Align(ArtifactFormat.Alignment);
        return (offset, length);
    }

    private static void WriteHeader(ArtifactWriterBuffer buffer, byte[] sourceSha256,
        ReadOnlySpan<(int Offset, int Length)> sections)
    {
        var fileLength = buffer.Length + ArtifactFormat.ChecksumLength;
        var header = new byte[ArtifactFormat.HeaderLength];
        var span = header.AsSpan();
        ArtifactFormat.MagicBytes.CopyTo(span);
        BinaryPrimitives.WriteUInt16LittleEndian(span[ArtifactFormat.VersionOffset..], ArtifactFormat.Version);
        BinaryPrimitives.WriteUInt32LittleEndian(span[ArtifactFormat.HeaderLengthOffset..],
            ArtifactFormat.HeaderLength);
        BinaryPrimitives.WriteUInt64LittleEndian(span[ArtifactFormat.FileLengthOffset..], (ulong)fileLength);
        sourceSha256.CopyTo(span[ArtifactFormat.SourceSha256Offset..]);
        BinaryPrimitives.WriteUInt32LittleEndian(span[ArtifactFormat.SectionCountOffset..],
            ArtifactFormat.SectionCount);
        for (var i = 0; i < sections.Length; i++)
        {
            var entry = span.Slice(ArtifactFormat.FixedHeaderLength + i * ArtifactFormat.SectionEntryLength);
            BinaryPrimitives.WriteUInt16LittleEndian(entry, (ushort)(i + 1));
            BinaryPrimitives.WriteUInt64LittleEndian(entry[8..], (ulong)sections[i].Offset);
            BinaryPrimitives.WriteUInt64LittleEndian(entry[16..], (ulong)sections[i].Length);
        }

        buffer.Patch(0, header);

        Span<byte> checksum = stackalloc byte[ArtifactFormat.ChecksumLength];
        SHA256.HashData(buffer.Written, checksum);
        buffer.Bytes(checksum);
    }

    private static void WritePool(ArtifactWriterBuffer buffer, List<byte[]> entries)
    {
        buffer.U32((uint)entries.Count);
        foreach (var entry in entries)
        {
            buffer.U32((uint)entry.Length);
            buffer.Bytes(entry);
        }
    }

    private static void WriteLists(ArtifactWriterBuffer buffer, List<uint> entries)
    {
        buffer.U32((uint)entries.Count);
        foreach (var entry in entries)
        {
            buffer.U32(entry);
        }
    }

    private static int EstimateLength(ArtifactWriterPools pools, int recordBytes)
    {
        long total = ArtifactFormat.HeaderLength + recordBytes + 4096;
        foreach (var dfa in pools.Automata)
        {
            total += dfa.MemoryBytes + 64;
        }

        return (int)Math.Min(total, Array.MaxLength);
    }
}
