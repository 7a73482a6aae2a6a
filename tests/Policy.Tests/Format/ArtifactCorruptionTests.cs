using System.Buffers.Binary;
using Hush.Policy.Format;
using Hush.PolicyCompiler.Emit;

namespace Hush.Policy.Tests.Format;

public sealed class ArtifactCorruptionTests
{
    private static readonly byte[] s_valid = ArtifactWriter.Write(ArtifactTestPolicies.Handmade());

    [Fact]
    public void Truncated_AtEveryLength_ThrowsFormatExceptionOnly()
    {
        for (var length = 0; length < s_valid.Length; length++)
        {
            var ex = Assert.Throws<ArtifactFormatException>(() => ArtifactReader.Read(s_valid.AsSpan(0, length)));
            Assert.InRange(ex.Offset, 0, s_valid.Length);
        }
    }

    [Fact]
    public void Truncated_PastHeader_ReportsDeclaredAndActualLength()
    {
        var ex = Assert.Throws<ArtifactFormatException>(() => ArtifactReader.Read(s_valid.AsSpan(0, 100)));
        Assert.Equal($"artifact is truncated: the header declares {s_valid.Length} bytes, but there are 100 "
            + "(at byte offset 16)", ex.Message);
        Assert.Equal(16, ex.Offset);
    }

    [Fact]
    public void ExtraTrailingBytes_Rejected()
    {
        var longer = s_valid.Concat(new byte[] { 0 }).ToArray();
        var ex = Assert.Throws<ArtifactFormatException>(() => ArtifactReader.Read(longer));
        Assert.Contains("followed by extra bytes", ex.Message);
    }

    [Fact]
    public void EveryByteFlip_Detected()
    {
        var data = (byte[])s_valid.Clone();
        for (var i = 0; i < data.Length; i++)
        {
            foreach (var bit in new byte[] { 0x01, 0x80, 0xFF })
            {
                data[i] ^= bit;
                Assert.Throws<ArtifactFormatException>(() => ArtifactReader.Read(data));
                data[i] ^= bit;
            }
        }

        Assert.NotNull(ArtifactReader.Read(data));
    }

    [Fact]
    public void FlipInBody_ReportedAsChecksumMismatch()
    {
        var data = (byte[])s_valid.Clone();
        data[ArtifactFormat.HeaderLength + 5] ^= 0x10;
        var ex = Assert.Throws<ArtifactFormatException>(() => ArtifactReader.Read(data));
        Assert.StartsWith("artifact is corrupted: the SHA-256 of bytes", ex.Message);
        Assert.Equal(data.Length - 32, ex.Offset);
    }

    [Fact]
    public void WrongMagic_Message()
    {
        var data = (byte[])s_valid.Clone();
        data[0] = (byte)'X';
        var ex = Assert.Throws<ArtifactFormatException>(() => ArtifactReader.Read(data));
        Assert.Equal("not a Hush policy artifact: bad magic (expected \"HUSHPOL\\0\") (at byte offset 0)", ex.Message);
    }

    [Fact]
    public void WrongVersion_Message()
    {
        var data = (byte[])s_valid.Clone();
        BinaryPrimitives.WriteUInt16LittleEndian(data.AsSpan(8), 7);
        var ex = Assert.Throws<ArtifactFormatException>(() => ArtifactReader.Read(data));
        Assert.Equal("unsupported artifact format version 7 (this reader supports 1) (at byte offset 8)", ex.Message);
        Assert.Equal(8, ex.Offset);
    }

    [Fact]
    public void NonZeroHeaderFlags_Rejected()
    {
        var data = (byte[])s_valid.Clone();
        data[10] = 1;
        var ex = Assert.Throws<ArtifactFormatException>(() => ArtifactReader.Read(data));
        Assert.Contains("header flags are 0x0001", ex.Message);
    }

    [Fact]
    public void EmptyInput_Message()
    {
        var ex = Assert.Throws<ArtifactFormatException>(() => ArtifactReader.Read([]));
        Assert.Equal("artifact is truncated: 0 bytes cannot hold the 8-byte magic (at byte offset 0)", ex.Message);
    }

    [Fact]
    public void ReadFile_MessageIncludesPath()
    {
        var path = Path.Combine(Path.GetTempPath(), $"hush-bad-{Guid.NewGuid():N}.hushpolicy");
        try
        {
            File.WriteAllBytes(path, s_valid.AsSpan(0, 40).ToArray());
            var ex = Assert.Throws<ArtifactFormatException>(() => ArtifactReader.ReadFile(path));
            Assert.StartsWith(path + ": artifact is truncated", ex.Message);
            Assert.Equal(40, ex.Offset);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void ReadFile_Missing_ThrowsFormatExceptionWithPath()
    {
        var path = Path.Combine(Path.GetTempPath(), $"hush-missing-{Guid.NewGuid():N}.hushpolicy");
        var ex = Assert.Throws<ArtifactFormatException>(() => ArtifactReader.ReadFile(path));
        Assert.StartsWith(path + ": cannot read artifact", ex.Message);
    }

    [Fact]
    public void ReadFile_Directory_ThrowsFormatExceptionWithPath()
    {
        var path = Path.GetTempPath();
        var ex = Assert.Throws<ArtifactFormatException>(() => ArtifactReader.ReadFile(path));
        Assert.StartsWith(path + ": cannot read artifact", ex.Message);
    }

    [Fact]
    public void ReadFile_EmptyPath_ThrowsFormatException()
    {
        var ex = Assert.Throws<ArtifactFormatException>(() => ArtifactReader.ReadFile(""));
        Assert.StartsWith(": cannot read artifact", ex.Message);
    }
}
