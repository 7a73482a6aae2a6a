using System.Buffers;
using System.Text;
using System.Text.RegularExpressions;
using Hush.Policy.Confirmation;
using Hush.Policy.Matching;
using Hush.Policy.Rules;
using Xunit.Abstractions;

namespace Hush.PolicyCompiler.Tests.Import;

/// <summary>
/// Issue 2, item 9: Nosey Parker's and Kingfisher's rules imported from <c>../shared/corpora</c> and compiled
/// through the real pipeline; every example must be masked by its own rule and no negative example may be.
/// </summary>
/// <remarks>
/// One class of misses is verified in code rather than listed: a positive example whose secret (capture group 1,
/// the group both tools test) has a Shannon entropy below the rule's <c>min_entropy</c>. Kingfisher drops such a
/// finding itself (it skips when entropy ≤ min_entropy), so its examples were never checked against it. For each,
/// the test proves the rule's pattern matches, computes the entropy, and proves the same rule compiled without
/// <c>min_entropy</c> does mask the example. Every other deviation must be listed in
/// <see cref="ExampleExceptions"/>.
/// </remarks>
public sealed class RealRuleSetExampleTests(ITestOutputHelper output)
{
    [Fact]
    public void NoseyParker_Examples_MatchOwnRule() => Check("noseyparker", ExampleExceptions.NoseyParker);

    [Fact]
    public void Kingfisher_Examples_MatchOwnRule() => Check("kingfisher", ExampleExceptions.Kingfisher);

    private void Check(string format, IReadOnlyDictionary<string, string> exceptions)
    {
        var expectedFailures = exceptions.Keys.Where(k => k.StartsWith("compile:", StringComparison.Ordinal))
            .Select(k => k["compile:".Length..]).ToHashSet(StringComparer.Ordinal);
        var pipeline = ImportedPipeline.Run(format, expectedFailures);
        var deviations = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (id, reason) in pipeline.Failures)
        {
            deviations["compile:" + id] = reason;
        }

        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < pipeline.Policy.Rules.Count; i++)
        {
            index[pipeline.Policy.Rules[i].Id] = i;
        }

        var matcher = new PolicyMatcher(pipeline.Policy, RuleDirection.Both);
        var seen = new Dictionary<(string, bool), int>();
        var lowEntropy = new List<(string Key, ImportedExampleRun Run)>();
        int[] run = new int[2], passed = new int[2], total = new int[2];
        foreach (var example in pipeline.Import.Examples)
        {
            int kind = example.Positive ? 0 : 1;
            int n = seen.GetValueOrDefault((example.RuleId, example.Positive));
            seen[(example.RuleId, example.Positive)] = n + 1;
            total[kind]++;
            if (!index.TryGetValue(example.RuleId, out int rule))
            {
                continue;
            }

            run[kind]++;
            string key = $"{example.RuleId}{(example.Positive ? '+' : '-')}{n}";
            if (Masks(matcher, rule, example.Text) == example.Positive)
            {
                passed[kind]++;
            }
            else if (example.Positive && BelowMinEntropy(pipeline.Policy.Rules[rule], example.Text) is { } entropy)
            {
                lowEntropy.Add((key, new ImportedExampleRun(example.RuleId, example.Text, entropy, pipeline.Policy.Rules[rule].MinEntropy)));
            }
            else
            {
                deviations[key] = $"{(example.Positive ? "not found" : "found")} ({Path.GetFileName(example.SourceFile)})";
            }
        }

        VerifyLowEntropy(pipeline, lowEntropy, deviations);
        Report(format, pipeline, run, passed, total, lowEntropy, deviations, exceptions);

        var unexpected = deviations.Keys.Where(k => !exceptions.ContainsKey(k)).Select(k => $"{k}: {deviations[k]}").ToList();
        var stale = exceptions.Keys.Where(k => !deviations.ContainsKey(k)).ToList();
        Assert.True(unexpected.Count == 0, $"{unexpected.Count} unexpected deviation(s):\n{string.Join("\n", unexpected)}");
        Assert.True(stale.Count == 0, $"listed exceptions that no longer happen (remove them): {string.Join(", ", stale)}");
    }

    /// <summary>A positive example missed because its secret's entropy is below the rule's minimum.</summary>
    private sealed record ImportedExampleRun(string RuleId, string Text, double Entropy, double MinEntropy);

    /// <summary>
    /// The highest secret entropy over the rule's matches in <paramref name="text"/> when every match is below the
    /// rule's minimum; null when the pattern does not match at all or some match has enough entropy.
    /// </summary>
    private static double? BelowMinEntropy(CompiledRule rule, string text)
    {
        if (rule.MinEntropy <= 0)
        {
            return null;
        }

        // The confirmation pattern works over Latin-1 characters, one per byte, as the matcher runs it.
        var confirm = new Regex(rule.ConfirmPattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(5));
        var matches = confirm.Matches(Encoding.Latin1.GetString(Encoding.UTF8.GetBytes(text)));
        if (matches.Count == 0)
        {
            return null;
        }

        double best = 0;
        foreach (Match m in matches)
        {
            best = Math.Max(best, SecretChecks.ShannonEntropy(Encoding.Latin1.GetBytes(m.Groups[rule.SecretGroup].Value)));
        }

        return best < rule.MinEntropy ? best : null;
    }

    private static void VerifyLowEntropy(ImportedPipeline pipeline, List<(string Key, ImportedExampleRun Run)> lowEntropy,
        SortedDictionary<string, string> deviations)
    {
        if (lowEntropy.Count == 0)
        {
            return;
        }

        var policy = pipeline.WithoutEntropy(lowEntropy.Select(e => e.Run.RuleId).ToHashSet(StringComparer.Ordinal));
        var matcher = new PolicyMatcher(policy, RuleDirection.Both);
        var index = Enumerable.Range(0, policy.Rules.Count).ToDictionary(i => policy.Rules[i].Id, StringComparer.Ordinal);
        foreach (var (key, low) in lowEntropy)
        {
            if (!Masks(matcher, index[low.RuleId], low.Text))
            {
                deviations[key] = $"not found, and not found without min_entropy either (secret entropy {low.Entropy:0.000})";
            }
        }
    }

    private void Report(string format, ImportedPipeline pipeline, int[] run, int[] passed, int[] total,
        List<(string Key, ImportedExampleRun Run)> lowEntropy, SortedDictionary<string, string> deviations,
        IReadOnlyDictionary<string, string> exceptions)
    {
        output.WriteLine($"{format}: {pipeline.Document.Rules.Count} rules imported, {pipeline.Policy.Rules.Count} compiled, " +
            $"{pipeline.Failures.Count} not compiled; compile {pipeline.CompileTime.TotalSeconds:0.0} s");
        output.WriteLine($"{format}: positive examples {passed[0]}/{run[0]} found ({total[0]} in the corpus, " +
            $"{total[0] - run[0]} belong to rules that do not compile); {lowEntropy.Count} missed because the secret's " +
            "entropy is below min_entropy (verified: found when min_entropy is lifted)");
        output.WriteLine($"{format}: negative examples {passed[1]}/{run[1]} not found ({total[1]} in the corpus)");
        foreach (var (key, low) in lowEntropy)
        {
            output.WriteLine($"  entropy: {key}: secret entropy {low.Entropy:0.000} < min_entropy {low.MinEntropy}");
        }

        foreach (var (key, detail) in deviations)
        {
            output.WriteLine($"  {key}: {detail}{(exceptions.TryGetValue(key, out var why) ? " — listed: " + why : " — NOT LISTED")}");
        }
    }

    private static bool Masks(PolicyMatcher matcher, int rule, string text)
    {
        var stream = matcher.CreateStream();
        var sink = new ArrayBufferWriter<byte>();
        stream.Write(Encoding.UTF8.GetBytes(text), sink);
        stream.Complete(sink);
        foreach (var e in stream.Events)
        {
            if (e.RuleIndex == rule && e.Action == RuleAction.Mask)
            {
                return true;
            }
        }

        return false;
    }
}
