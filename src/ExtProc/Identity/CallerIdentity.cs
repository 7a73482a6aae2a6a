namespace Hush.ExtProc.Identity;

/// <summary>The verified caller of one exchange, from the JWT payload jwt_authn forwarded.</summary>
public sealed record CallerIdentity
{
    /// <summary>Where the payload came from: <c>metadata</c> (verified by Envoy) or <c>header</c> (fallback).</summary>
    public required string Source { get; init; }

    /// <summary>The <c>iss</c> claim.</summary>
    public string? Issuer { get; init; }

    /// <summary>The <c>sub</c> claim.</summary>
    public string? Subject { get; init; }

    /// <summary>The <c>email</c> claim.</summary>
    public string? Email { get; init; }

    /// <summary>The <c>aud</c> claim (string or array).</summary>
    public IReadOnlyList<string> Audiences { get; init; } = [];

    /// <summary>The <c>groups</c> claim (array or space/comma separated string).</summary>
    public IReadOnlyList<string> Groups { get; init; } = [];

    /// <summary>CI provenance, when the token is a CI system's OIDC token.</summary>
    public CiProvenance? Ci { get; init; }
}
