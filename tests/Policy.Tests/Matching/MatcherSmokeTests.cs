using System.Text;

namespace Hush.Policy.Tests.Matching;

public sealed class MatcherSmokeTests
{
    [Fact]
    public void MaskAll_AwsKey_Masked()
    {
        var matcher = TestPolicies.Matcher(new TestRule("aws", @"\b(AKIA[0-9A-Z]{16})\b", 1));
        var output = matcher.MaskAll(Encoding.UTF8.GetBytes("key AKIAABCDEFGHIJKLMNOP end"));
        Assert.Equal("key [MASKED:aws] end", Encoding.UTF8.GetString(output));
    }
}
