using System.Buffers;
using System.Text;
using CsCheck;
using Hush.Policy.Matching;
using Hush.Policy.Rules;

namespace Hush.Policy.Tests.Matching;

/// <summary>
/// Rules woken by a literal that secret bytes precede (look-back): the secret's head must still be held when the
/// literal arrives, at every chunking.
/// </summary>
public sealed class LookBackTests
{
    /// <summary>gitleaks' hashicorp-tf-api-token: 14 secret bytes before ".atlasv1.".</summary>
    internal const string Hashicorp = @"(?i)[a-z0-9]{14}\.(?-i:atlasv1)\.[a-z0-9\-_=]{60,70}";

    /// <summary>gitleaks' slack-webhook-url: up to 8 scheme bytes before "hooks".</summary>
    internal const string SlackWebhook = "(?:https?://)?hooks.slack.com/(?:services|workflows|triggers)/[A-Za-z0-9+/]{43,56}";

    private static readonly Gen<string> s_alnum =
        Gen.Char["abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"].Array[1, 80].Select(a => new string(a));

    /// <summary>Fake hashicorp tokens.</summary>
    internal static readonly Gen<string> HashicorpToken =
        Gen.Select(s_alnum, s_alnum).Select((a, b) => (a + "ABCDEFGHIJKLMN")[..14] + ".atlasv1." + (b + new string('z', 60))[..60]);

    /// <summary>Fake slack webhook URLs with and without their scheme.</summary>
    internal static readonly Gen<string> SlackWebhookUrl =
        Gen.Select(Gen.OneOf(Gen.Const("https://"), Gen.Const("http://"), Gen.Const("")), s_alnum)
            .Select((scheme, b) => scheme + "hooks.slack.com/services/" + (b + new string('Q', 44))[..44]);

    private static readonly Lazy<PolicyMatcher> s_matcher = new(() => TestPolicies.Matcher(
        new TestRule("hashicorp", Hashicorp),
        new TestRule("slack-webhook", SlackWebhook),
        new TestRule("aws", @"\b((?:AKIA|ASIA)[0-9A-Z]{16})\b", 1)));

    private static byte[] Stream(PolicyMatcher matcher, byte[] input, int[] chunks, out int maxHeld)
    {
        var stream = matcher.CreateStream();
        var output = new ArrayBufferWriter<byte>();
        maxHeld = 0;
        for (int offset = 0, k = 0; offset < input.Length; k++)
        {
            var size = Math.Min(chunks[k % chunks.Length], input.Length - offset);
            stream.Write(input.AsSpan(offset, size), output);
            offset += size;
            maxHeld = Math.Max(maxHeld, stream.HeldBytes);
        }

        stream.Complete(output);
        return output.WrittenSpan.ToArray();
    }

    [Fact]
    public void Compile_LookBackRules_AreNotAlwaysOn()
    {
        var matcher = s_matcher.Value;
        Assert.Empty(matcher.AlwaysOnRules);
        Assert.Equal(14, matcher.MaxLookBack);
        Assert.Equal(2, matcher.LookBackRules.Length);
    }

    [Fact]
    public void PlantedHashicorp_MaskedAtEveryUniformChunking()
    {
        var token = "Ab3dEf6hIj9kLm.atlasv1." + new string('x', 60);
        var input = Encoding.ASCII.GetBytes("prefix words and a run abc " + token + " tail");
        for (var size = 1; size <= input.Length; size++)
        {
            var output = Encoding.ASCII.GetString(Stream(s_matcher.Value, input, [size], out _));
            Assert.Equal("prefix words and a run abc [MASKED:hashicorp] tail", output);
        }
    }

    [Fact]
    public void PlantedSecrets_MaskedAtRandomChunkings()
    {
        var matcher = s_matcher.Value;
        var filler = Gen.String[Gen.Char["abcdefghijklmnopqrstuvwxyz0123456789 .:/\n"], 0, 40];
        Gen.Select(filler, Gen.OneOf(HashicorpToken, SlackWebhookUrl), filler, Gen.Int[1, 40].Array[1, 6])
            .Sample((before, secret, after, chunks) =>
            {
                var input = Encoding.ASCII.GetBytes(before + " " + secret + " " + after);
                var output = Stream(matcher, input, chunks, out var maxHeld);
                Assert.Equal(matcher.MaskAll(input), output);
                Assert.True(output.AsSpan().IndexOf(Encoding.ASCII.GetBytes(secret)) < 0, "a planted secret reached the output");
                Assert.True(Encoding.ASCII.GetString(output).Contains("[MASKED:", StringComparison.Ordinal), "nothing was masked");
                Assert.True(maxHeld <= matcher.HoldBackBound, $"held {maxHeld} > bound {matcher.HoldBackBound}");
            }, iter: 400);
    }

    [Fact]
    public void TrailingLookBackRun_IsHeldUntilTheLiteralCannotFollow()
    {
        var stream = s_matcher.Value.CreateStream();
        var output = new ArrayBufferWriter<byte>();
        stream.Write("text Ab3dEf6hIj9kLmNoPq"u8, output);

        // At most K = 14 alphanumeric bytes may still turn out to be the token's head.
        Assert.Equal(14, stream.HeldBytes);
        stream.Write(" "u8, output);
        Assert.Equal(0, stream.HeldBytes);
        stream.Complete(output);
        Assert.Equal("text Ab3dEf6hIj9kLmNoPq ", Encoding.ASCII.GetString(output.WrittenSpan));
    }

    [Fact]
    public void PartialLiteral_HoldsTheRunBeforeIt()
    {
        var stream = s_matcher.Value.CreateStream();
        var output = new ArrayBufferWriter<byte>();
        stream.Write("key Ab3dEf6hIj9kLm.atl"u8, output);
        Assert.Equal(18, stream.HeldBytes);
        stream.Write(Encoding.ASCII.GetBytes("asv1." + new string('q', 60) + " "), output);
        stream.Complete(output);
        Assert.Equal("key [MASKED:hashicorp] ", Encoding.ASCII.GetString(output.WrittenSpan));
    }

    [Fact]
    public void HoldBackBound_IncludesLookBack()
    {
        var matcher = s_matcher.Value;
        var plain = TestPolicies.Matcher(new TestRule("aws", @"\b((?:AKIA|ASIA)[0-9A-Z]{16})\b", 1));
        Assert.True(matcher.HoldBackBound >= 3L * matcher.MaxMatchLength + matcher.MaxLookBack);
        Assert.Equal(0, plain.MaxLookBack);
    }
}
