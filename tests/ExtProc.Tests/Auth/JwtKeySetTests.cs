using Hush.EnvoyEmulator.JwtAuthn;
using Hush.ExtProc.Auth;

namespace Hush.ExtProc.Tests.Auth;

/// <summary>Reading the JWKS: usable RSA signing keys only, and configuration errors that name the setting.</summary>
public sealed class JwtKeySetTests : IDisposable
{
    private readonly TestJwt _jwt = TestJwt.Create();

    [Fact]
    public void Load_KeysForOtherUsesOrAlgorithms_LeftOut()
    {
        var n = Base64Url.Encode(_jwt.Key.ExportParameters(false).Modulus!);
        var jwks = "{\"keys\":[{\"kty\":\"RSA\",\"kid\":\"enc\",\"use\":\"enc\",\"n\":\"" + n + "\",\"e\":\"AQAB\"},"
            + "{\"kty\":\"RSA\",\"kid\":\"ps\",\"alg\":\"PS256\",\"n\":\"" + n + "\",\"e\":\"AQAB\"},"
            + "{\"kty\":\"EC\",\"kid\":\"ec\",\"crv\":\"P-256\",\"x\":\"AA\",\"y\":\"AA\"},"
            + "{\"kty\":\"RSA\",\"kid\":\"ok\",\"n\":\"" + n + "\",\"e\":\"AQAB\"}]}";
        var set = JwtKeySet.Load(new AuthOptions { Jwks = jwks });
        Assert.Equal(["ok"], set.Keys.Select(k => k.Kid));
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[1,2]")]
    [InlineData("{\"keys\":{}}")]
    public void Load_NotAJwks_ThrowsNamingTheSetting(string jwks)
    {
        var ex = Assert.Throws<InvalidOperationException>(() => JwtKeySet.Load(new AuthOptions { Jwks = jwks }));
        Assert.Contains("Hush:Auth:Jwks", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MissingFile_ThrowsNamingTheSetting()
    {
        var ex = Assert.Throws<InvalidOperationException>(() =>
            JwtKeySet.Load(new AuthOptions { JwksPath = Path.Combine(Path.GetTempPath(), "hush-no-such-" + Guid.NewGuid().ToString("N")) }));
        Assert.Contains("Hush:Auth:JwksPath", ex.Message, StringComparison.Ordinal);
    }

    /// <inheritdoc/>
    public void Dispose() => _jwt.Dispose();
}
