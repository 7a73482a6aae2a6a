using System.Text.Json;
using Hush.ExtProc.Approvals;

namespace Hush.ExtProc.Auth;

/// <summary>The claim checks of <see cref="JwtValidator"/>, run only after the signature verified.</summary>
internal sealed partial class JwtValidator
{
    private static readonly char[] s_groupSeparators = [' ', ','];

    private JwtValidation CheckClaims(JsonElement claims)
    {
        var now = _time.GetUtcNow().ToUnixTimeMilliseconds() / 1000.0;
        var skew = _options.ClockSkew.TotalSeconds;
        if (!claims.TryGetProperty("exp", out var exp) || exp.ValueKind != JsonValueKind.Number)
        {
            return JwtValidation.Fail(JwtErrors.MissingExpiry);
        }

        if (now - skew >= exp.GetDouble())
        {
            return JwtValidation.Fail(JwtErrors.Expired);
        }

        if (claims.TryGetProperty("nbf", out var nbf) && (nbf.ValueKind != JsonValueKind.Number || now + skew < nbf.GetDouble()))
        {
            return JwtValidation.Fail(JwtErrors.NotYetValid);
        }

        if (_options.Issuer is { Length: > 0 } issuer
            && (!claims.TryGetProperty("iss", out var iss) || iss.ValueKind != JsonValueKind.String || iss.GetString() != issuer))
        {
            return JwtValidation.Fail(JwtErrors.WrongIssuer);
        }

        if (_options.Audiences.Count > 0 && !HasAudience(claims))
        {
            return JwtValidation.Fail(JwtErrors.WrongAudience);
        }

        if (!claims.TryGetProperty("sub", out var sub) || sub.ValueKind != JsonValueKind.String || sub.GetString() is not { Length: > 0 } subject)
        {
            return JwtValidation.Fail(JwtErrors.MissingSubject);
        }

        var groups = Groups(claims);
        if (groups is null)
        {
            return JwtValidation.Fail(JwtErrors.BadGroups);
        }

        var email = claims.TryGetProperty("email", out var e) && e.ValueKind == JsonValueKind.String ? e.GetString() : null;
        return new JwtValidation(new ApproverIdentity(subject, email, groups), null);
    }

    private bool HasAudience(JsonElement claims)
    {
        if (!claims.TryGetProperty("aud", out var aud))
        {
            return false;
        }

        if (aud.ValueKind == JsonValueKind.String)
        {
            return _options.Audiences.Contains(aud.GetString()!, StringComparer.Ordinal);
        }

        if (aud.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in aud.EnumerateArray())
            {
                if (item.ValueKind == JsonValueKind.String && _options.Audiences.Contains(item.GetString()!, StringComparer.Ordinal))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>The groups (empty without the claim), or null when the claim has another shape.</summary>
    private List<string>? Groups(JsonElement claims)
    {
        var groups = new List<string>();
        if (!claims.TryGetProperty(_options.GroupsClaim, out var claim) || claim.ValueKind == JsonValueKind.Null)
        {
            return groups;
        }

        if (claim.ValueKind == JsonValueKind.String)
        {
            groups.AddRange(claim.GetString()!.Split(s_groupSeparators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            return groups;
        }

        if (claim.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        foreach (var item in claim.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String)
            {
                return null;
            }

            if (item.GetString() is { Length: > 0 } group)
            {
                groups.Add(group);
            }
        }

        return groups;
    }
}
