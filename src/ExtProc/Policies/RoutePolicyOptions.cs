namespace Hush.ExtProc.Policies;

/// <summary>
/// One entry of <c>Hush:Routes</c>: requests that match every condition set here are masked with this route's own
/// artifact instead of the default policy. Conditions left empty match anything; the first matching route wins.
/// </summary>
public sealed class RoutePolicyOptions
{
    /// <summary>Route name (metric label, logs); unique.</summary>
    public string Name { get; set; } = "";

    /// <summary><c>:path</c> prefix, e.g. <c>/v1/messages</c> for Anthropic.</summary>
    public string? PathPrefix { get; set; }

    /// <summary>Downstream <c>:authority</c> (host, without port), e.g. the virtual host of one provider.</summary>
    public string? Authority { get; set; }

    /// <summary>A JWT audience the caller's token must carry.</summary>
    public string? Audience { get; set; }

    /// <summary>A group the caller's token must carry.</summary>
    public string? Group { get; set; }

    /// <summary>Mask request bodies (prompts) on this route; unset inherits <c>Hush:MaskRequests</c>.</summary>
    public bool? MaskRequests { get; set; }

    /// <summary>The LLM provider behind this route (<c>openai</c>, <c>anthropic</c>…): picks the error shape of refusals and is audited. Unset: guessed from the path.</summary>
    public string? Provider { get; set; }

    /// <summary>The compiled artifact of this route (watched and hot-reloaded like the default one).</summary>
    public string PolicyPath { get; set; } = "";
}
