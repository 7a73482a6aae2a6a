namespace Hush.EnvoyEmulator.JwtAuthn;

/// <summary>The emulated jwt_authn provider and rule (protocol notes §3.1): local JWKS, RS256 only.</summary>
public sealed class JwtProviderOptions
{
    /// <summary>The verification keys (<c>local_jwks</c>).</summary>
    public required Jwks Jwks { get; init; }

    /// <summary><c>issuer</c>; null accepts any issuer.</summary>
    public string? Issuer { get; init; }

    /// <summary><c>audiences</c>; empty accepts any audience.</summary>
    public IReadOnlyList<string> Audiences { get; init; } = [];

    /// <summary><c>from_headers[0].name</c>.</summary>
    public string FromHeader { get; init; } = "authorization";

    /// <summary><c>from_headers[0].value_prefix</c>.</summary>
    public string ValuePrefix { get; init; } = "Bearer ";

    /// <summary><c>forward</c>: keep the token header towards the upstream (default false strips it).</summary>
    public bool Forward { get; init; }

    /// <summary><c>payload_in_metadata</c> key under namespace <c>envoy.filters.http.jwt_authn</c>.</summary>
    public string PayloadInMetadata { get; init; } = "jwt_payload";

    /// <summary><c>clock_skew_seconds</c> (default 60).</summary>
    public TimeSpan ClockSkew { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Rules: path prefixes that require the provider (<c>match: { prefix }</c>).</summary>
    public IReadOnlyList<string> RequiredPrefixes { get; init; } = ["/v1/"];
}
