using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Hush.EnvoyEmulator.JwtAuthn;
using Hush.ExtProc.Auth;

namespace Hush.ExtProc.Tests.Auth;

/// <summary>An RS256 key generated in-test, its JWKS, and tokens minted with it (fake identities only).</summary>
internal sealed class TestJwt : IDisposable
{
    /// <summary>The issuer the test options require.</summary>
    public const string Issuer = "https://idp.example.test";

    /// <summary>The audience the test options require.</summary>
    public const string Audience = "hush-approvals";

    /// <summary>The fixed clock of the tests.</summary>
    public static readonly DateTimeOffset Now = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);

    private TestJwt(RSA key, string kid)
    {
        Key = key;
        Kid = kid;
        Jwks = Hush.EnvoyEmulator.JwtAuthn.Jwks.ToJson(key.ExportParameters(false), kid);
    }

    /// <summary>The signing key.</summary>
    public RSA Key { get; }

    /// <summary>Its key id.</summary>
    public string Kid { get; }

    /// <summary>A JWKS holding the public key.</summary>
    public string Jwks { get; }

    /// <summary>A fresh 2048-bit key.</summary>
    public static TestJwt Create()
    {
        var key = RSA.Create(2048);
        return new TestJwt(key, JwtMinter.KidOf(key.ExportParameters(false)));
    }

    /// <summary>Options accepting this key, <see cref="Issuer"/> and <see cref="Audience"/>.</summary>
    public AuthOptions Options() => new() { Jwks = Jwks, Issuer = Issuer, Audiences = [Audience] };

    /// <summary>A valid token for <paramref name="subject"/> in <paramref name="groups"/> (an array claim), valid for an hour from <see cref="Now"/>.</summary>
    public string Mint(string subject, params string[] groups) =>
        JwtMinter.Mint(Key, Kid, Claims(subject, groups));

    /// <summary>As <see cref="Mint"/>, valid for an hour from the real clock (for servers on <see cref="TimeProvider.System"/>).</summary>
    public string MintNow(string subject, params string[] groups)
    {
        var claims = Claims(subject, groups);
        var now = DateTimeOffset.UtcNow;
        claims["iat"] = now.ToUnixTimeSeconds();
        claims["exp"] = now.AddHours(1).ToUnixTimeSeconds();
        return JwtMinter.Mint(Key, Kid, claims);
    }

    /// <summary>The standard claims of <see cref="Mint"/>, for tests that change one.</summary>
    public static Dictionary<string, object?> Claims(string subject, params string[] groups)
    {
        var claims = JwtMinter.Claims(Issuer, Audience, subject, Now, TimeSpan.FromHours(1));
        claims["email"] = subject + "@example.com";
        claims["groups"] = groups;
        return claims;
    }

    /// <summary>Signs <paramref name="claims"/> with <see cref="Key"/> under an arbitrary header (RS256 signature whatever the header says).</summary>
    public string MintWithHeader(IReadOnlyDictionary<string, object?> header, IReadOnlyDictionary<string, object?> claims) =>
        SignRs256(Key, header, claims);

    /// <summary>Signs with RS256 under <paramref name="header"/>.</summary>
    public static string SignRs256(RSA key, IReadOnlyDictionary<string, object?> header, IReadOnlyDictionary<string, object?> claims)
    {
        var input = Encode(header) + "." + Encode(claims);
        var signature = key.SignData(Encoding.ASCII.GetBytes(input), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return input + "." + Base64Url.Encode(signature);
    }

    /// <summary>An HS256 token whose HMAC key is <paramref name="secret"/> (the classic JWKS-modulus-as-secret confusion attack).</summary>
    public static string SignHs256(byte[] secret, IReadOnlyDictionary<string, object?> header, IReadOnlyDictionary<string, object?> claims)
    {
        var input = Encode(header) + "." + Encode(claims);
        return input + "." + Base64Url.Encode(HMACSHA256.HashData(secret, Encoding.ASCII.GetBytes(input)));
    }

    /// <summary>Base64url of the JSON of <paramref name="value"/>.</summary>
    public static string Encode(object value) => Base64Url.Encode(JsonSerializer.SerializeToUtf8Bytes(value));

    /// <inheritdoc/>
    public void Dispose() => Key.Dispose();
}
