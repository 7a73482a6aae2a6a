namespace Hush.ExtProc.Codecs.Sse;

/// <summary>A released replacement of a logical stream: input [Start, End) became <paramref name="Output"/>.</summary>
internal readonly record struct SseReplacement(long Start, long End, byte[] Output);
