using Hush.ExtProc.Approvals;
using Hush.ExtProc.Auth;

namespace Hush.ExtProc.Api;

/// <summary>Authenticates API requests with <see cref="JwtValidator"/>, answering 401 (with <c>WWW-Authenticate: Bearer</c>) when it fails.</summary>
internal sealed class ApiAuth
{
    private readonly JwtValidator _validator;
    private readonly ILogger _logger;

    /// <summary>Creates the authenticator.</summary>
    public ApiAuth(JwtValidator validator, ILogger logger)
    {
        _validator = validator;
        _logger = logger;
    }

    /// <summary>The validator (auditor groups).</summary>
    public JwtValidator Validator => _validator;

    /// <summary>The caller of <paramref name="context"/>, or null after writing the 401 answer.</summary>
    public async Task<ApproverIdentity?> AuthenticateAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var token = BearerToken.Read(context);
        var result = _validator.Validate(token);
        if (result.Identity is { } identity)
        {
            return identity;
        }

        var error = result.Error ?? JwtErrors.Malformed;
        ApiLog.Unauthorized(_logger, error);
        // RFC 6750 §3: no error attribute when the request carried no token at all.
        context.Response.Headers.WWWAuthenticate = token is null
            ? "Bearer realm=\"hush\""
            : $"Bearer realm=\"hush\", error=\"invalid_token\", error_description=\"{error}\"";
        await ApiErrors.WriteAsync(context, StatusCodes.Status401Unauthorized, token is null ? JwtErrors.MissingToken : "invalid_token",
            Describe(error)).ConfigureAwait(false);
        return null;
    }

    // Every message ends with the code, so a client (the UI) can show or match it without parsing the header.
    private static string Describe(string error) => error switch
    {
        JwtErrors.MissingToken => "an Authorization: Bearer token is required (missing_token)",
        JwtErrors.NotConfigured => "no JWKS is configured: set Hush:Auth:JwksPath or Hush:Auth:Jwks (auth_not_configured)",
        JwtErrors.UnsupportedAlgorithm => "only RS256 tokens are accepted (unsupported_alg)",
        JwtErrors.Expired => "the token has expired (token_expired)",
        JwtErrors.NotYetValid => "the token is not valid yet (token_not_yet_valid)",
        _ => "the token was refused (" + error + ")",
    };
}
