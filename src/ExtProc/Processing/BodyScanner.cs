using System.Buffers;
using Hush.ExtProc.Codecs;
using Hush.ExtProc.Metrics;
using Hush.Policy.Matching;
using Hush.Policy.Rules;

namespace Hush.ExtProc.Processing;

/// <summary>
/// The masking pipeline of one direction of one stream: optional decoder, then the body codec chosen by content
/// type (SSE, JSON or raw bytes). Created on the first body byte so idle streams stay small. Released bytes land in
/// a buffer shared by the scanners of the calling thread, valid until the next <see cref="Process"/> on that thread.
/// Counts every confirmed match into the metrics.
/// </summary>
internal sealed class BodyScanner : IDisposable, IMatchSink
{
    // A thread's output buffer that grew past this for one huge buffered body is replaced by a small one.
    private const int ShrinkAbove = 1 << 20;

    private readonly PolicyMatcher _matcher;
    private readonly HushMetrics _metrics;
    private readonly Prometheus.Counter.Child _scanned;
    private readonly int _maxHeldBack;
    private readonly ChunkDecompressor? _decompressor;
    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_output;

    private readonly string? _contentType;
    private ArrayBufferWriter<byte>? _decoded;
    private IBodyCodec? _codec;
    private int[]? _hits;

    /// <summary>Creates the pipeline; <paramref name="decompressor"/> is owned and disposed by it.</summary>
    public BodyScanner(PolicyMatcher matcher, TrafficDirection direction, int maxHeldBack, ChunkDecompressor? decompressor,
        HushMetrics metrics, string? contentType)
    {
        _contentType = contentType;
        _metrics = metrics;
        _matcher = matcher;
        _scanned = direction == TrafficDirection.Request ? metrics.ScannedRequestBytes : metrics.ScannedResponseBytes;
        _maxHeldBack = maxHeldBack;
        _decompressor = decompressor;
    }

    /// <summary>Bytes received but not yet released.</summary>
    public int HeldBytes => _codec?.HeldBytes ?? 0;

    /// <summary>Total bytes scanned (decoded bytes when a decoder runs).</summary>
    public long ScannedBytes => _codec?.Position ?? 0;

    /// <summary>Masks and holds confirmed over the stream's life.</summary>
    public int MaskCount { get; private set; }

    /// <summary>Hold verdicts raised over the stream's life.</summary>
    public int HoldCount { get; private set; }

    /// <summary>Confirmed matches per rule index of <see cref="PolicyMatcher.Policy"/>; null until the first match.</summary>
    public int[]? RuleHits => _hits;

    /// <summary>True when a decoder runs: the released bytes are the decoded body.</summary>
    public bool Decodes => _decompressor is not null;

    /// <summary>
    /// Scans <paramref name="chunk"/> and, when <paramref name="final"/>, flushes everything held. Returns the bytes
    /// now safe to release and whether they differ from <paramref name="chunk"/> (when not, the caller can leave
    /// the chunk untouched on the wire). The bytes are valid until the next call on this thread, by any scanner.
    /// </summary>
    /// <remarks>
    /// One output buffer per thread rather than per stream: with a thousand streams open, a per-stream buffer is a
    /// cache miss on every chunk, and the caller copies the bytes out before it yields the thread.
    /// </remarks>
    public ReadOnlySpan<byte> Process(ReadOnlyMemory<byte> chunk, bool final, out bool changed)
    {
        var codec = _codec ??= BodyCodecs.Create(_contentType, _matcher, this, _maxHeldBack);
        var output = t_output ??= new ArrayBufferWriter<byte>(4096);
        if (output.Capacity > ShrinkAbove)
        {
            output = t_output = new ArrayBufferWriter<byte>(4096);
        }

        output.ResetWrittenCount();
        var input = chunk.Span;
        if (_decompressor is not null)
        {
            _decoded ??= new ArrayBufferWriter<byte>(chunk.Length * 4 + 256);
            _decoded.ResetWrittenCount();
            _decompressor.Decode(chunk, _decoded);
            input = _decoded.WrittenSpan;
        }

        var before = codec.Position;
        codec.Process(input, final, output);
        _scanned.Inc(codec.Position - before);
        var held = codec.HeldBytes;
        if (held > _maxHeldBack)
        {
            throw ExtProcFailure.Limit($"stream holds back {held} bytes, over Hush:MaxHeldBackBytes {_maxHeldBack}");
        }

        if (!final)
        {
            _metrics.HeldBackBytes.Observe(held);
        }

        var released = output.WrittenSpan;
        changed = _decompressor is not null || !released.SequenceEqual(chunk.Span);
        return released;
    }

    /// <inheritdoc />
    public void OnMatch(int ruleIndex, RuleAction action)
    {
        var id = _matcher.Policy.Rules[ruleIndex].Id;
        (_hits ??= new int[_matcher.Policy.Rules.Count])[ruleIndex]++;
        if (action == RuleAction.Hold)
        {
            HoldCount++;
            _metrics.Holds.WithLabels(id).Inc();
        }
        else
        {
            MaskCount++;
            _metrics.Masks.WithLabels(id).Inc();
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _codec?.Dispose();
        _decompressor?.Dispose();
    }
}
