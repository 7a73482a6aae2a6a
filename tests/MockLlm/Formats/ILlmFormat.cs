namespace Hush.MockLlm.Formats;

/// <summary>One provider API shape: serializes an answer as an event stream or as a single JSON document.</summary>
internal interface ILlmFormat
{
    /// <summary>The serialized events of a streamed answer, one element per SSE event.</summary>
    List<byte[]> BuildStream(AnswerContext context);

    /// <summary>The non-streamed answer document.</summary>
    byte[] BuildJson(AnswerContext context);

    /// <summary>The provider's error document for a scripted failure status.</summary>
    byte[] BuildError(string message, int statusCode);
}
