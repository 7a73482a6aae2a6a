namespace Hush.EnvoyEmulator.JwtAuthn;

/// <summary>Envoy's jwt_authn (jwt_verify_lib) status texts, used verbatim as 401 bodies.</summary>
public static class JwtStatus
{
    /// <summary>No token in the configured header.</summary>
    public const string Missing = "Jwt is missing";

    /// <summary>Signature check failed.</summary>
    public const string VerificationFails = "Jwt verification fails";

    /// <summary>Not three dot-separated parts.</summary>
    public const string BadFormat = "Jwt is not in the form of Header.Payload.Signature with two dots and 3 sections";

    /// <summary>Header or payload not decodable.</summary>
    public const string BadEncoding = "Jwt header is an invalid Base64url encoded";

    /// <summary><c>exp</c> in the past (beyond clock skew).</summary>
    public const string Expired = "Jwt is expired";

    /// <summary><c>nbf</c> in the future (beyond clock skew).</summary>
    public const string NotYetValid = "Jwt not yet valid";

    /// <summary><c>iss</c> does not match the provider.</summary>
    public const string UnknownIssuer = "Jwt issuer is not configured";

    /// <summary><c>aud</c> not among the provider's audiences.</summary>
    public const string AudienceNotAllowed = "Audiences in Jwt are not allowed";

    /// <summary>No JWKS key matches the token's kid/alg.</summary>
    public const string KidAlgMismatch = "Jwks doesn't have key to match kid or alg from Jwt";
}
