using Hush.Policy.Automata;

namespace Hush.PolicyCompiler.Tests;

public sealed class SmokeTests
{
    [Fact]
    public void LookBehind_WordByte_Classified() => Assert.Equal(LookBehind.Word, LookBehindClassifier.Classify((byte)'a'));
}
