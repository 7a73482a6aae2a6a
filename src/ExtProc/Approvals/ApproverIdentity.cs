namespace Hush.ExtProc.Approvals;

/// <summary>A person deciding on holds, as proved by a verified JWT (approvals API, review UI).</summary>
/// <param name="Subject">The token's <c>sub</c>.</param>
/// <param name="Email">The token's <c>email</c>, if any.</param>
/// <param name="Groups">The token's groups.</param>
internal sealed record ApproverIdentity(string Subject, string? Email, IReadOnlyList<string> Groups);
