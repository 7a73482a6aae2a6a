namespace Hush.MockLlm.Formats;

/// <summary>Everything a provider format needs to shape one answer.</summary>
/// <param name="Sequence">Request number, used to derive stable ids.</param>
/// <param name="Model">Model name echoed from the request (or a default).</param>
/// <param name="Tokens">Content of each content event.</param>
/// <param name="FullText">The whole answer text.</param>
/// <param name="CreatedUnixSeconds">Creation time for <c>created</c>/<c>created_at</c>.</param>
/// <param name="InputTokens">Rough prompt size reported in usage.</param>
internal sealed record AnswerContext(
    long Sequence,
    string Model,
    IReadOnlyList<string> Tokens,
    string FullText,
    long CreatedUnixSeconds,
    int InputTokens);
