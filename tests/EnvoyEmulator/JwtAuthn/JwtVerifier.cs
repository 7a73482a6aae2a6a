using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;

namespace Hush.EnvoyEmulator.JwtAuthn;

/// <summary>RS256 JWT verification with jwt_authn's checks: kid/alg match, signature, iss, aud, exp/nbf with clock skew.</summary>
public sealed class JwtVerifier(JwtProviderOptions options, TimeProvider? time = null)
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    /// <summary>Verifies <paramref name="token"/> (without the header prefix).</summary>
    public JwtVerification Verify(string token)
    {
        var parts = token.Split('.');
        if (parts.Length != 3)
        {
            return Fail(JwtStatus.BadFormat);
        }

        JsonElement header;
        JsonElement payload;
        byte[] signature;
        string payloadJson;
        try
        {
            header = JsonDocument.Parse(Base64Url.Decode(parts[0])).RootElement;
            payloadJson = Encoding.UTF8.GetString(Base64Url.Decode(parts[1]));
            payload = JsonDocument.Parse(payloadJson).RootElement;
            signature = Base64Url.Decode(parts[2]);
        }
        catch (Exception ex) when (ex is FormatException or JsonException)
        {
            return Fail(JwtStatus.BadEncoding);
        }

        if (header.ValueKind != JsonValueKind.Object || payload.ValueKind != JsonValueKind.Object)
        {
            return Fail(JwtStatus.BadEncoding);
        }

        // jwt_verify_lib checks the claims before the signature.
        if (CheckClaims(payload) is { } claimFailure)
        {
            return Fail(claimFailure);
        }

        var alg = header.TryGetProperty("alg", out var a) ? a.GetString() : null;
        var kid = header.TryGetProperty("kid", out var k) ? k.GetString() : null;
        if (alg != "RS256")
        {
            return Fail(JwtStatus.KidAlgMismatch);
        }

        var signed = Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]);
        var matched = false;
        foreach (var key in options.Jwks.Keys)
        {
            if ((kid is not null && key.Kid is not null && key.Kid != kid) || (key.Alg is not null && key.Alg != "RS256"))
            {
                continue;
            }

            matched = true;
            using var rsa = RSA.Create(key.Parameters);
            if (rsa.VerifyData(signed, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1))
            {
                return new JwtVerification(null, JsonParser.Default.Parse<Struct>(payloadJson));
            }
        }

        return Fail(matched ? JwtStatus.VerificationFails : JwtStatus.KidAlgMismatch);
    }

    private string? CheckClaims(JsonElement payload)
    {
        var now = _time.GetUtcNow().ToUnixTimeSeconds();
        var skew = (long)options.ClockSkew.TotalSeconds;
        if (payload.TryGetProperty("nbf", out var nbf) && nbf.TryGetInt64(out var notBefore) && now + skew < notBefore)
        {
            return JwtStatus.NotYetValid;
        }

        if (payload.TryGetProperty("exp", out var exp) && exp.TryGetInt64(out var expires) && expires != 0 && now - skew > expires)
        {
            return JwtStatus.Expired;
        }

        if (options.Issuer is not null
            && (!payload.TryGetProperty("iss", out var iss) || iss.ValueKind != JsonValueKind.String || iss.GetString() != options.Issuer))
        {
            return JwtStatus.UnknownIssuer;
        }

        if (options.Audiences.Count > 0 && !HasAllowedAudience(payload))
        {
            return JwtStatus.AudienceNotAllowed;
        }

        return null;
    }

    private bool HasAllowedAudience(JsonElement payload)
    {
        if (!payload.TryGetProperty("aud", out var aud))
        {
            return false;
        }

        if (aud.ValueKind == JsonValueKind.String)
        {
            return options.Audiences.Contains(aud.GetString()!);
        }

        if (aud.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in aud.EnumerateArray())
            {
                if (item.ValueKind == JsonValueKind.String && options.Audiences.Contains(item.GetString()!))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static JwtVerification Fail(string status) => new(status, null);
}
