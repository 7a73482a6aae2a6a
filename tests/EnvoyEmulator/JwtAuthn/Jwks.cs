using System.Security.Cryptography;
using System.Text.Json;

namespace Hush.EnvoyEmulator.JwtAuthn;

/// <summary>A JSON Web Key Set (RSA keys only, as Envoy's jwt_authn needs for RS256).</summary>
public sealed class Jwks
{
    private Jwks(IReadOnlyList<JwksKey> keys) => Keys = keys;

    /// <summary>The RSA keys.</summary>
    public IReadOnlyList<JwksKey> Keys { get; }

    /// <summary>Reads a JWKS file (<c>local_jwks.filename</c>).</summary>
    public static Jwks Load(string path) => Parse(File.ReadAllText(path));

    /// <summary>Parses a JWKS document (<c>local_jwks.inline_string</c>).</summary>
    public static Jwks Parse(string json)
    {
        using var doc = JsonDocument.Parse(json);
        var keys = new List<JwksKey>();
        if (doc.RootElement.TryGetProperty("keys", out var array) && array.ValueKind == JsonValueKind.Array)
        {
            foreach (var key in array.EnumerateArray())
            {
                if (key.TryGetProperty("kty", out var kty) && kty.GetString() == "RSA"
                    && key.TryGetProperty("n", out var n) && key.TryGetProperty("e", out var e))
                {
                    keys.Add(new JwksKey(
                        key.TryGetProperty("kid", out var kid) ? kid.GetString() : null,
                        key.TryGetProperty("alg", out var alg) ? alg.GetString() : null,
                        new RSAParameters { Modulus = Base64Url.Decode(n.GetString()!), Exponent = Base64Url.Decode(e.GetString()!) }));
                }
            }
        }

        return new Jwks(keys);
    }

    /// <summary>A JWKS document with one RS256 signing key.</summary>
    public static string ToJson(RSAParameters publicKey, string kid) => JsonSerializer.Serialize(new
    {
        keys = new[]
        {
            new { kty = "RSA", kid, use = "sig", alg = "RS256", n = Base64Url.Encode(publicKey.Modulus!), e = Base64Url.Encode(publicKey.Exponent!) },
        },
    });
}
