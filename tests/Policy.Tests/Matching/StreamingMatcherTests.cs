using System.Buffers;
using System.Text;
using Hush.Policy.Matching;
using Hush.Policy.Rules;

namespace Hush.Policy.Tests.Matching;

public sealed class StreamingMatcherTests
{
    private static readonly TestRule s_aws = new("aws", @"\b((?:AKIA|ASIA)[0-9A-Z]{16})\b", 1);

    private static byte[] B(string s) => Encoding.UTF8.GetBytes(s);

    private static string S(ArrayBufferWriter<byte> w) => Encoding.UTF8.GetString(w.WrittenSpan);

    [Fact]
    public void Write_NoLiteral_ReleasesEverything()
    {
        var stream = TestPolicies.Matcher(s_aws).CreateStream();
        var output = new ArrayBufferWriter<byte>();
        stream.Write(B("hello world "), output);
        Assert.Equal(0, stream.HeldBytes);
        Assert.Equal("hello world ", S(output));
        Assert.Equal(12, stream.Position);
    }

    [Fact]
    public void Write_PartialLiteralAtEnd_IsHeld()
    {
        var stream = TestPolicies.Matcher(s_aws).CreateStream();
        var output = new ArrayBufferWriter<byte>();
        stream.Write(B("key: AK"), output);
        Assert.Equal(2, stream.HeldBytes);
        Assert.Equal("key: ", S(output));
        stream.Write(B("IAQ3EGRT7NBVMWXYZ1 rest"), output);
        stream.Complete(output);
        Assert.Equal("key: [MASKED:aws] rest", S(output));
    }

    [Fact]
    public void Write_SecretInProgress_HoldsFromSecretStart()
    {
        var stream = TestPolicies.Matcher(s_aws).CreateStream();
        var output = new ArrayBufferWriter<byte>();
        stream.Write(B("id AKIAQ3EG"), output);
        Assert.Equal("id ", S(output));
        Assert.Equal(8, stream.HeldBytes);
    }

    [Fact]
    public void Write_NearMissResolved_ReleasesHeldBytes()
    {
        var stream = TestPolicies.Matcher(s_aws).CreateStream();
        var output = new ArrayBufferWriter<byte>();
        stream.Write(B("id AKIAQ3EG"), output);
        stream.Write(B(" and more text\n"), output);
        Assert.Equal(0, stream.HeldBytes);
        Assert.Equal("id AKIAQ3EG and more text\n", S(output));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(5)]
    [InlineData(64)]
    public void Write_InnerLiteralFoundFirst_OuterLiteralStillStartsTheScan(int chunk)
    {
        // "token" lies inside "x_token_id" and ends first: at small chunks its hit wakes the rule at offset 2, and
        // the match starting at 0 is found only because the later hit of the outer literal scans again from 0.
        var matcher = TestPolicies.Matcher(new TestRule("tok", @"(?:token|x_token_id)\s{0,3}[:=]\s{0,3}([A-Za-z0-9]{12})", 1));
        var input = B("x_token_id = Zq8xYt3LmN0p and token: Ab3dEf6hIj9k.");
        var stream = matcher.CreateStream();
        var output = new ArrayBufferWriter<byte>();
        for (var at = 0; at < input.Length; at += chunk)
        {
            stream.Write(input.AsSpan(at, Math.Min(chunk, input.Length - at)), output);
        }

        stream.Complete(output);
        Assert.Equal("x_token_id = [MASKED:tok] and token: [MASKED:tok].", S(output));
        Assert.Equal([new MatchEvent(0, RuleAction.Mask, 13, 25), new MatchEvent(0, RuleAction.Mask, 37, 49)],
            stream.Events.ToArray().OrderBy(e => e.Start).ToArray());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(4096)]
    public void Write_KeywordNearMisses_SettleWithoutHidingTheRealMatch(int chunk)
    {
        // Hits of "token" that die within a few bytes are settled at the hit; the one that matches must still be
        // found however the text is cut (with one-byte chunks no hit can be settled at once).
        var matcher = TestPolicies.Matcher(new TestRule("tok", @"(?i)token\s{0,3}[:=]\s{0,3}([a-z0-9]{12})", 1));
        var text = string.Concat(Enumerable.Repeat("max_tokens: 5, TOKENS=9, tokenizer; ", 40))
            + "token = abcdef123456 and tokens: 7";
        var input = B(text);
        var stream = matcher.CreateStream();
        var output = new ArrayBufferWriter<byte>();
        for (var at = 0; at < input.Length; at += chunk)
        {
            stream.Write(input.AsSpan(at, Math.Min(chunk, input.Length - at)), output);
        }

        stream.Complete(output);
        Assert.Equal(text.Replace("abcdef123456", "[MASKED:tok]", StringComparison.Ordinal), S(output));
        Assert.Equal([new MatchEvent(0, RuleAction.Mask, text.IndexOf("abcdef", StringComparison.Ordinal), text.IndexOf("abcdef", StringComparison.Ordinal) + 12)],
            stream.Events.ToArray());
    }

    [Fact]
    public void Events_ReportMaskAndHoldWithOffsets()
    {
        var matcher = TestPolicies.Matcher(
            new TestRule("destroy", @"\bterraform\s{1,5}destroy\b") { Action = RuleAction.Hold }, s_aws);
        var stream = matcher.CreateStream();
        var output = new ArrayBufferWriter<byte>();
        stream.Write(B("terraform destroy AKIAQ3EGRT7NBVMWXYZ1"), output);
        stream.Complete(output);
        var events = stream.Events.ToArray().OrderBy(e => e.Start).ToArray();
        Assert.Equal([new MatchEvent(0, RuleAction.Hold, 0, 17), new MatchEvent(1, RuleAction.Mask, 18, 38)], events);
        stream.ClearEvents();
        Assert.Equal(0, stream.Events.Length);
    }

    [Fact]
    public void Direction_RuleForOtherDirection_Ignored()
    {
        var policy = TestPolicies.Compile(s_aws with { Direction = RuleDirection.Request });
        var input = B("AKIAQ3EGRT7NBVMWXYZ1");
        Assert.Equal(input, new PolicyMatcher(policy, RuleDirection.Response).MaskAll(input));
        Assert.Equal("[MASKED:aws]", Encoding.UTF8.GetString(new PolicyMatcher(policy, RuleDirection.Request).MaskAll(input)));
    }

    [Fact]
    public void Write_AfterComplete_Throws()
    {
        var stream = TestPolicies.Matcher(s_aws).CreateStream();
        var output = new ArrayBufferWriter<byte>();
        stream.Complete(output);
        Assert.Throws<ObjectDisposedException>(() => stream.Write(B("x"), output));
    }

    [Fact]
    public void MemoryBytes_TwentyRules_UnderFourKiB()
    {
        var stream = new PolicyMatcher(TestPolicies.Compile(ThroughputTests.Rules()), RuleDirection.Response).CreateStream();
        var output = new ArrayBufferWriter<byte>();
        stream.Write(B(new string('x', 4096)), output);
        Assert.True(stream.MemoryBytes <= 4096 + stream.HeldBytes, $"{stream.MemoryBytes} bytes");
    }

    [Fact]
    public void Confirmation_Timeout_FailsClosed()
    {
        var compiled = TestPolicies.Compile(new TestRule("slow", "a{1,60}c")).Rules[0];
        var slow = new CompiledRule
        {
            Id = "slow",
            ConfirmPattern = "(a+)+d",
            Automaton = compiled.Automaton,
            Prefilter = compiled.Prefilter,
            MaxMatchLength = compiled.MaxMatchLength,
        };
        var policy = new CompiledPolicy { Name = "t", Version = "1", SourceSha256 = new byte[32], Rules = [slow] };
        var matcher = new PolicyMatcher(policy, RuleDirection.Response, TimeSpan.FromMilliseconds(20));
        var output = Encoding.UTF8.GetString(matcher.MaskAll(B("x " + new string('a', 40) + "c y")));
        Assert.DoesNotContain("aaaa", output);
        Assert.StartsWith("x [MASKED:slow]", output);
    }
}
