using Hush.Fuzz;

namespace Hush.PolicyCompiler.Tests.Fuzz;

/// <summary>
/// Replays every fuzzing seed and every minimized regression input of every target (tests/Fuzz/seeds/TARGET,
/// tests/Fuzz/regressions/TARGET) through the same harness functions afl-fuzz runs, in process.
/// </summary>
/// <remarks>
/// The inputs come from the referenced Hush.Fuzz project, which copies them to fuzz/ beside its assembly (and so
/// beside this one). A failure message names the input file and carries the harness's exception and stack trace.
/// </remarks>
public sealed class FuzzReplayTests
{
    private static readonly string s_root = Path.Combine(AppContext.BaseDirectory, "fuzz");

    public static TheoryData<string> Targets => new(FuzzTargets.Names);

    [Theory]
    [MemberData(nameof(Targets))]
    public void FuzzReplay_EverySeed_RunsWithoutFinding(string target)
    {
        var failures = FuzzReplay.RunFolder(Target(target), Path.Combine(s_root, "seeds", target), out var ran);

        Assert.True(ran > 0, $"no seed inputs for {target} under {s_root}");
        Assert.True(failures.Count == 0, Describe(failures));
    }

    [Theory]
    [MemberData(nameof(Targets))]
    public void FuzzReplay_EveryRegression_RunsWithoutFinding(string target)
    {
        var failures = FuzzReplay.RunFolder(Target(target), Path.Combine(s_root, "regressions", target), out _);

        Assert.True(failures.Count == 0, Describe(failures));
    }

    [Fact]
    public void FuzzTargets_EveryName_HasATargetOfThatName()
    {
        foreach (var name in FuzzTargets.Names)
        {
            Assert.Equal(name, Target(name).Name);
        }

        Assert.Null(FuzzTargets.Create("no-such-target"));
    }

    private static Hush.Fuzz.Targets.IFuzzTarget Target(string name) =>
        FuzzTargets.Create(name) ?? throw new InvalidOperationException($"unknown fuzz target {name}");

    private static string Describe(List<ReplayFailure> failures) =>
        string.Join(Environment.NewLine, failures.ConvertAll(static f => $"{f.File}: {f.Error}"));
}
