using Hush.Policy.Automata;

namespace Hush.Policy.Tests;

public sealed class SmokeTests
{
    [Fact]
    public void LookBehind_WordByte_Classified() => Assert.Equal(LookBehind.Word, LookBehindClassifier.Classify((byte)'a'));
}
