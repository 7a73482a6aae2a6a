namespace Hush.Policy.Matching;

/// <summary>A confirmed secret span of a mask rule not yet written to the output.</summary>
/// <param name="Start">First secret byte (stream offset).</param>
/// <param name="End">End of the secret (exclusive).</param>
/// <param name="Rule">Local index of the rule whose replacement the span uses.</param>
internal readonly record struct PendingSpan(long Start, long End, int Rule);
