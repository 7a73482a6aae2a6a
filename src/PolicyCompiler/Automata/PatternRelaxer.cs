using Hush.PolicyCompiler.Syntax;

namespace Hush.PolicyCompiler.Automata;

/// <summary>
/// Rewrites a pattern into one whose set of match ends is a superset, in cumulative steps:
/// <list type="number">
/// <item>counted repetitions above <see cref="LargeCount"/> become unbounded;</item>
/// <item>all counted repetitions become unbounded;</item>
/// <item>character classes widen to any byte.</item>
/// </list>
/// Every step replaces a subexpression with a larger one, so every thread of the exact pattern has a counterpart
/// in the relaxed one: the relaxed automaton is never in a start state, nor out of a secret-live run, while an exact
/// match is in progress.
/// </summary>
/// <remarks>
/// Dropping leading nullable context (as the analyzer does for lazy, assertion-free context) is deliberately not a
/// relaxation step: the matcher puts a rule to sleep when its automaton reaches a start state and starts the
/// confirmation window at the last start state, so a start state seen after the true match start would make it
/// miss matches whose context holds an assertion (Nosey Parker's <c>(?m)^\s*jwtsecret:…</c>).
/// </remarks>
internal static class PatternRelaxer
{
    /// <summary>Counts above this are "large" for the first relaxation step.</summary>
    public const int LargeCount = 16;

    /// <summary>Number of relaxation steps.</summary>
    public const int StepCount = 3;

    private static readonly string[] s_descriptions =
    [
        $"counted repetitions above {LargeCount} made unbounded",
        "all counted repetitions made unbounded",
        "character classes widened to any byte",
    ];

    /// <summary>
    /// Applies steps 1..<paramref name="step"/>; returns null when step <paramref name="step"/> itself changes
    /// nothing (so the caller can skip it), else the pattern and a description of everything applied.
    /// </summary>
    public static (RegexNode Root, string Description)? Relax(RegexNode root, int step)
    {
        var applied = new List<string>();
        var lastChanged = false;
        for (var k = 1; k <= step; k++)
        {
            var changed = false;
            root = Rewrite(root, k, ref changed);
            if (changed)
            {
                applied.Add(s_descriptions[k - 1]);
            }

            lastChanged = changed;
        }

        return lastChanged ? (root, string.Join("; ", applied)) : null;
    }

    private static RegexNode Rewrite(RegexNode node, int step, ref bool changed)
    {
        switch (node)
        {
            case ConcatNode concat:
                return new ConcatNode(concat.Position, RewriteAll(concat.Items, step, ref changed));
            case AlternationNode alt:
                return new AlternationNode(alt.Position, RewriteAll(alt.Alternatives, step, ref changed));
            case GroupNode group:
                return group with { Item = Rewrite(group.Item, step, ref changed) };
            case RepeatNode repeat:
                var item = Rewrite(repeat.Item, step, ref changed);
                if (ShouldUnbound(repeat, step))
                {
                    changed = true;
                    return new RepeatNode(repeat.Position, item, Math.Min(repeat.Min, 1), -1, repeat.Lazy);
                }

                return repeat with { Item = item };
            case CharSetNode set when step >= 3 && IsClass(set):
                changed = true;
                return new CharSetNode(set.Position, [new CodePointRange(0, 0x10FFFF)]);
            default:
                return node;
        }
    }

    private static bool ShouldUnbound(RepeatNode r, int step)
    {
        var counted = r.Min > 1 || r.Max > 1;
        if (!counted)
        {
            return false;
        }

        return step >= 2 || r.Min > LargeCount || r.Max > LargeCount;
    }

    /// <summary>A set of several characters (a case-folded literal counts) that is not already everything.</summary>
    private static bool IsClass(CharSetNode set)
    {
        long size = 0;
        foreach (var r in set.Ranges)
        {
            size += r.Last - r.First + 1;
        }

        return size > 1 && !(set.Ranges.Count == 1 && set.Ranges[0] == new CodePointRange(0, 0x10FFFF));
    }

    private static List<RegexNode> RewriteAll(IReadOnlyList<RegexNode> items, int step, ref bool changed)
    {
        var list = new List<RegexNode>(items.Count);
        foreach (var item in items)
        {
            list.Add(Rewrite(item, step, ref changed));
        }

        return list;
    }
}
