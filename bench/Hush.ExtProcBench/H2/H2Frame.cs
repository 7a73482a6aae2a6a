using System.Buffers.Binary;

namespace Hush.ExtProcBench.H2;

/// <summary>HTTP/2 frame types, flags and the few encodings the lean client writes (RFC 9113, RFC 7541).</summary>
internal static class H2Frame
{
    /// <summary>Length of a frame header.</summary>
    public const int HeaderLength = 9;

    /// <summary>Largest frame payload either side sends (the protocol default; neither side raises it).</summary>
    public const int MaxPayload = 16_384;

    /// <summary>DATA frame.</summary>
    public const byte Data = 0;

    /// <summary>HEADERS frame.</summary>
    public const byte Headers = 1;

    /// <summary>RST_STREAM frame.</summary>
    public const byte RstStream = 3;

    /// <summary>SETTINGS frame.</summary>
    public const byte Settings = 4;

    /// <summary>PING frame.</summary>
    public const byte Ping = 6;

    /// <summary>GOAWAY frame.</summary>
    public const byte GoAway = 7;

    /// <summary>WINDOW_UPDATE frame.</summary>
    public const byte WindowUpdate = 8;

    /// <summary>END_STREAM flag (DATA, HEADERS).</summary>
    public const byte EndStream = 0x1;

    /// <summary>ACK flag (SETTINGS, PING).</summary>
    public const byte Ack = 0x1;

    /// <summary>END_HEADERS flag.</summary>
    public const byte EndHeaders = 0x4;

    /// <summary>PADDED flag (DATA, HEADERS).</summary>
    public const byte Padded = 0x8;

    /// <summary>PRIORITY flag (HEADERS).</summary>
    public const byte Priority = 0x20;

    /// <summary>The client connection preface.</summary>
    public static ReadOnlySpan<byte> Preface => "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"u8;

    /// <summary>Writes a frame header into the first 9 bytes of <paramref name="destination"/>.</summary>
    public static void WriteHeader(Span<byte> destination, int length, byte type, byte flags, int stream)
    {
        destination[0] = (byte)(length >> 16);
        destination[1] = (byte)(length >> 8);
        destination[2] = (byte)length;
        destination[3] = type;
        destination[4] = flags;
        BinaryPrimitives.WriteInt32BigEndian(destination[5..], stream & int.MaxValue);
    }

    /// <summary>
    /// Appends an HPACK "literal header field without indexing, new name" (no Huffman): the client keeps no
    /// dynamic table, so every header block stands alone.
    /// </summary>
    public static void AppendLiteral(List<byte> block, string name, string value)
    {
        block.Add(0x00);
        AppendString(block, name);
        AppendString(block, value);
    }

    private static void AppendString(List<byte> block, string text)
    {
        // A 7-bit-prefix integer (H = 0: no Huffman), then the octets.
        var length = text.Length;
        if (length < 127)
        {
            block.Add((byte)length);
        }
        else
        {
            block.Add(127);
            length -= 127;
            while (length >= 128)
            {
                block.Add((byte)((length & 0x7F) | 0x80));
                length >>= 7;
            }

            block.Add((byte)length);
        }

        foreach (var c in text)
        {
            block.Add((byte)c);
        }
    }
}
