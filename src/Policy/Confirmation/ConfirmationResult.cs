namespace Hush.Policy.Confirmation;

/// <summary>The outcome of confirming one candidate; offsets are indices into the confirmation window.</summary>
/// <param name="Kind">The decision.</param>
/// <param name="MatchStart">Start of the match (valid unless <see cref="ConfirmationKind.NoMatch"/> or timed out).</param>
/// <param name="MatchEnd">End (exclusive) of the match.</param>
/// <param name="SecretStart">Start of the secret group.</param>
/// <param name="SecretEnd">End (exclusive) of the secret group.</param>
internal readonly record struct ConfirmationResult(
    ConfirmationKind Kind, int MatchStart, int MatchEnd, int SecretStart, int SecretEnd);
