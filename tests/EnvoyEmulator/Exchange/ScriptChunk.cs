using System.Text;

namespace Hush.EnvoyEmulator.Exchange;

/// <summary>One body chunk the scripted downstream or upstream delivers to the filter.</summary>
/// <param name="Data">The bytes.</param>
/// <param name="WaitForAnswersBefore">
/// Before feeding this chunk, wait until the filter has no message outstanding in this direction. False (default)
/// feeds it right away, so consecutive chunks are pipelined the way Envoy sends them.
/// </param>
public sealed record ScriptChunk(byte[] Data, bool WaitForAnswersBefore = false)
{
    /// <summary>A UTF-8 text chunk.</summary>
    public static ScriptChunk Text(string text, bool waitForAnswersBefore = false) => new(Encoding.UTF8.GetBytes(text), waitForAnswersBefore);

    /// <summary>An empty chunk (e.g. the empty body of a POST, or an empty end-of-stream chunk).</summary>
    public static ScriptChunk Empty(bool waitForAnswersBefore = false) => new([], waitForAnswersBefore);
}
