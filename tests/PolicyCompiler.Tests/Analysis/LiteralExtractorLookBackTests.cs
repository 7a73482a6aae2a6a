using System.Text;
using Hush.Policy.Rules;
using Hush.PolicyCompiler.Analysis;
using Hush.PolicyCompiler.Syntax;

namespace Hush.PolicyCompiler.Tests.Analysis;

/// <summary>Look-back literal sets: literals that a bounded run of secret bytes may precede (gitleaks' patterns).</summary>
public sealed class LiteralExtractorLookBackTests
{
    private const string Alnum = "0-9A-Za-z";

    private static RulePrefilter Prefilter(string pattern, int secret = 0) =>
        RuleAnalyzer.Analyze(RegexParser.Parse(pattern), secret, 512).Prefilter;

    private static string Literals(RulePrefilter p) => string.Join(",", p.Literals.Select(Encoding.Latin1.GetString));

    /// <summary>The look-back set as ranges in the notation of a character class, e.g. "0-9A-Za-z".</summary>
    private static string Ranges(RulePrefilter p)
    {
        var sb = new StringBuilder();
        for (var b = 0; b < 256; b++)
        {
            if (!p.CanPrecede((byte)b))
            {
                continue;
            }

            var last = b;
            while (last < 255 && p.CanPrecede((byte)(last + 1)))
            {
                last++;
            }

            sb.Append((char)b);
            if (last > b)
            {
                sb.Append(last > b + 1 ? "-" : "").Append((char)last);
            }

            b = last;
        }

        return sb.ToString();
    }

    [Fact]
    public void Extract_Hashicorp_LooksBack14AlphanumericBytes()
    {
        var p = Prefilter(@"(?i)[a-z0-9]{14}\.(?-i:atlasv1)\.[a-z0-9\-_=]{60,70}");
        Assert.StartsWith(".atlasv1", Literals(p), StringComparison.Ordinal);
        Assert.Equal((14, 14, Alnum), (p.LookBack, p.MaxPrefix, Ranges(p)));
    }

    [Fact]
    public void Extract_SlackWebhook_LooksBackOverTheOptionalScheme()
    {
        var p = Prefilter("(?:https?://)?hooks.slack.com/(?:services|workflows|triggers)/[A-Za-z0-9+/]{43,56}");
        Assert.Equal("hooks", Literals(p));
        Assert.Equal((8, 8, "/:hpst"), (p.LookBack, p.MaxPrefix, Ranges(p)));
    }

    [Fact]
    public void Extract_Maxmind_LooksBack36Bytes()
    {
        var p = Prefilter(@"\b([A-Za-z0-9]{6}_[A-Za-z0-9]{29}_mmk)(?:[\x60'""\s;]|\\[nr]|$)", 1);
        Assert.Equal("_mmk", Literals(p));
        Assert.Equal((36, 36, "0-9A-Z_a-z"), (p.LookBack, p.MaxPrefix, Ranges(p)));
    }

    [Fact]
    public void Extract_AzureClientSecret_PrefersDigitBeforeQTilde()
    {
        var p = Prefilter(@"(?:^|[\\'""\x60\s>=:(,)])([a-zA-Z0-9_~.]{3}\dQ~[a-zA-Z0-9_~.-]{31,34})(?:$|[\\'""\x60\s<),])", 1);
        Assert.Equal("0q~,1q~,2q~,3q~,4q~,5q~,6q~,7q~,8q~,9q~", Literals(p));
        Assert.Equal((3, 4, ".0-9A-Z_a-z~"), (p.LookBack, p.MaxPrefix, Ranges(p)));
    }

    [Fact]
    public void Extract_Facebook_PeelsTheLastDigitOffTheCount()
    {
        var p = Prefilter(@"(?i)\b(\d{15,16}(\||%)[0-9a-z\-_]{27,40})(?:[\x60'""\s;]|\\[nr]|$)", 1);
        Assert.Equal(20, p.Literals.Length);
        Assert.Contains("7|", Literals(p).Split(','));
        Assert.Contains("0%", Literals(p).Split(','));
        Assert.Equal((15, 15, "0-9"), (p.LookBack, p.MaxPrefix, Ranges(p)));
    }

    [Fact]
    public void Extract_AtlassianAlternation_TakesTheLargestLookBackOfItsBranches()
    {
        var p = Prefilter(@"(?i)[\w.-]{0,50}?(?:(?-i:ATLASSIAN|[Aa]tlassian)|(?-i:JIRA|[Jj]ira))[\s'""]{0,3}[:=][\x60'""\s=]{0,5}([a-z0-9]{20}[a-f0-9]{4})|\b(ATATT3[A-Za-z0-9_\-=]{186})");
        Assert.Contains("atatt3", Literals(p).Split(','));
        Assert.Contains("jira", Literals(p).Split(','));
        Assert.Equal((50, 50, "-.0-9A-Z_a-z"), (p.LookBack, p.MaxPrefix, Ranges(p)));
    }

    [Fact]
    public void Extract_BareHexAlternative_StaysAlwaysOn()
    {
        var p = Prefilter(@"(?i)\b(\b(sgp_(?:[a-fA-F0-9]{16}|local)_[a-fA-F0-9]{40}|sgp_[a-fA-F0-9]{40}|[a-fA-F0-9]{40})\b)", 1);
        Assert.True(p.AlwaysOn);
        Assert.Equal(0, p.LookBack);
    }

    [Fact]
    public void Extract_LiteralWithoutLookBack_WinsOverLookBack()
    {
        // "key=" precedes the secret; ".x" inside it would need a look-back of 8.
        var p = Prefilter(@"key=([a-z]{8}\.x[a-z]{4})", 1);
        Assert.Equal(("key=", 0), (Literals(p), p.LookBack));
    }

    [Fact]
    public void Extract_LiteralAfterSecretGroup_LooksBackOverTheWholeSecret()
    {
        var p = Prefilter("([0-9]{10})-token", 1);
        Assert.Equal(("-token", 10, "0-9"), (Literals(p), p.LookBack, Ranges(p)));
    }

    [Fact]
    public void Extract_NonSecretBytesBetweenSecretAndLiteral_JoinTheLookBackRun()
    {
        // The held run must reach from the literal back to the secret, across "x" and the letters.
        var p = Prefilter("([0-9]{10})x[a-z]{3}token", 1);
        Assert.Equal(("token", 14, "0-9a-z"), (Literals(p), p.LookBack, Ranges(p)));
    }

    [Fact]
    public void Extract_LiteralInsideAlternationAfterSecret_CountsTheBranchPrefix()
    {
        var p = Prefilter("([0-9]{10})(?:x[a-z]{3}token|yy[a-z]token)", 1);
        Assert.Contains("token", Literals(p).Split(','));
        Assert.Equal(14, p.LookBack);
        Assert.All("0123456789adxyz", c => Assert.True(p.CanPrecede((byte)c), $"'{c}' missing"));
    }

    [Fact]
    public void Extract_LookBackBeyondLimit_StaysAlwaysOn()
    {
        Assert.Equal(64, Prefilter("[a-z]{64}token").LookBack);

        // Peeling the last copy of {66} still leaves 65 bytes before "[a-z]token".
        Assert.True(Prefilter("[a-z]{66}token").AlwaysOn);
    }
}
