using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using CsCheck;
using Hush.Policy.Matching;
using Hush.Policy.Rules;

namespace Hush.Policy.Tests.Matching;

public sealed class HmacPlaceholderTests
{
    private const string KeyA = "deployment-key-aaaaaaaaaaaaaaaa";
    private const string KeyB = "deployment-key-bbbbbbbbbbbbbbbb";
    private static readonly Lazy<CompiledPolicy> s_policy = new(() => TestPolicies.Compile(
        new TestRule("aws", @"\bAKIA[A-Z2-7]{16}\b") { Replacement = "[MASKED:{id}:{hmac:16}]" }));

    [Fact]
    public void Placeholder_IsKeyedHmacOfTheSecret()
    {
        var secret = "AKIAQYLPMN5HFIQR7XYA";
        var expected = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(KeyA), Encoding.UTF8.GetBytes(secret)))[..16];
        Assert.Equal($"key [MASKED:aws:{expected}] end", Mask(KeyA, $"key {secret} end"));
    }

    [Fact]
    public void SameSecret_SamePlaceholderEverywhere_DifferentSecretOrKeyDiffers()
    {
        var one = Mask(KeyA, "a AKIAQYLPMN5HFIQR7XYA b AKIAQYLPMN5HFIQR7XYA c AKIAZZZZMN5HFIQR7XYA");
        var parts = one.Split(' ');
        Assert.Equal(parts[1], parts[3]);
        Assert.NotEqual(parts[1], parts[5]);
        Assert.Equal(one, Mask(KeyA, "a AKIAQYLPMN5HFIQR7XYA b AKIAQYLPMN5HFIQR7XYA c AKIAZZZZMN5HFIQR7XYA"));
        Assert.NotEqual(one, Mask(KeyB, "a AKIAQYLPMN5HFIQR7XYA b AKIAQYLPMN5HFIQR7XYA c AKIAZZZZMN5HFIQR7XYA"));
        Assert.DoesNotContain(KeyA, one, StringComparison.Ordinal);
    }

    [Fact]
    public void Placeholder_IndependentOfChunking() =>
        Gen.Int[1, 9].Sample(size =>
        {
            var text = Encoding.UTF8.GetBytes("x AKIAQYLPMN5HFIQR7XYA y");
            var matcher = new PolicyMatcher(s_policy.Value, RuleDirection.Response, PolicyMatcher.DefaultConfirmTimeout, Encoding.UTF8.GetBytes(KeyA));
            var stream = matcher.CreateStream();
            var output = new ArrayBufferWriter<byte>();
            for (var i = 0; i < text.Length; i += size)
            {
                stream.Write(text.AsSpan(i, Math.Min(size, text.Length - i)), output);
            }

            stream.Complete(output);
            Assert.Equal(Mask(KeyA, "x AKIAQYLPMN5HFIQR7XYA y"), Encoding.UTF8.GetString(output.WrittenSpan));
        }, iter: 30);

    [Fact]
    public void Matcher_ReportsThatItNeedsAKey()
    {
        Assert.True(new PolicyMatcher(s_policy.Value, RuleDirection.Response).UsesPlaceholderKey);
        Assert.False(new PolicyMatcher(TestPolicies.Compile(new TestRule("aws", @"AKIA[A-Z2-7]{16}")), RuleDirection.Response).UsesPlaceholderKey);
    }

    private static string Mask(string key, string text) => Encoding.UTF8.GetString(
        new PolicyMatcher(s_policy.Value, RuleDirection.Response, PolicyMatcher.DefaultConfirmTimeout, Encoding.UTF8.GetBytes(key))
            .MaskAll(Encoding.UTF8.GetBytes(text)));
}
