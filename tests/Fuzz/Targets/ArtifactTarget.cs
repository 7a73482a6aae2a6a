using System.Buffers.Binary;
using System.Security.Cryptography;
using Hush.Policy.Format;
using Hush.Policy.Matching;
using Hush.Policy.Rules;

namespace Hush.Fuzz.Targets;

/// <summary>
/// <c>artifact</c>: the input is a compiled artifact (seeds: small policies and policies/default.yaml, compiled),
/// which AFL mutates; <see cref="ArtifactReader.Read"/> must load it or throw <see cref="ArtifactFormatException"/>.
/// When it loads, matchers for both directions are built and scan a sample text whole and in chunks.
/// </summary>
/// <remarks>
/// Before reading, the declared file length and the trailing SHA-256 are recomputed over the mutated bytes:
/// otherwise almost every mutation would stop at the checksum, and a hostile file can carry a valid checksum anyway.
/// The length and checksum checks themselves are covered by the corruption unit tests. Chunk independence is not
/// required of a mutated artifact (its automaton need not agree with its confirm pattern), only the absence of crashes.
/// </remarks>
internal sealed class ArtifactTarget : IFuzzTarget
{
    /// <inheritdoc />
    public string Name => "artifact";

    /// <inheritdoc />
    public int MaxInputLength => 1 << 20;

    /// <inheritdoc />
    public void Run(ReadOnlySpan<byte> input)
    {
        var data = input.ToArray();
        Repair(data);
        CompiledPolicy policy;
        try
        {
            policy = ArtifactReader.Read(data);
        }
        catch (ArtifactFormatException)
        {
            return;
        }

        foreach (var direction in (ReadOnlySpan<RuleDirection>)[RuleDirection.Request, RuleDirection.Response])
        {
            var matcher = new PolicyMatcher(policy, direction, FuzzPolicies.ConfirmTimeout);
            _ = matcher.MaskAll(FuzzPolicies.SampleText);
            var stream = matcher.CreateStream();
            var output = new System.Buffers.ArrayBufferWriter<byte>();
            var text = FuzzPolicies.SampleText;
            for (var offset = 0; offset < text.Length; offset += 13)
            {
                stream.Write(text.Slice(offset, Math.Min(13, text.Length - offset)), output);
            }

            stream.Complete(output);
        }
    }

    /// <summary>Rewrites the declared length and the checksum so that the mutation reaches the field validation.</summary>
    private static void Repair(byte[] data)
    {
        if (data.Length < ArtifactFormat.MinFileLength)
        {
            return;
        }

        BinaryPrimitives.WriteUInt64LittleEndian(data.AsSpan(ArtifactFormat.FileLengthOffset), (ulong)data.Length);
        SHA256.HashData(data.AsSpan(0, data.Length - ArtifactFormat.ChecksumLength), data.AsSpan(data.Length - ArtifactFormat.ChecksumLength));
    }
}
