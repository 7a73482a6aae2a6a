using System.Buffers;
using System.IO.Compression;

namespace Hush.ExtProc.Processing;

/// <summary>
/// Decodes a gzip, deflate (zlib) or brotli body chunk by chunk so the decoded text can be masked as it streams.
/// Output is bounded per call by a ratio limit to stop decompression bombs.
/// </summary>
internal sealed class ChunkDecompressor : IDisposable
{
    private const int ReadSize = 16 * 1024;
    private readonly ChunkFeedStream _feed = new();
    private readonly Stream _decoder;
    private readonly long _maxOutput;
    private long _output;

    private ChunkDecompressor(string encoding, long maxOutput)
    {
        Encoding = encoding;
        _maxOutput = maxOutput;
        _decoder = encoding switch
        {
            "gzip" or "x-gzip" => new GZipStream(_feed, CompressionMode.Decompress),
            "deflate" => new ZLibStream(_feed, CompressionMode.Decompress),
            "br" => new BrotliStream(_feed, CompressionMode.Decompress),
            _ => throw new ArgumentOutOfRangeException(nameof(encoding)),
        };
    }

    /// <summary>The content-encoding being decoded.</summary>
    public string Encoding { get; }

    /// <summary>True when <paramref name="encoding"/> (lower case, trimmed) is one this type decodes.</summary>
    public static bool Supports(string encoding) => encoding is "gzip" or "x-gzip" or "deflate" or "br";

    /// <summary>Creates a decoder for <paramref name="encoding"/>; decoded output may not exceed <paramref name="maxOutput"/> bytes.</summary>
    public static ChunkDecompressor Create(string encoding, long maxOutput) => new(encoding, maxOutput);

    /// <summary>Decodes <paramref name="chunk"/> and appends every byte it yields to <paramref name="output"/>.</summary>
    public void Decode(ReadOnlyMemory<byte> chunk, IBufferWriter<byte> output)
    {
        _feed.Feed(chunk);
        try
        {
            while (true)
            {
                var span = output.GetSpan(ReadSize);
                var n = _decoder.Read(span);
                if (n == 0)
                {
                    break;
                }

                _output += n;
                if (_output > _maxOutput)
                {
                    throw ExtProcFailure.Limit($"{Encoding} body decodes to more than {_maxOutput} bytes");
                }

                output.Advance(n);
            }
        }
        catch (InvalidDataException ex)
        {
            throw ExtProcFailure.Decompression($"{Encoding} body is not valid {Encoding} data: {ex.Message}");
        }

        if (_feed.Remaining > 0)
        {
            throw ExtProcFailure.Decompression($"{Encoding} body has {_feed.Remaining} bytes after the end of the compressed data");
        }
    }

    /// <inheritdoc />
    public void Dispose() => _decoder.Dispose();
}
