using System.Text;
using Hush.Policy.Confirmation;
using Hush.Policy.Rules;

namespace Hush.Policy.Tests.Confirmation;

public sealed class SecretValidatorsTests
{
    private const string Random30 = "A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5";

    private static byte[] B(string s) => Encoding.Latin1.GetBytes(s);

    private static string Token(string prefix) => prefix + Random30 + SecretValidators.GithubChecksum(B(Random30));

    [Fact]
    public void Crc32_KnownVector_Matches() => Assert.Equal(0xCBF43926u, Crc32.Compute("123456789"u8));

    [Fact]
    public void Crc32_Empty_IsZero() => Assert.Equal(0u, Crc32.Compute([]));

    [Theory]
    [InlineData("ghp_")]
    [InlineData("gho_")]
    [InlineData("ghu_")]
    [InlineData("ghs_")]
    [InlineData("ghr_")]
    public void GithubToken_ValidChecksum_Passes(string prefix) =>
        Assert.True(SecretValidators.Passes(ValidatorKind.GithubCrc32, B(Token(prefix))));

    [Fact]
    public void GithubToken_ChecksumIsSixBase62Digits() =>
        Assert.Matches("^[0-9A-Za-z]{6}$", SecretValidators.GithubChecksum(B(Random30)));

    [Fact]
    public void GithubToken_AlteredChecksum_Fails()
    {
        var token = Token("ghp_").ToCharArray();
        token[^1] = token[^1] == 'a' ? 'b' : 'a';
        Assert.False(SecretValidators.IsGithubToken(B(new string(token))));
    }

    [Fact]
    public void GithubToken_AlteredRandomPart_Fails()
    {
        var token = Token("ghp_").ToCharArray();
        token[10] = token[10] == 'x' ? 'y' : 'x';
        Assert.False(SecretValidators.IsGithubToken(B(new string(token))));
    }

    [Theory]
    [InlineData("ghx_A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5000000")]
    [InlineData("ghp_short")]
    [InlineData("")]
    public void GithubToken_WrongShape_Fails(string token) => Assert.False(SecretValidators.IsGithubToken(B(token)));

    [Fact]
    public void GithubToken_NonBase62Character_Fails()
    {
        var token = Token("ghp_").ToCharArray();
        token[5] = '-';
        Assert.False(SecretValidators.IsGithubToken(B(new string(token))));
    }

    [Theory]
    [InlineData("4111111111111111")]
    [InlineData("4111 1111 1111 1111")]
    [InlineData("5500-0000-0000-0004")]
    [InlineData("378282246310005")]
    public void Luhn_ValidNumbers_Pass(string number) => Assert.True(SecretValidators.PassesLuhn(B(number)));

    [Theory]
    [InlineData("4111111111111112")]
    [InlineData("41111111111")]
    [InlineData("41111111111111111111")]
    [InlineData("4111x111111111111")]
    public void Luhn_InvalidNumbers_Fail(string number) => Assert.False(SecretValidators.PassesLuhn(B(number)));

    [Fact]
    public void Jwt_HeaderWithAlg_Passes()
    {
        var jwt = B64("{\"alg\":\"HS256\",\"typ\":\"JWT\"}") + "." + B64("{\"sub\":\"1\"}") + ".c2ln";
        Assert.True(SecretValidators.IsJwt(B(jwt)));
    }

    [Fact]
    public void Jwt_EmptySignature_Passes()
    {
        var jwt = B64("{\"typ\":\"JWT\",\"alg\":\"none\"}") + "." + B64("{\"sub\":\"1\"}") + ".";
        Assert.True(SecretValidators.IsJwt(B(jwt)));
    }

    [Theory]
    [InlineData("{\"typ\":\"JWT\"}")]
    [InlineData("{\"alg\":5}")]
    [InlineData("[\"alg\"]")]
    [InlineData("not json")]
    public void Jwt_HeaderWithoutStringAlg_Fails(string header)
    {
        var jwt = B64(header) + "." + B64("{\"sub\":\"1\"}") + ".c2ln";
        Assert.False(SecretValidators.IsJwt(B(jwt)));
    }

    [Theory]
    [InlineData("abc.def")]
    [InlineData("a.b.c.d")]
    [InlineData(".eyJ.x")]
    [InlineData("eyJh bGc.eyJ.x")]
    public void Jwt_WrongShape_Fails(string jwt) => Assert.False(SecretValidators.IsJwt(B(jwt)));

    [Fact]
    public void None_AlwaysPasses() => Assert.True(SecretValidators.Passes(ValidatorKind.None, B("anything")));

    private static string B64(string json) => Convert.ToBase64String(Encoding.UTF8.GetBytes(json)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
