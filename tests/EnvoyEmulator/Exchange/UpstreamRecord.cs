using Hush.EnvoyEmulator.Filter;

namespace Hush.EnvoyEmulator.Exchange;

/// <summary>What the emulated upstream received from Envoy.</summary>
public sealed class UpstreamRecord
{
    /// <summary>Request headers as forwarded (null if they never went out).</summary>
    public HttpHeaderList? Headers { get; internal set; }

    /// <summary>Body chunks in the order they were released.</summary>
    public IReadOnlyList<byte[]> BodyChunks => Chunks;

    /// <summary>The concatenated body.</summary>
    public byte[] Body => [.. Chunks.SelectMany(c => c)];

    /// <summary>Trailers as forwarded.</summary>
    public HttpHeaderList? Trailers { get; internal set; }

    /// <summary>The request reached its end at the upstream.</summary>
    public bool EndOfStream { get; internal set; }

    internal List<byte[]> Chunks { get; } = [];
}
