using System.Diagnostics;
using CsCheck;
using Hush.Policy.Format;
using Hush.Policy.Rules;
using Hush.PolicyCompiler.Emit;

namespace Hush.Policy.Tests.Format;

/// <summary>
/// Mutated artifacts (with the checksum recomputed, so the structural checks are what is exercised) must either
/// load or fail with <see cref="ArtifactFormatException"/>: no other exception, no large allocation, no hang.
/// </summary>
public sealed class ArtifactPropertyTests
{
    private static readonly byte[] s_handmade = ArtifactWriter.Write(ArtifactTestPolicies.Handmade());
    private static readonly byte[] s_synthetic = ArtifactWriter.Write(ArtifactTestPolicies.Synthetic(4, 6, 5, seed: 11));

    /// <summary>Values that probe count, length and sign checks when written over a 4-byte field.</summary>
    private static readonly uint[] s_interesting =
        [0, 1, 2, 3, 4, 7, 8, 255, 256, 257, 0x7FFF_FFFF, 0x8000_0000, 0xFFFF_FFFF, 0xFFFF_FFFE, 1 << 20, (1 << 20) + 1, 100_001];

    private static readonly TimeSpan s_perCase = TimeSpan.FromSeconds(2);

    /// <summary>A mutation: overwrite <c>Bytes</c> at a fraction of the file, or write an interesting u32 there.</summary>
    private static readonly Gen<(bool UseBase, double At, byte[] Bytes, int Interesting, bool UseInteresting)> s_mutation =
        Gen.Select(Gen.Bool, Gen.Double[0, 1], Gen.Byte.Array[1, 8], Gen.Int[0, s_interesting.Length - 1], Gen.Bool);

    [Fact]
    public void RandomMutation_WithRechecksum_OnlyFormatExceptionOrValidPolicy()
    {
        RunWithDeadline(() =>
            s_mutation.Array[1, 4].Sample(mutations =>
            {
                var data = (byte[])(mutations[0].UseBase ? s_handmade : s_synthetic).Clone();
                var bodyLength = data.Length - ArtifactFormat.ChecksumLength;
                foreach (var m in mutations)
                {
                    var at = Math.Min((int)(m.At * bodyLength), bodyLength - 1);
                    if (m.UseInteresting)
                    {
                        at &= ~3;
                        var value = BitConverter.GetBytes(s_interesting[m.Interesting]);
                        value.AsSpan(0, Math.Min(4, bodyLength - at)).CopyTo(data.AsSpan(at));
                    }
                    else
                    {
                        m.Bytes.AsSpan(0, Math.Min(m.Bytes.Length, bodyLength - at)).CopyTo(data.AsSpan(at));
                    }
                }

                ArtifactTestPolicies.Rechecksum(data);
                AssertLoadsOrRejects(data);
            }, iter: 20_000));
    }

    [Fact]
    public void RandomBytes_OnlyFormatException()
    {
        RunWithDeadline(() =>
            Gen.Byte.Array[0, 600].Sample(body =>
            {
                // A plausible header prefix makes the random body reach the checksum and structure checks.
                var data = s_handmade.AsSpan(0, Math.Min(body.Length, 24)).ToArray().Concat(body).ToArray();
                if (data.Length >= 24)
                {
                    BitConverter.TryWriteBytes(data.AsSpan(16), (ulong)data.Length);
                }

                ArtifactTestPolicies.Rechecksum(data);
                Assert.Throws<ArtifactFormatException>(() => ArtifactReader.Read(data));
            }, iter: 5_000));
    }

    [Fact]
    public void RangeDeletionOrDuplication_WithRechecksum_OnlyFormatException()
    {
        RunWithDeadline(() =>
            Gen.Select(Gen.Int[0, s_handmade.Length - 33], Gen.Int[1, 64], Gen.Bool).Sample((start, count, duplicate) =>
            {
                var body = s_handmade.AsSpan(0, s_handmade.Length - 32);
                count = Math.Min(count, body.Length - start);
                var edited = duplicate
                    ? [.. body[..(start + count)], .. body[start..]]
                    : body[..start].ToArray().Concat(body[(start + count)..].ToArray()).ToArray();
                var data = edited.Concat(new byte[32]).ToArray();
                if (data.Length >= 24)
                {
                    BitConverter.TryWriteBytes(data.AsSpan(16), (ulong)data.Length);
                }

                ArtifactTestPolicies.Rechecksum(data);
                AssertLoadsOrRejects(data);
            }, iter: 5_000));
    }

    private static void AssertLoadsOrRejects(byte[] data)
    {
        var watch = Stopwatch.StartNew();
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        CompiledPolicy? policy = null;
        try
        {
            policy = ArtifactReader.Read(data);
        }
        catch (ArtifactFormatException ex)
        {
            Assert.InRange(ex.Offset, 0, data.Length);
        }

        // Never allocate more than the file could describe (a generous constant factor of its length).
        Assert.InRange(GC.GetAllocatedBytesForCurrentThread() - allocatedBefore, 0, 64L * data.Length + (1 << 20));
        Assert.True(watch.Elapsed < s_perCase, $"a single read took {watch.Elapsed}");
        if (policy is not null)
        {
            foreach (var rule in policy.Rules)
            {
                Assert.Null(rule.Automaton.Validate());
            }
        }
    }

    private static void RunWithDeadline(Action body)
    {
        var task = Task.Run(body);
        Assert.True(task.Wait(TimeSpan.FromMinutes(3)), "property test did not finish in time");
        task.GetAwaiter().GetResult();
    }
}
