using Hush.Policy.Matching;
using Hush.Policy.Rules;

namespace Hush.ExtProc.Policies;

/// <summary>
/// One validated policy artifact with its matchers built for both directions. Immutable: a stream keeps the
/// instance it started with even after a reload swaps in another.
/// </summary>
internal sealed class LoadedPolicy
{
    /// <summary>Builds the matchers of <paramref name="policy"/>; throws if any rule cannot be prepared.</summary>
    public LoadedPolicy(CompiledPolicy policy, string artifactSha256, DateTimeOffset loadedAt, byte[]? placeholderKey = null)
    {
        Policy = policy;
        ArtifactSha256 = artifactSha256;
        LoadedAt = loadedAt;
        Request = placeholderKey is null
            ? new PolicyMatcher(policy, RuleDirection.Request)
            : new PolicyMatcher(policy, RuleDirection.Request, PolicyMatcher.DefaultConfirmTimeout, placeholderKey);
        Response = placeholderKey is null
            ? new PolicyMatcher(policy, RuleDirection.Response)
            : new PolicyMatcher(policy, RuleDirection.Response, PolicyMatcher.DefaultConfirmTimeout, placeholderKey);
        foreach (var rule in policy.Rules)
        {
            if (rule.Action == RuleAction.Hold && rule.Direction != RuleDirection.Request)
            {
                HasResponseHolds = true;
            }
        }
    }

    /// <summary>True when a hold rule applies to responses: answers on such a policy may have to wait for an approver.</summary>
    public bool HasResponseHolds { get; }

    /// <summary>True when a rule's replacement uses a <c>{hmac}</c> placeholder.</summary>
    public bool UsesPlaceholderKey => Request.UsesPlaceholderKey || Response.UsesPlaceholderKey;

    /// <summary>The compiled policy.</summary>
    public CompiledPolicy Policy { get; }

    /// <summary>Lower-case hex SHA-256 of the artifact file (what operators compare across replicas).</summary>
    public string ArtifactSha256 { get; }

    /// <summary>When this policy was loaded.</summary>
    public DateTimeOffset LoadedAt { get; }

    /// <summary>Matcher of the request-direction rules (prompts).</summary>
    public PolicyMatcher Request { get; }

    /// <summary>Matcher of the response-direction rules (answers).</summary>
    public PolicyMatcher Response { get; }

    /// <summary>Largest hold-back any stream of this policy can need, over both directions.</summary>
    public long HoldBackBound => Math.Max(Request.HoldBackBound, Response.HoldBackBound);
}
