using System.Diagnostics;
using Hush.Policy.Confirmation;

namespace Hush.Policy.Tests.Confirmation;

/// <summary>Confirmation regexes start interpreted and switch to a compiled form built off the caller's thread.</summary>
public sealed class TieredRegexTests
{
    [Fact]
    public void Get_BeforeThreshold_Interprets()
    {
        var regex = new TieredRegex(@"\Gab+", TimeSpan.FromSeconds(1));
        for (var i = 0; i < TieredRegex.CompileAfter - 1; i++)
        {
            Assert.Same(regex.Interpreted(), regex.Get());
        }

        Assert.False(regex.IsCompiled);
    }

    [Fact]
    public void Get_AfterThreshold_SwitchesToCompiledWithSameResults()
    {
        var regex = new TieredRegex(@"\Ga(b+)c", TimeSpan.FromSeconds(1));
        for (var i = 0; i < TieredRegex.CompileAfter; i++)
        {
            Assert.True(regex.Get().IsMatch("xabbc".AsSpan(), 1));
        }

        var clock = Stopwatch.StartNew();
        while (!regex.IsCompiled && clock.Elapsed < TimeSpan.FromSeconds(30))
        {
            Thread.Sleep(10);
        }

        Assert.True(regex.IsCompiled, "the compiled form was not published within 30 s");
        var compiled = regex.Get();
        Assert.NotSame(regex.Interpreted(), compiled);
        Assert.Equal(regex.Interpreted().Match("xabbc", 1).Groups[1].Value, compiled.Match("xabbc", 1).Groups[1].Value);
        Assert.False(compiled.IsMatch("xac".AsSpan(), 1));
    }
}
