using Envoy.Service.ExtProc.V3;
using Google.Protobuf;

namespace Hush.ExtProcBench.Load;

/// <summary>
/// One pre-generated response body: OpenAI-style SSE text cut at arbitrary boundaries into chunks, with the fake
/// secrets planted in it. Messages are built once and shared by every stream that plays the script (protobuf
/// serialisation only reads them), so the load generator spends its CPU on the wire, not on building text.
/// </summary>
internal sealed class SseScript
{
    private readonly int[] _starts;

    /// <summary>Creates a script over <paramref name="text"/> cut at <paramref name="starts"/> (chunk count + 1 offsets).</summary>
    public SseScript(byte[] text, int[] starts, IReadOnlyList<(int Start, byte[] Value)> secrets)
    {
        Text = text;
        _starts = starts;
        ChunkCount = starts.Length - 1;
        Bodies = new ByteString[ChunkCount];
        Messages = new ProcessingRequest[ChunkCount];
        for (var i = 0; i < ChunkCount; i++)
        {
            Bodies[i] = UnsafeByteOperations.UnsafeWrap(text.AsMemory(starts[i], starts[i + 1] - starts[i]));
            Messages[i] = new ProcessingRequest { ResponseBody = new HttpBody { Body = Bodies[i], EndOfStream = false } };
        }

        Secrets = new byte[secrets.Count][];
        PlantedThrough = new int[ChunkCount];
        SplitThrough = new int[ChunkCount];
        var s = 0;
        var planted = 0;
        var split = 0;
        for (var i = 0; i < ChunkCount; i++)
        {
            while (s < secrets.Count && secrets[s].Start + secrets[s].Value.Length <= starts[i + 1])
            {
                planted++;
                if (secrets[s].Start < starts[i])
                {
                    split++;
                }

                s++;
            }

            PlantedThrough[i] = planted;
            SplitThrough[i] = split;
        }

        for (var i = 0; i < secrets.Count; i++)
        {
            Secrets[i] = secrets[i].Value;
        }
    }

    /// <summary>The whole body text.</summary>
    public byte[] Text { get; }

    /// <summary>Number of chunks.</summary>
    public int ChunkCount { get; }

    /// <summary>Chunk bodies (slices of <see cref="Text"/>).</summary>
    public ByteString[] Bodies { get; }

    /// <summary>Ready-made <c>response_body</c> messages with <c>end_of_stream=false</c>.</summary>
    public ProcessingRequest[] Messages { get; }

    /// <summary>The planted fake secrets, in text order.</summary>
    public byte[][] Secrets { get; }

    /// <summary>How many secrets are complete once chunks 0..i were sent.</summary>
    public int[] PlantedThrough { get; }

    /// <summary>How many of those straddle a chunk boundary.</summary>
    public int[] SplitThrough { get; }

    /// <summary>Chunk <paramref name="index"/> as the last message of its stream (<c>end_of_stream=true</c>).</summary>
    public ProcessingRequest Final(int index) =>
        new() { ResponseBody = new HttpBody { Body = Bodies[index], EndOfStream = true } };
}
