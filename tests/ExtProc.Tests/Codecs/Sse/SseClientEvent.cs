namespace Hush.ExtProc.Tests.Codecs.Sse;

/// <summary>An event as an SSE client dispatches it.</summary>
internal sealed record SseClientEvent(string? Event, string? Id, string Data, IReadOnlyList<string> Comments);
