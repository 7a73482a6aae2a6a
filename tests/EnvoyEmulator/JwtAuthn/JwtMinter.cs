using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Hush.EnvoyEmulator.JwtAuthn;

/// <summary>Test-token tooling: RS256 key pairs with a JWKS, and signed tokens (fake identities only).</summary>
public static class JwtMinter
{
    /// <summary>The kid derived from a public key: first 16 hex digits of SHA-256 over the modulus.</summary>
    public static string KidOf(RSAParameters publicKey) => Convert.ToHexStringLower(SHA256.HashData(publicKey.Modulus!))[..16];

    /// <summary>Writes <c>jwt-private.pem</c> (PKCS#8) and <c>jwks.json</c> into <paramref name="directory"/>; returns the kid.</summary>
    public static string GenerateKeyFiles(string directory)
    {
        Directory.CreateDirectory(directory);
        using var rsa = RSA.Create(2048);
        var publicKey = rsa.ExportParameters(includePrivateParameters: false);
        var kid = KidOf(publicKey);
        File.WriteAllText(Path.Combine(directory, "jwt-private.pem"), rsa.ExportPkcs8PrivateKeyPem());
        File.WriteAllText(Path.Combine(directory, "jwks.json"), Jwks.ToJson(publicKey, kid));
        return kid;
    }

    /// <summary>Signs <paramref name="claims"/> with RS256 under <paramref name="kid"/>.</summary>
    public static string Mint(RSA key, string kid, IReadOnlyDictionary<string, object?> claims)
    {
        ArgumentNullException.ThrowIfNull(key);
        var header = Base64Url.Encode(JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string> { ["alg"] = "RS256", ["typ"] = "JWT", ["kid"] = kid }));
        var payload = Base64Url.Encode(JsonSerializer.SerializeToUtf8Bytes(claims));
        var signingInput = header + "." + payload;
        var signature = key.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return signingInput + "." + Base64Url.Encode(signature);
    }

    /// <summary>Standard claims (iss, aud, sub, iat, exp) plus <paramref name="extra"/>.</summary>
    public static Dictionary<string, object?> Claims(string issuer, string audience, string subject, DateTimeOffset now, TimeSpan ttl, IReadOnlyDictionary<string, object?>? extra = null)
    {
        var claims = new Dictionary<string, object?>
        {
            ["iss"] = issuer,
            ["aud"] = audience,
            ["sub"] = subject,
            ["iat"] = now.ToUnixTimeSeconds(),
            ["exp"] = (now + ttl).ToUnixTimeSeconds(),
        };
        if (extra is not null)
        {
            foreach (var (k, v) in extra)
            {
                claims[k] = v;
            }
        }

        return claims;
    }
}
