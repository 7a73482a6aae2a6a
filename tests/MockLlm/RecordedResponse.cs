namespace Hush.MockLlm;

/// <summary>
/// One response as the mock wrote it: every flushed write separately, so tests can check the scripted chunk
/// boundaries even when the client side coalesces reads.
/// </summary>
/// <param name="Sequence">Arrival number of the request it answers.</param>
/// <param name="Path">Request path.</param>
/// <param name="StatusCode">HTTP status sent.</param>
/// <param name="Streamed">Whether the answer was an event stream.</param>
/// <param name="Writes">Bytes of each flushed write, in order (compressed bytes when the script gzips).</param>
public sealed record RecordedResponse(
    long Sequence,
    string Path,
    int StatusCode,
    bool Streamed,
    IReadOnlyList<byte[]> Writes)
{
    /// <summary>The concatenation of <see cref="Writes"/>: the exact body bytes sent.</summary>
    public byte[] Body()
    {
        var total = 0;
        foreach (var write in Writes)
        {
            total += write.Length;
        }

        var body = new byte[total];
        var offset = 0;
        foreach (var write in Writes)
        {
            write.CopyTo(body, offset);
            offset += write.Length;
        }

        return body;
    }
}
