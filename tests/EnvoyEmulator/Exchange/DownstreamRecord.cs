using System.Globalization;
using Hush.EnvoyEmulator.Filter;

namespace Hush.EnvoyEmulator.Exchange;

/// <summary>What the downstream client received from Envoy.</summary>
public sealed class DownstreamRecord
{
    /// <summary>HTTP status (from response headers or a local reply); null if nothing was sent.</summary>
    public int? Status => Headers?.Get(":status") is { } s && int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : null;

    /// <summary>Response headers as released (or the local reply's headers).</summary>
    public HttpHeaderList? Headers { get; internal set; }

    /// <summary>Body chunks in release order (a local reply's body is one chunk).</summary>
    public IReadOnlyList<byte[]> BodyChunks => Chunks;

    /// <summary>The concatenated body.</summary>
    public byte[] Body => [.. Chunks.SelectMany(c => c)];

    /// <summary>The body as UTF-8 text.</summary>
    public string BodyText => System.Text.Encoding.UTF8.GetString(Body);

    /// <summary>Trailers as released.</summary>
    public HttpHeaderList? Trailers { get; internal set; }

    /// <summary>The response ended cleanly (end_of_stream, trailers, or a complete local reply).</summary>
    public bool EndOfStream { get; internal set; }

    /// <summary>The stream was reset (the client sees a truncated response).</summary>
    public bool Reset { get; internal set; }

    /// <summary>The local reply, if Envoy generated one.</summary>
    public LocalReply? LocalReply { get; internal set; }

    /// <summary>Response code details of a local reply or reset.</summary>
    public string? Details { get; internal set; }

    internal List<byte[]> Chunks { get; } = [];
}
