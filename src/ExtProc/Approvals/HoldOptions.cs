namespace Hush.ExtProc.Approvals;

/// <summary>Settings of holds and approvals (<c>Hush:Holds</c>).</summary>
internal sealed class HoldOptions
{
    /// <summary>
    /// How long a stream waits for a decision before the hold turns deferred (202 with an approval id, or an in-band
    /// SSE event when the headers were already released). Zero defers at once.
    /// </summary>
    public TimeSpan InlineWindow { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a hold stays pending before it expires (to denied).</summary>
    public TimeSpan Expiry { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// Envoy's <c>max_message_timeout</c> for this filter: the longest <c>override_message_timeout</c> Hush asks for.
    /// Must not exceed what Envoy is configured with (Envoy ignores larger overrides) and must cover
    /// <see cref="InlineWindow"/> plus a little.
    /// </summary>
    public TimeSpan MaxMessageTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How often the expiry sweep runs and a waiting stream re-reads its hold (a fallback for missed notifications).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Characters of masked context kept on each side of the held span in the excerpt.</summary>
    public int ExcerptContext { get; set; } = 300;

    /// <summary>Path prefix (routed through Envoy) where a requester collects an approved deferred answer: <c>{prefix}{id}/response</c>.</summary>
    public string FetchPathPrefix { get; set; } = "/v1/hush/approvals/";

    /// <summary>Approver groups of hold rules that name none (e.g. the fallback detector set to hold).</summary>
    public List<string> DefaultApprovers { get; set; } = ["security"];

    /// <summary>This replica's name in hold records (defaults to the machine name).</summary>
    public string? Instance { get; set; }
}
