using Hush.PolicyCompiler.Syntax;

namespace Hush.PolicyCompiler.Analysis;

/// <summary>Byte lengths and structural queries over a pattern tree.</summary>
internal static class PatternLengths
{
    /// <summary>Length of an unbounded language.</summary>
    public const long Unbounded = long.MaxValue;

    /// <summary>Fewest bytes a match of <paramref name="node"/> consumes.</summary>
    public static long Min(RegexNode node) => node switch
    {
        CharSetNode s => s.MinByteLength(),
        AssertionNode => 0,
        GroupNode g => Min(g.Item),
        ConcatNode c => c.Items.Aggregate(0L, (sum, i) => Saturate(sum + Min(i))),
        AlternationNode a => a.Alternatives.Min(Min),
        RepeatNode r => Saturate(r.Min * Min(r.Item)),
        _ => throw new ArgumentOutOfRangeException(nameof(node)),
    };

    /// <summary>Most bytes a match of <paramref name="node"/> consumes, or <see cref="Unbounded"/>.</summary>
    public static long Max(RegexNode node)
    {
        switch (node)
        {
            case CharSetNode s:
                return s.MaxByteLength();
            case AssertionNode:
                return 0;
            case GroupNode g:
                return Max(g.Item);
            case ConcatNode c:
                var sum = 0L;
                foreach (var item in c.Items)
                {
                    var m = Max(item);
                    if (m == Unbounded)
                    {
                        return Unbounded;
                    }

                    sum = Saturate(sum + m);
                }

                return sum;
            case AlternationNode a:
                return a.Alternatives.Max(Max);
            case RepeatNode r:
                var itemMax = Max(r.Item);
                if (itemMax == 0)
                {
                    return 0;
                }

                return r.Unbounded || itemMax == Unbounded ? Unbounded : Saturate(r.Max * itemMax);
            default:
                throw new ArgumentOutOfRangeException(nameof(node));
        }
    }

    /// <summary>The first (in pattern order) repeat that makes the language unbounded, if any.</summary>
    public static RepeatNode? FirstUnbounded(RegexNode node) => node switch
    {
        GroupNode g => FirstUnbounded(g.Item),
        ConcatNode c => c.Items.Select(FirstUnbounded).FirstOrDefault(r => r is not null),
        AlternationNode a => a.Alternatives.Select(FirstUnbounded).FirstOrDefault(r => r is not null),
        RepeatNode r => FirstUnbounded(r.Item) ?? (r.Unbounded && Max(r.Item) > 0 ? r : null),
        _ => null,
    };

    /// <summary>The capture group with the given index, if present.</summary>
    public static GroupNode? FindGroup(RegexNode node, int index) => node switch
    {
        GroupNode g when g.Index == index => g,
        GroupNode g => FindGroup(g.Item, index),
        ConcatNode c => c.Items.Select(i => FindGroup(i, index)).FirstOrDefault(g => g is not null),
        AlternationNode a => a.Alternatives.Select(i => FindGroup(i, index)).FirstOrDefault(g => g is not null),
        RepeatNode r => FindGroup(r.Item, index),
        _ => null,
    };

    /// <summary>Whether the subtree has a capture group or an assertion (such context cannot be stripped).</summary>
    public static bool HasGroupOrAssertion(RegexNode node) => node switch
    {
        GroupNode or AssertionNode => true,
        ConcatNode c => c.Items.Any(HasGroupOrAssertion),
        AlternationNode a => a.Alternatives.Any(HasGroupOrAssertion),
        RepeatNode r => HasGroupOrAssertion(r.Item),
        _ => false,
    };

    /// <summary>Clamps a length to <see cref="int"/> for the public record.</summary>
    public static int ToInt(long length) => length >= int.MaxValue ? int.MaxValue : (int)length;

    private static long Saturate(long value) => value < 0 || value > int.MaxValue ? int.MaxValue : value;
}
