using Hush.Policy.Automata;
using Hush.Policy.Rules;

namespace Hush.Policy.Tests.Format;

/// <summary>Field-by-field equality of compiled policies, rules and automata.</summary>
internal static class ArtifactAssert
{
    public static void Equal(CompiledPolicy expected, CompiledPolicy actual)
    {
        Assert.Equal(expected.Name, actual.Name);
        Assert.Equal(expected.Version, actual.Version);
        Assert.Equal(expected.SourceSha256, actual.SourceSha256);
        Assert.Equal(expected.Rules.Count, actual.Rules.Count);
        for (var i = 0; i < expected.Rules.Count; i++)
        {
            Equal(expected.Rules[i], actual.Rules[i]);
        }
    }

    public static void Equal(CompiledRule expected, CompiledRule actual)
    {
        Assert.Equal(expected.Id, actual.Id);
        Assert.Equal(expected.Description, actual.Description);
        Assert.Equal(expected.Action, actual.Action);
        Assert.Equal(expected.Direction, actual.Direction);
        Assert.Equal(expected.Replacement, actual.Replacement);
        Assert.Equal(expected.Reason, actual.Reason);
        Assert.Equal(expected.Approvers, actual.Approvers);
        Assert.Equal(expected.ConfirmPattern, actual.ConfirmPattern);
        Assert.Equal(expected.SecretGroup, actual.SecretGroup);
        Assert.Equal(BitConverter.DoubleToInt64Bits(expected.MinEntropy), BitConverter.DoubleToInt64Bits(actual.MinEntropy));
        Assert.Equal(expected.AllowLiterals, actual.AllowLiterals);
        Assert.Equal(expected.AllowPatterns, actual.AllowPatterns);
        Assert.Equal(expected.Keywords, actual.Keywords);
        Assert.Equal(expected.Validator, actual.Validator);
        Assert.Equal(expected.MaxMatchLength, actual.MaxMatchLength);
        Assert.Equal(expected.MaxSecretLength, actual.MaxSecretLength);
        Assert.Equal(expected.ExactAutomaton, actual.ExactAutomaton);
        Assert.Equal(expected.Prefilter.MaxPrefix, actual.Prefilter.MaxPrefix);
        Assert.Equal(expected.Prefilter.AlwaysOn, actual.Prefilter.AlwaysOn);
        Assert.Equal(expected.Prefilter.LookBack, actual.Prefilter.LookBack);
        Assert.Equal(expected.Prefilter.LookBackBytes, actual.Prefilter.LookBackBytes);
        Assert.Equal(expected.Prefilter.Literals.Length, actual.Prefilter.Literals.Length);
        for (var j = 0; j < expected.Prefilter.Literals.Length; j++)
        {
            Assert.Equal(expected.Prefilter.Literals[j], actual.Prefilter.Literals[j]);
        }

        Equal(expected.Automaton, actual.Automaton);
    }

    public static void Equal(Dfa expected, Dfa actual)
    {
        Assert.Equal(expected.ByteClasses, actual.ByteClasses);
        Assert.Equal(expected.ClassCount, actual.ClassCount);
        Assert.Equal(expected.StrideLog2, actual.StrideLog2);
        Assert.Equal(expected.Transitions, actual.Transitions);
        Assert.Equal(expected.Flags, actual.Flags);
        Assert.Equal(expected.SpecialLimit, actual.SpecialLimit);
        Assert.Equal(expected.StartStates, actual.StartStates);
        Assert.Null(actual.Validate());
    }
}
