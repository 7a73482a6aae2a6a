using Hush.PolicyCompiler.Syntax;

namespace Hush.PolicyCompiler.Automata;

/// <summary>
/// Rewrites a pattern into one whose set of match ends is a superset, in cumulative steps:
/// <list type="number">
/// <item>(secret group &gt; 0 only) drop the nullable items that lead the pattern before the item holding the
/// secret group, e.g. <c>[\w.-]{0,50}?</c>: for an unanchored automaton this keeps the match ends (exactly, if
/// the dropped items hold no assertion) but the automaton no longer tracks those bytes, so a start state may be
/// seen after the true match start (never after the secret's start);</item>
/// <item>counted repetitions above <see cref="LargeCount"/> become unbounded;</item>
/// <item>all counted repetitions become unbounded;</item>
/// <item>character classes widen to any byte.</item>
/// </list>
/// Steps 2–4 replace subexpressions with larger ones, so every thread of the exact pattern has a counterpart
/// in the relaxed one: never in a start state or out of a secret-live run while an exact match is in progress.
/// </summary>
internal static class PatternRelaxer
{
    /// <summary>Counts above this are "large" for the second relaxation step.</summary>
    public const int LargeCount = 16;

    /// <summary>Number of relaxation steps.</summary>
    public const int StepCount = 4;

    private static readonly string[] s_descriptions =
    [
        "leading nullable context before the secret group dropped",
        $"counted repetitions above {LargeCount} made unbounded",
        "all counted repetitions made unbounded",
        "character classes widened to any byte",
    ];

    /// <summary>
    /// Applies steps 1..<paramref name="step"/>; returns null when step <paramref name="step"/> itself changes
    /// nothing (so the caller can skip it), else the pattern and a description of everything applied.
    /// </summary>
    public static (RegexNode Root, string Description)? Relax(RegexNode root, int secretGroup, int step)
    {
        var applied = new List<string>();
        var lastChanged = false;
        for (var k = 1; k <= step; k++)
        {
            var changed = false;
            root = k == 1 ? StripLeadingContext(root, secretGroup, ref changed) : Rewrite(root, k, ref changed);
            if (changed)
            {
                applied.Add(s_descriptions[k - 1]);
            }

            lastChanged = changed;
        }

        return lastChanged ? (root, string.Join("; ", applied)) : null;
    }

    private static RegexNode StripLeadingContext(RegexNode root, int secretGroup, ref bool changed)
    {
        if (secretGroup == 0 || root is not ConcatNode concat)
        {
            return root;
        }

        var skip = 0;
        while (skip < concat.Items.Count && IsNullable(concat.Items[skip]) && !Contains(concat.Items[skip], secretGroup))
        {
            skip++;
        }

        if (skip == 0 || skip == concat.Items.Count)
        {
            return root;
        }

        changed = true;
        return new ConcatNode(concat.Position, [.. concat.Items.Skip(skip)]);
    }

    private static bool IsNullable(RegexNode node) => node switch
    {
        CharSetNode => false,
        ConcatNode c => c.Items.All(IsNullable),
        AlternationNode a => a.Alternatives.Any(IsNullable),
        GroupNode g => IsNullable(g.Item),
        RepeatNode r => r.Min == 0 || IsNullable(r.Item),
        _ => true,
    };

    private static bool Contains(RegexNode node, int group) => node switch
    {
        ConcatNode c => c.Items.Any(i => Contains(i, group)),
        AlternationNode a => a.Alternatives.Any(i => Contains(i, group)),
        GroupNode g => g.Index == group || Contains(g.Item, group),
        RepeatNode r => Contains(r.Item, group),
        _ => false,
    };

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
            case CharSetNode set when step >= 4 && IsClass(set):
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

        return step >= 3 || r.Min > LargeCount || r.Max > LargeCount;
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
