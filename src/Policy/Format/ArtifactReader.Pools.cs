using System.Text;
using System.Text.Unicode;

namespace Hush.Policy.Format;

/// <summary>Parsing of the three pools rules refer to by index: strings, blobs and lists.</summary>
public static partial class ArtifactReader
{
    private static string[] ReadStrings(ReadOnlySpan<byte> data, ArtifactSection section)
    {
        var count = ReadPoolCount(data, section, "string");
        var strings = count == 0 ? [] : new string[count];
        var position = section.Offset + sizeof(uint);
        for (var i = 0; i < strings.Length; i++)
        {
            var bytes = ReadPoolEntry(data, section, ref position, "string", i);
            if (!Utf8.IsValid(bytes))
            {
                throw Fail($"string {i} is not valid UTF-8", position - bytes.Length);
            }

            strings[i] = Encoding.UTF8.GetString(bytes);
        }

        ExpectConsumed(section, position, "string");
        return strings;
    }

    private static byte[][] ReadBlobs(ReadOnlySpan<byte> data, ArtifactSection section)
    {
        var count = ReadPoolCount(data, section, "blob");
        var blobs = count == 0 ? [] : new byte[count][];
        var position = section.Offset + sizeof(uint);
        for (var i = 0; i < blobs.Length; i++)
        {
            blobs[i] = ReadPoolEntry(data, section, ref position, "blob", i).ToArray();
        }

        ExpectConsumed(section, position, "blob");
        return blobs;
    }

    private static ArtifactListPool ReadLists(ReadOnlySpan<byte> data, ArtifactSection section)
    {
        var count = ReadPoolCount(data, section, "list entry");
        var expected = sizeof(uint) + (long)count * sizeof(uint);
        if (section.Length != expected)
        {
            throw Fail($"lists section is {section.Length} bytes, but {count} entries need {expected}",
                section.Offset);
        }

        return new ArtifactListPool(section.Offset + sizeof(uint), count);
    }

    /// <summary>Reads a pool's count and caps it by what the section could hold (4 bytes per entry at least).</summary>
    private static int ReadPoolCount(ReadOnlySpan<byte> data, ArtifactSection section, string what)
    {
        if (section.Length < sizeof(uint))
        {
            throw Fail($"{section.Kind} section is {section.Length} bytes, too short for its {what} count",
                section.Offset);
        }

        var count = U32(data, section.Offset);
        var capacity = (uint)(section.Length - sizeof(uint)) / sizeof(uint);
        if (count > capacity)
        {
            throw Fail($"{section.Kind} section declares {count} entries, but its {section.Length} bytes can hold "
                + $"at most {capacity}", section.Offset);
        }

        return (int)count;
    }

    private static ReadOnlySpan<byte> ReadPoolEntry(ReadOnlySpan<byte> data, ArtifactSection section,
        ref int position, string what, int index)
    {
        if (section.End - position < sizeof(uint))
        {
            throw Fail($"{what} {index}: its length is cut off by the end of the {section.Kind} section", position);
        }

        var length = U32(data, position);
        var remaining = section.End - position - sizeof(uint);
        if (length > (uint)remaining)
        {
            throw Fail($"{what} {index} declares {length} bytes, but only {remaining} remain in the "
                + $"{section.Kind} section", position);
        }

        var bytes = data.Slice(position + sizeof(uint), (int)length);
        position += sizeof(uint) + (int)length;
        return bytes;
    }

    private static void ExpectConsumed(ArtifactSection section, int position, string what)
    {
        if (position != section.End)
        {
            throw Fail($"{section.Kind} section has {section.End - position} bytes after its last {what}", position);
        }
    }
}
