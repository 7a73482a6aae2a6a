using Hush.Policy.Rules;
using Hush.PolicyCompiler.Syntax;

namespace Hush.PolicyCompiler.Analysis;

/// <summary>
/// Turns a parsed rule pattern into what the compiler needs: a bounded tree, match and secret lengths, the literal
/// prefilter and the confirmation pattern.
/// </summary>
/// <remarks>
/// <para>
/// Unbounded repeats <c>X{n,}</c> are rewritten to <c>X{n,max(n, max_length)}</c> so every language is finite
/// in length: the streaming matcher's hold-back and candidate windows are bounded by the longest match. For such
/// patterns the reported maximum match length is also clamped to <c>max_length</c>: a match longer than the declared
/// bound is outside the rule's contract and may be missed.
/// </para>
/// <para>
/// Leading context is stripped only when it is a lazy repeat with minimum 0 and no group or assertion inside
/// (gitleaks' <c>[\w.-]{0,50}?</c>), and only when the secret is a capture group. A lazy leading repeat first tries
/// zero iterations at every start, so the leftmost match of the rest begins at the same position with or without
/// it; the match end and every capture are unchanged and only the match start moves. A greedy repeat would instead
/// grab bytes that the rest (for example an alternation of keywords) may need, changing which alternative wins.
/// When the secret is the whole match the start is part of the secret, so nothing is stripped.
/// </para>
/// </remarks>
internal static class RuleAnalyzer
{
    /// <summary>Analyzes <paramref name="parsed"/>; throws <see cref="RuleAnalysisException"/> for unusable rules.</summary>
    /// <param name="parsed">The parsed pattern.</param>
    /// <param name="secretGroup">0 for the whole match, else the capture index of the secret.</param>
    /// <param name="declaredMaxLength">The policy's <c>max_length</c>, or null when absent.</param>
    public static AnalyzedPattern Analyze(ParsedPattern parsed, int secretGroup, int? declaredMaxLength)
    {
        ArgumentNullException.ThrowIfNull(parsed);
        if (secretGroup < 0 || secretGroup > parsed.GroupCount)
        {
            throw new RuleAnalysisException(0, $"secret group {secretGroup} does not exist (the pattern has {parsed.GroupCount} capture groups)");
        }

        if (declaredMaxLength is <= 0)
        {
            throw new RuleAnalysisException(0, $"max_length must be positive (got {declaredMaxLength})");
        }

        var root = parsed.Root;
        var unbounded = PatternLengths.FirstUnbounded(root);
        if (unbounded is not null)
        {
            if (declaredMaxLength is not { } cap)
            {
                throw new RuleAnalysisException(unbounded.Position, $"pattern is unbounded (`{Operator(unbounded)}` at offset {unbounded.Position}); set max_length");
            }

            root = CapRepeats(root, cap);
        }

        if (secretGroup != 0)
        {
            root = StripLeadingLazyContext(root);
        }

        var min = PatternLengths.Min(root);
        if (min == 0)
        {
            throw new RuleAnalysisException(0, "pattern matches the empty string");
        }

        var max = PatternLengths.Max(root);
        var secretMax = secretGroup == 0 ? max : PatternLengths.Max(PatternLengths.FindGroup(root, secretGroup)!.Item);

        // Capping each repeat bounds the language, but nested caps multiply (`(?:[a-z]+\.)+` gives cap²); the
        // declared max_length is the author's bound on a whole match, so it also bounds windows and hold-back.
        if (unbounded is not null && declaredMaxLength is { } declared)
        {
            max = Math.Min(max, Math.Max(declared, min));
            secretMax = Math.Min(secretMax, max);
        }
        var prefilter = ClampPrefix(LiteralExtractor.Extract(root, secretGroup), PatternLengths.ToInt(max));
        var confirm = ConfirmPatternEmitter.Emit(root, secretGroup);
        return new AnalyzedPattern(
            root,
            secretGroup,
            PatternLengths.ToInt(max),
            PatternLengths.ToInt(min),
            PatternLengths.ToInt(secretMax),
            prefilter,
            confirm,
            secretGroup == 0 ? 0 : 1);
    }

    /// <summary>
    /// Keeps the literal's prefix within the (possibly clamped) maximum match length. Lengths come from the capped
    /// tree, whose repeats each allow <c>max_length</c>, so a literal after two capped repeats can sit further into a
    /// match than <c>max_length</c> allows; such matches are outside the rule's contract, and the artifact requires
    /// <c>MaxPrefix ≤ MaxMatchLength</c> (found by fuzzing: `hushc compile` failed to write the artifact).
    /// </summary>
    private static RulePrefilter ClampPrefix(RulePrefilter prefilter, int maxMatch)
    {
        if (prefilter.MaxPrefix <= maxMatch)
        {
            return prefilter;
        }

        return new RulePrefilter(prefilter.Literals, maxMatch, Math.Min(prefilter.LookBack, maxMatch), prefilter.LookBackBytes);
    }

    private static string Operator(RepeatNode r) => r.Min switch
    {
        0 => "*",
        1 => "+",
        _ => $"{{{r.Min},}}",
    };

    /// <summary>Rewrites every unbounded repeat <c>X{n,}</c> to <c>X{n,max(n,cap)}</c>, keeping laziness.</summary>
    internal static RegexNode CapRepeats(RegexNode node, int cap) => node switch
    {
        GroupNode g => g with { Item = CapRepeats(g.Item, cap) },
        ConcatNode c => c with { Items = c.Items.Select(i => CapRepeats(i, cap)).ToArray() },
        AlternationNode a => a with { Alternatives = a.Alternatives.Select(i => CapRepeats(i, cap)).ToArray() },
        RepeatNode r => r with { Item = CapRepeats(r.Item, cap), Max = r.Unbounded ? Math.Max(r.Min, cap) : r.Max },
        _ => node,
    };

    /// <summary>Drops leading lazy, nullable, capture- and assertion-free repeats of the top-level sequence.</summary>
    internal static RegexNode StripLeadingLazyContext(RegexNode root)
    {
        if (root is not ConcatNode concat)
        {
            return root;
        }

        // Non-capturing groups nest sequences (`[\w.-]{0,50}?(?i:[\w.-]{0,50}?key…)`); inline them first.
        var items = new List<RegexNode>();
        Inline(concat, items);
        var skip = 0;
        while (skip < items.Count && items[skip] is RepeatNode { Lazy: true, Min: 0 } r && !PatternLengths.HasGroupOrAssertion(r.Item))
        {
            skip++;
        }

        if (skip == 0)
        {
            return root;
        }

        var rest = items.Skip(skip).ToArray();
        return rest.Length == 1 ? rest[0] : new ConcatNode(rest.Length > 0 ? rest[0].Position : concat.Position, rest);
    }

    private static void Inline(ConcatNode concat, List<RegexNode> output)
    {
        foreach (var item in concat.Items)
        {
            if (item is ConcatNode inner)
            {
                Inline(inner, output);
            }
            else
            {
                output.Add(item);
            }
        }
    }
}
