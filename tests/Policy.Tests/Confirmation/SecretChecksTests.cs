using Hush.Policy.Confirmation;

namespace Hush.Policy.Tests.Confirmation;

public sealed class SecretChecksTests
{
    [Fact]
    public void Entropy_SingleSymbol_IsZero() => Assert.Equal(0, SecretChecks.ShannonEntropy("aaaaaaaa"u8));

    [Fact]
    public void Entropy_TwoSymbolsEven_IsOneBit() => Assert.Equal(1.0, SecretChecks.ShannonEntropy("abababab"u8), 9);

    [Fact]
    public void Entropy_SixteenDistinct_IsFourBits() => Assert.Equal(4.0, SecretChecks.ShannonEntropy("0123456789abcdef"u8), 9);

    [Fact]
    public void Entropy_Empty_IsZero() => Assert.Equal(0, SecretChecks.ShannonEntropy([]));

    [Theory]
    [InlineData("AKIAEXAMPLEKEY", "example", true)]
    [InlineData("akiaexamplekey", "EXAMPLE", true)]
    [InlineData("AKIAEXAMPLEKEY", "sample", false)]
    [InlineData("abc", "abcd", false)]
    [InlineData("abc", "", true)]
    public void ContainsIgnoreAsciiCase_FoldsAsciiOnly(string haystack, string needle, bool expected) =>
        Assert.Equal(expected, SecretChecks.ContainsIgnoreAsciiCase(
            System.Text.Encoding.Latin1.GetBytes(haystack), System.Text.Encoding.Latin1.GetBytes(needle)));

    [Fact]
    public void ContainsIgnoreAsciiCase_NonAsciiNotFolded() =>
        Assert.False(SecretChecks.ContainsIgnoreAsciiCase([0xE9], [0xC9]));
}
