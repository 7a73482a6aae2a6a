namespace Hush.Policy.Matching;

/// <summary>
/// One replacement the stream has released: input bytes [<paramref name="Start"/>, <paramref name="End"/>) (a
/// merged run of overlapping confirmed spans) were written out as <paramref name="OutputLength"/> bytes of
/// replacement text. Lets a caller that re-frames the text (the SSE codec) map released output back to input.
/// </summary>
public readonly record struct ReleasedReplacement(long Start, long End, int OutputLength);
