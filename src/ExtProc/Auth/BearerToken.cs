using Microsoft.Extensions.Primitives;

namespace Hush.ExtProc.Auth;

/// <summary>Reads the RFC 6750 bearer token of a request.</summary>
internal static class BearerToken
{
    private const string Scheme = "Bearer ";

    /// <summary>
    /// The token of the single <c>Authorization: Bearer …</c> header (scheme case-insensitive, surrounding spaces
    /// trimmed), or null when there is none, several, or another scheme.
    /// </summary>
    public static string? Read(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        StringValues values = context.Request.Headers.Authorization;
        if (values.Count != 1 || values[0] is not { } header)
        {
            return null;
        }

        if (!header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var token = header.AsSpan(Scheme.Length).Trim();
        return token.IsEmpty ? null : token.ToString();
    }
}
