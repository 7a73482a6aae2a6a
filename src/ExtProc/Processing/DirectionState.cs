using Envoy.Extensions.Filters.Http.ExtProc.V3;

namespace Hush.ExtProc.Processing;

/// <summary>What the processor knows about one direction of a stream: phase, body mode, content and scanner.</summary>
internal sealed class DirectionState : IDisposable
{
    /// <summary>Creates the state of <paramref name="direction"/>.</summary>
    public DirectionState(TrafficDirection direction)
    {
        Direction = direction;
    }

    /// <summary>Which direction this is.</summary>
    public TrafficDirection Direction { get; }

    /// <summary>Where the direction is in Envoy's message order.</summary>
    public DirectionPhase Phase { get; set; }

    /// <summary>Body mode Envoy announced in protocol_config (STREAMED when it did not say).</summary>
    public ProcessingMode.Types.BodySendMode BodyMode { get; set; } = ProcessingMode.Types.BodySendMode.Streamed;

    /// <summary>Whether protocol_config told us the body mode (older Envoys do not send it).</summary>
    public bool BodyModeKnown { get; set; }

    /// <summary>The headers carried <c>content-length</c>.</summary>
    public bool HadContentLength { get; set; }

    /// <summary>The content-type header, which picks the body codec.</summary>
    public string? ContentType { get; set; }

    /// <summary>The body is binary and left unscanned on purpose.</summary>
    public bool SkipBody { get; set; }

    /// <summary>Body bytes received so far (all chunks).</summary>
    public long BodyBytes { get; set; }

    /// <summary>The masking pipeline, created on the first body byte.</summary>
    public BodyScanner? Scanner { get; set; }

    /// <summary>The content-encoding being decoded, if any (set at headers time, applied when the scanner is made).</summary>
    public string? DecodeEncoding { get; set; }

    /// <inheritdoc />
    public void Dispose()
    {
        Scanner?.Dispose();
        Scanner = null;
    }
}
