namespace Hush.ExtProc.Auth;

/// <summary>
/// Why <see cref="JwtValidator"/> refused a token: stable machine-readable codes (sent in the 401 answer's
/// <c>error.type</c> detail and the <c>WWW-Authenticate</c> header), never containing token content.
/// </summary>
internal static class JwtErrors
{
    /// <summary>No <c>Authorization: Bearer</c> header.</summary>
    public const string MissingToken = "missing_token";

    /// <summary>No JWKS is configured, so no token can be verified.</summary>
    public const string NotConfigured = "auth_not_configured";

    /// <summary>Not three base64url parts, or the header or payload is not a JSON object.</summary>
    public const string Malformed = "malformed_token";

    /// <summary>The header's <c>alg</c> is not RS256 (none, HS256 and everything else are refused).</summary>
    public const string UnsupportedAlgorithm = "unsupported_alg";

    /// <summary>The header carries a <c>crit</c> list (no extension is understood).</summary>
    public const string UnsupportedCritical = "unsupported_crit";

    /// <summary>No configured key has the header's <c>kid</c>.</summary>
    public const string UnknownKey = "unknown_kid";

    /// <summary>The header has no <c>kid</c> and the JWKS has more than one key.</summary>
    public const string KeyIdRequired = "kid_required";

    /// <summary>The RS256 signature does not verify.</summary>
    public const string BadSignature = "bad_signature";

    /// <summary>No numeric <c>exp</c> claim.</summary>
    public const string MissingExpiry = "missing_exp";

    /// <summary><c>exp</c> is in the past (beyond the clock skew).</summary>
    public const string Expired = "token_expired";

    /// <summary><c>nbf</c> is in the future (beyond the clock skew), or not a number.</summary>
    public const string NotYetValid = "token_not_yet_valid";

    /// <summary><c>iss</c> is not the configured issuer.</summary>
    public const string WrongIssuer = "wrong_issuer";

    /// <summary><c>aud</c> carries none of the configured audiences.</summary>
    public const string WrongAudience = "wrong_audience";

    /// <summary>No non-empty string <c>sub</c> claim.</summary>
    public const string MissingSubject = "missing_sub";

    /// <summary>The groups claim is neither a string nor an array of strings.</summary>
    public const string BadGroups = "bad_groups_claim";
}
