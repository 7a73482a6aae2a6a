using System.Text;
using Hush.Policy.Confirmation;
using Hush.Policy.Rules;
using Hush.Policy.Tests.Matching;

namespace Hush.Policy.Tests.Confirmation;

public sealed class CandidateConfirmerTests
{
    private static CandidateConfirmer Confirmer(TestRule rule) =>
        new(TestPolicies.Compile(rule).Rules[0], TimeSpan.FromSeconds(1));

    private static ConfirmationResult Confirm(CandidateConfirmer confirmer, string window, int origin, int accept) =>
        confirmer.Confirm(Encoding.Latin1.GetBytes(window), origin, accept);

    [Fact]
    public void Confirm_SecretGroup_ReturnsGroupSpan()
    {
        var result = Confirm(Confirmer(new TestRule("r", "key=([a-z]{4})", 1)), " key=abcd!", 1, 9);
        Assert.Equal(ConfirmationKind.Confirmed, result.Kind);
        Assert.Equal((1, 9, 5, 9), (result.MatchStart, result.MatchEnd, result.SecretStart, result.SecretEnd));
    }

    [Fact]
    public void Confirm_MatchAfterAcceptPosition_IsNoMatch()
    {
        var result = Confirm(Confirmer(new TestRule("r", "key=[a-z]{4}")), "xxxxx key=abcd", 0, 3);
        Assert.Equal(ConfirmationKind.NoMatch, result.Kind);
    }

    [Fact]
    public void Confirm_LookBehindByteBeforeOrigin_IsSeenByWordBoundary()
    {
        // The byte before the origin is a word byte, so \b fails at the origin.
        var result = Confirm(Confirmer(new TestRule("r", @"\bkey[0-9]")), "xkey1", 1, 5);
        Assert.Equal(ConfirmationKind.NoMatch, result.Kind);
    }

    [Fact]
    public void Confirm_LowEntropy_Rejected()
    {
        var result = Confirm(Confirmer(new TestRule("r", "k=([a-z]{8})", 1) { MinEntropy = 2 }), "k=aaaaaaaa", 0, 10);
        Assert.Equal(ConfirmationKind.Rejected, result.Kind);
        Assert.Equal(10, result.MatchEnd);
    }

    [Fact]
    public void Confirm_AllowLiteral_Rejected()
    {
        var result = Confirm(Confirmer(new TestRule("r", "k=([a-z]{8})", 1) { Allow = ["EXAMP"] }), "k=xexampley", 0, 10);
        Assert.Equal(ConfirmationKind.Rejected, result.Kind);
    }

    [Fact]
    public void Confirm_AllowRegex_Rejected()
    {
        var result = Confirm(Confirmer(new TestRule("r", "k=([a-z]{8})", 1) { AllowRegex = ["^x+$"] }), "k=xxxxxxxx", 0, 10);
        Assert.Equal(ConfirmationKind.Rejected, result.Kind);
    }

    [Fact]
    public void Confirm_KeywordMissingFromMatch_Rejected()
    {
        var confirmer = Confirmer(new TestRule("r", "(?:key|tok)=([a-z]{4})", 1) { Keywords = ["TOK"] });
        Assert.Equal(ConfirmationKind.Rejected, Confirm(confirmer, "key=abcd", 0, 8).Kind);
        Assert.Equal(ConfirmationKind.Confirmed, Confirm(confirmer, "tok=abcd", 0, 8).Kind);
    }

    [Fact]
    public void Confirm_ValidatorFails_Rejected()
    {
        var result = Confirm(Confirmer(new TestRule("r", "[0-9]{16}") { Validator = ValidatorKind.Luhn }), "4111111111111112", 0, 16);
        Assert.Equal(ConfirmationKind.Rejected, result.Kind);
    }

    [Fact]
    public void Confirm_CatastrophicPattern_TimesOut()
    {
        var rule = new CompiledRule
        {
            Id = "slow",
            ConfirmPattern = "(a+)+b",
            Automaton = TestPolicies.Compile(new TestRule("x", "a")).Rules[0].Automaton,
            Prefilter = RulePrefilter.AlwaysOnFilter,
            MaxMatchLength = 64,
        };
        var confirmer = new CandidateConfirmer(rule, TimeSpan.FromMilliseconds(20));
        var result = confirmer.Confirm(Encoding.Latin1.GetBytes(new string('a', 40) + "c"), 0, 40);
        Assert.Equal(ConfirmationKind.TimedOut, result.Kind);
    }
}
