namespace Hush.ExtProc.Codecs.Sse;

/// <summary>A complete line of the event being read: content [Start, ContentEnd); data lines carry their value start.</summary>
internal readonly record struct SseLine(long Start, long ContentEnd, long ValueStart, bool IsData);
