using System.Security.Cryptography;
using Hush.EnvoyEmulator.JwtAuthn;
using Hush.ExtProc.Auth;
using Microsoft.Extensions.Time.Testing;

namespace Hush.ExtProc.Tests.Auth;

/// <summary>The approvers' JWT check: RS256 only, key by kid, signature first, then exp/nbf/iss/aud/sub/groups.</summary>
public sealed class JwtValidatorTests : IDisposable
{
    private readonly TestJwt _jwt = TestJwt.Create();
    private readonly FakeTimeProvider _time = new(TestJwt.Now);

    [Fact]
    public void Validate_ValidToken_ReturnsIdentity()
    {
        var result = Validator().Validate(_jwt.Mint("alice", "sec-approvers", "dev"));
        Assert.True(result.Succeeded, result.Error);
        Assert.Null(result.Error);
        Assert.Equal("alice", result.Identity!.Subject);
        Assert.Equal("alice@example.com", result.Identity.Email);
        Assert.Equal(["sec-approvers", "dev"], result.Identity.Groups);
    }

    [Fact]
    public void Validate_GroupsAsString_SplitOnSpacesAndCommas()
    {
        var claims = TestJwt.Claims("bob");
        claims["groups"] = "sec-approvers, dev ops";
        var result = Validator().Validate(JwtMinter.Mint(_jwt.Key, _jwt.Kid, claims));
        Assert.Equal(["sec-approvers", "dev", "ops"], result.Identity!.Groups);
    }

    [Fact]
    public void Validate_CustomGroupsClaim_ReadsThatClaim()
    {
        var claims = TestJwt.Claims("bob");
        claims["roles"] = new[] { "security" };
        var options = _jwt.Options();
        options.GroupsClaim = "roles";
        var result = new JwtValidator(options, _time).Validate(JwtMinter.Mint(_jwt.Key, _jwt.Kid, claims));
        Assert.Equal(["security"], result.Identity!.Groups);
    }

    [Fact]
    public void Validate_NoGroupsClaim_EmptyGroups()
    {
        var claims = TestJwt.Claims("bob");
        claims.Remove("groups");
        var result = Validator().Validate(JwtMinter.Mint(_jwt.Key, _jwt.Kid, claims));
        Assert.Empty(result.Identity!.Groups);
    }

    [Theory]
    [InlineData(42)]
    [InlineData(true)]
    public void Validate_GroupsOfOtherShape_BadGroups(object groups)
    {
        var claims = TestJwt.Claims("bob");
        claims["groups"] = groups;
        Assert.Equal(JwtErrors.BadGroups, Validator().Validate(JwtMinter.Mint(_jwt.Key, _jwt.Kid, claims)).Error);
        claims["groups"] = new object[] { "ok", 7 };
        Assert.Equal(JwtErrors.BadGroups, Validator().Validate(JwtMinter.Mint(_jwt.Key, _jwt.Kid, claims)).Error);
    }

    [Fact]
    public void Validate_Expired_TokenExpired()
    {
        var token = _jwt.Mint("alice", "sec-approvers");
        _time.Advance(TimeSpan.FromHours(1) + TimeSpan.FromSeconds(30));
        Assert.True(Validator().Validate(token).Succeeded, "within the 60 s clock skew");
        _time.Advance(TimeSpan.FromSeconds(31));
        var result = Validator().Validate(token);
        Assert.False(result.Succeeded);
        Assert.Equal(JwtErrors.Expired, result.Error);
    }

    [Fact]
    public void Validate_NoExp_MissingExp()
    {
        var claims = TestJwt.Claims("alice");
        claims.Remove("exp");
        Assert.Equal(JwtErrors.MissingExpiry, Validator().Validate(JwtMinter.Mint(_jwt.Key, _jwt.Kid, claims)).Error);
        claims["exp"] = "tomorrow";
        Assert.Equal(JwtErrors.MissingExpiry, Validator().Validate(JwtMinter.Mint(_jwt.Key, _jwt.Kid, claims)).Error);
    }

    [Fact]
    public void Validate_NotBeforeInFuture_NotYetValid()
    {
        var claims = TestJwt.Claims("alice");
        claims["nbf"] = TestJwt.Now.AddMinutes(5).ToUnixTimeSeconds();
        var token = JwtMinter.Mint(_jwt.Key, _jwt.Kid, claims);
        Assert.Equal(JwtErrors.NotYetValid, Validator().Validate(token).Error);
        _time.Advance(TimeSpan.FromMinutes(4));
        Assert.True(Validator().Validate(token).Succeeded, "within the clock skew of nbf");
    }

    [Fact]
    public void Validate_SignedByAnotherKey_BadSignature()
    {
        using var other = RSA.Create(2048);
        var token = JwtMinter.Mint(other, _jwt.Kid, TestJwt.Claims("mallory", "sec-approvers"));
        Assert.Equal(JwtErrors.BadSignature, Validator().Validate(token).Error);
    }

    [Fact]
    public void Validate_TamperedPayload_BadSignature()
    {
        var parts = _jwt.Mint("mallory", "dev").Split('.');
        var forged = parts[0] + "." + TestJwt.Encode(TestJwt.Claims("mallory", "sec-approvers")) + "." + parts[2];
        Assert.Equal(JwtErrors.BadSignature, Validator().Validate(forged).Error);
    }

    [Fact]
    public void Validate_UnknownKid_UnknownKid()
    {
        var token = JwtMinter.Mint(_jwt.Key, "someone-elses-kid", TestJwt.Claims("alice"));
        Assert.Equal(JwtErrors.UnknownKey, Validator().Validate(token).Error);
    }

    [Fact]
    public void Validate_NoKidWithSingleKey_Accepted()
    {
        var token = _jwt.MintWithHeader(new Dictionary<string, object?> { ["alg"] = "RS256", ["typ"] = "JWT" }, TestJwt.Claims("alice"));
        Assert.True(Validator().Validate(token).Succeeded);
    }

    [Fact]
    public void Validate_NoKidWithSeveralKeys_KidRequired()
    {
        using var second = TestJwt.Create();
        var options = _jwt.Options();
        options.JwksPath = WriteTemp(second.Jwks);
        try
        {
            var validator = new JwtValidator(options, _time);
            var token = _jwt.MintWithHeader(new Dictionary<string, object?> { ["alg"] = "RS256" }, TestJwt.Claims("alice"));
            Assert.Equal(JwtErrors.KeyIdRequired, validator.Validate(token).Error);
            Assert.True(validator.Validate(second.Mint("carol")).Succeeded, "the file's key verifies its own tokens");
            Assert.True(validator.Validate(_jwt.Mint("alice")).Succeeded, "the inline key still verifies");
        }
        finally
        {
            File.Delete(options.JwksPath);
        }
    }

    [Fact]
    public void Validate_AlgNone_UnsupportedAlg()
    {
        var unsigned = TestJwt.Encode(new Dictionary<string, object?> { ["alg"] = "none", ["typ"] = "JWT" }) + "."
            + TestJwt.Encode(TestJwt.Claims("mallory", "sec-approvers")) + ".";
        Assert.Equal(JwtErrors.UnsupportedAlgorithm, Validator().Validate(unsigned).Error);
    }

    [Fact]
    public void Validate_Hs256KeyedWithThePublicModulus_UnsupportedAlg()
    {
        // The algorithm-confusion attack: an HMAC "signed" with public key material must never verify.
        var modulus = _jwt.Key.ExportParameters(false).Modulus!;
        var token = TestJwt.SignHs256(modulus, new Dictionary<string, object?> { ["alg"] = "HS256", ["kid"] = _jwt.Kid },
            TestJwt.Claims("mallory", "sec-approvers"));
        Assert.Equal(JwtErrors.UnsupportedAlgorithm, Validator().Validate(token).Error);
    }

    [Theory]
    [InlineData("RS384")]
    [InlineData("PS256")]
    [InlineData("ES256")]
    [InlineData("rs256")]
    public void Validate_OtherAlgorithms_UnsupportedAlg(string alg)
    {
        var token = _jwt.MintWithHeader(new Dictionary<string, object?> { ["alg"] = alg, ["kid"] = _jwt.Kid }, TestJwt.Claims("alice"));
        Assert.Equal(JwtErrors.UnsupportedAlgorithm, Validator().Validate(token).Error);
    }

    [Fact]
    public void Validate_CritHeader_Refused()
    {
        var token = _jwt.MintWithHeader(new Dictionary<string, object?> { ["alg"] = "RS256", ["kid"] = _jwt.Kid, ["crit"] = new[] { "exp" } },
            TestJwt.Claims("alice"));
        Assert.Equal(JwtErrors.UnsupportedCritical, Validator().Validate(token).Error);
    }

    [Fact]
    public void Validate_WrongOrMissingIssuer_WrongIssuer()
    {
        var claims = TestJwt.Claims("alice");
        claims["iss"] = "https://evil.example.test";
        Assert.Equal(JwtErrors.WrongIssuer, Validator().Validate(JwtMinter.Mint(_jwt.Key, _jwt.Kid, claims)).Error);
        claims.Remove("iss");
        Assert.Equal(JwtErrors.WrongIssuer, Validator().Validate(JwtMinter.Mint(_jwt.Key, _jwt.Kid, claims)).Error);
    }

    [Fact]
    public void Validate_Audience_OneOfConfiguredRequired()
    {
        var claims = TestJwt.Claims("alice");
        claims["aud"] = "another-service";
        Assert.Equal(JwtErrors.WrongAudience, Validator().Validate(JwtMinter.Mint(_jwt.Key, _jwt.Kid, claims)).Error);
        claims["aud"] = new[] { "another-service", TestJwt.Audience };
        Assert.True(Validator().Validate(JwtMinter.Mint(_jwt.Key, _jwt.Kid, claims)).Succeeded);
        claims.Remove("aud");
        Assert.Equal(JwtErrors.WrongAudience, Validator().Validate(JwtMinter.Mint(_jwt.Key, _jwt.Kid, claims)).Error);
    }

    [Fact]
    public void Validate_NoIssuerOrAudienceConfigured_AnyAccepted()
    {
        var claims = TestJwt.Claims("alice");
        claims["iss"] = "https://other.example.test";
        claims["aud"] = "x";
        var validator = new JwtValidator(new AuthOptions { Jwks = _jwt.Jwks }, _time);
        Assert.True(validator.Validate(JwtMinter.Mint(_jwt.Key, _jwt.Kid, claims)).Succeeded);
    }

    [Fact]
    public void Validate_NoSubject_MissingSub()
    {
        var claims = TestJwt.Claims("alice");
        claims["sub"] = "";
        Assert.Equal(JwtErrors.MissingSubject, Validator().Validate(JwtMinter.Mint(_jwt.Key, _jwt.Kid, claims)).Error);
        claims.Remove("sub");
        Assert.Equal(JwtErrors.MissingSubject, Validator().Validate(JwtMinter.Mint(_jwt.Key, _jwt.Kid, claims)).Error);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("a.b")]
    [InlineData("a.b.c.d")]
    [InlineData(".payload.sig")]
    [InlineData("head..sig")]
    [InlineData("!!!.###.$$$")]
    [InlineData("WzFd.e30.c2ln")]
    public void Validate_Malformed_MalformedToken(string token) =>
        Assert.Equal(JwtErrors.Malformed, Validator().Validate(token).Error);

    [Fact]
    public void Validate_SignedPayloadNotJson_MalformedToken()
    {
        var header = TestJwt.Encode(new Dictionary<string, object?> { ["alg"] = "RS256", ["kid"] = _jwt.Kid });
        var input = header + "." + Base64Url.Encode("not json"u8);
        var signature = _jwt.Key.SignData(System.Text.Encoding.ASCII.GetBytes(input), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        Assert.Equal(JwtErrors.Malformed, Validator().Validate(input + "." + Base64Url.Encode(signature)).Error);
    }

    [Fact]
    public void Validate_Oversized_MalformedToken()
    {
        var token = _jwt.Mint("alice") + new string('A', JwtValidator.MaxTokenLength);
        Assert.Equal(JwtErrors.Malformed, Validator().Validate(token).Error);
    }

    [Fact]
    public void Validate_NoToken_MissingToken()
    {
        Assert.Equal(JwtErrors.MissingToken, Validator().Validate(null).Error);
        Assert.Equal(JwtErrors.MissingToken, Validator().Validate("").Error);
    }

    [Fact]
    public void Validate_NoKeysConfigured_NotConfigured()
    {
        var validator = new JwtValidator(new AuthOptions(), _time);
        Assert.False(validator.Configured);
        Assert.Equal(JwtErrors.NotConfigured, validator.Validate(_jwt.Mint("alice")).Error);
    }

    [Fact]
    public void Validate_KeyRotatedInFile_PicksUpNewKidAfterReloadInterval()
    {
        var path = WriteTemp(_jwt.Jwks);
        try
        {
            var validator = new JwtValidator(new AuthOptions { JwksPath = path }, _time);
            using var rotated = TestJwt.Create();
            File.WriteAllText(path, rotated.Jwks);
            Assert.Equal(JwtErrors.UnknownKey, validator.Validate(rotated.Mint("alice")).Error);
            _time.Advance(TimeSpan.FromSeconds(31));
            Assert.True(validator.Validate(rotated.Mint("alice")).Succeeded, "re-read the rotated JWKS");
            Assert.Equal(JwtErrors.UnknownKey, validator.Validate(_jwt.Mint("alice")).Error);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void IsAuditor_DefaultAndConfiguredGroups()
    {
        Assert.True(Validator().IsAuditor(["dev", "auditors"]));
        Assert.True(Validator().IsAuditor(["security"]));
        Assert.False(Validator().IsAuditor(["dev", "Security"]));
        var options = _jwt.Options();
        options.AuditorGroups = ["compliance"];
        var custom = new JwtValidator(options, _time);
        Assert.True(custom.IsAuditor(["compliance"]));
        Assert.False(custom.IsAuditor(["security"]));
    }

    /// <inheritdoc/>
    public void Dispose() => _jwt.Dispose();

    private JwtValidator Validator() => new(_jwt.Options(), _time);

    private static string WriteTemp(string content)
    {
        var path = Path.Combine(Path.GetTempPath(), "hush-jwks-" + Guid.NewGuid().ToString("N") + ".json");
        File.WriteAllText(path, content);
        return path;
    }
}
