using System.Text;
using Hush.Policy.Rules;
using Hush.PolicyCompiler.Syntax;

namespace Hush.PolicyCompiler.Analysis;

/// <summary>
/// Finds the rule's prefilter literals: a small set of byte strings of which every match contains one, preferably
/// placed so that no byte of the secret can come before the literal (the matcher releases bytes before a literal it
/// has not seen yet, so a secret starting earlier would leak). Failing that, a set that at most
/// <see cref="MaxLookBack"/> secret bytes precede is used with a look-back (see LiteralExtractor.LookBack.cs).
/// </summary>
/// <remarks>
/// The top-level sequence is flattened (concatenations and groups inlined). From every allowed start element a
/// run of elements with small exact languages (literal characters, small classes, case-folded letters, small
/// alternations, fixed counts) is multiplied out into strings while at most <see cref="MaxLiterals"/>; an
/// alternation or a repeat with minimum ≥ 1 at an allowed start is also searched recursively (an alternation
/// contributes the union of its branches' best sets). The best candidate per <see cref="LiteralCandidate.IsBetterThan"/> wins.
/// </remarks>
internal static partial class LiteralExtractor
{
    /// <summary>Most literals one rule may contribute.</summary>
    public const int MaxLiterals = 64;

    /// <summary>Largest allowed distance from match start to literal start.</summary>
    public const int MaxPrefixLimit = 256;

    /// <summary>Most secret bytes that may precede a literal (the matcher holds up to this many at every chunk end).</summary>
    public const int MaxLookBack = 64;

    /// <summary>Where a literal may start relative to the secret.</summary>
    private enum Constraint
    {
        /// <summary>Anywhere: the whole sequence lies before the secret (or outside it).</summary>
        None,

        /// <summary>Only at the start of the sequence (after zero-width assertions): the secret starts there.</summary>
        Prefix,

        /// <summary>At or before the start of the secret group.</summary>
        Secret,
    }

    /// <summary>The prefilter for a (capped, stripped) pattern; always-on when no usable literal set exists.</summary>
    public static RulePrefilter Extract(RegexNode root, int secretGroup)
    {
        ArgumentNullException.ThrowIfNull(root);
        var constraint = secretGroup == 0 ? Constraint.Prefix : Constraint.Secret;

        // A set no secret byte precedes costs no hold-back, so it wins whenever one exists; peeling the last copy
        // off a counted repeat multiplies literals, so it is the last resort.
        var best = BestInSequence(root, constraint, secretGroup)
            ?? BestWithLookBack(root, constraint, secretGroup, peel: false)
            ?? BestWithLookBack(root, constraint, secretGroup, peel: true);
        if (best is null)
        {
            return RulePrefilter.AlwaysOnFilter;
        }

        var literals = best.Literals.Order(StringComparer.Ordinal).Select(Encoding.Latin1.GetBytes).ToArray();
        return best.LookBack == 0
            ? new RulePrefilter(literals, best.MaxPrefix)
            : new RulePrefilter(literals, best.MaxPrefix, best.LookBack, best.LookBackBytes!);
    }

    /// <summary>
    /// Flattens a sequence and locates the secret in it: <c>secretAt</c>..<c>secretEnd</c> are the elements of the
    /// secret group itself (or -1), <c>secretInside</c> the element that contains it deeper down (or -1, in which
    /// case a secret constraint that cannot apply is dropped).
    /// </summary>
    private static (List<RegexNode> Elements, int SecretAt, int SecretEnd, int SecretInside) Sequence(RegexNode node, int secretGroup, ref Constraint constraint)
    {
        var elements = new List<RegexNode>();
        var secretAt = -1;
        var secretEnd = -1;
        Flatten(node, secretGroup, elements, ref secretAt, ref secretEnd);
        var secretInside = -1;
        if (constraint == Constraint.Secret && secretAt < 0)
        {
            secretInside = elements.FindIndex(e => PatternLengths.FindGroup(e, secretGroup) is not null);
            if (secretInside < 0)
            {
                constraint = Constraint.None;
            }
        }

        return (elements, secretAt, secretEnd, secretInside);
    }

    private static LiteralCandidate? BestInSequence(RegexNode node, Constraint constraint, int secretGroup)
    {
        var (elements, secretAt, secretEnd, secretInside) = Sequence(node, secretGroup, ref constraint);

        LiteralCandidate? best = null;
        long prefix = 0;
        for (var i = 0; i < elements.Count; i++)
        {
            var sub = SubConstraint(constraint, i, secretAt, secretInside);
            if (sub is { } subConstraint && prefix <= MaxPrefixLimit)
            {
                foreach (var candidate in CandidatesAt(elements, i, (int)prefix, subConstraint, secretGroup))
                {
                    if (candidate.IsUsable && (best is null || candidate.IsBetterThan(best)))
                    {
                        best = candidate;
                    }
                }
            }

            var width = PatternLengths.Max(elements[i]);
            if (!AllowedAfter(constraint, i, secretAt, secretInside, width))
            {
                break;
            }

            prefix = width == PatternLengths.Unbounded ? PatternLengths.Unbounded : prefix + width;
            if (prefix > MaxPrefixLimit)
            {
                break;
            }
        }

        return best;
    }

    /// <summary>The constraint for searching inside element <paramref name="i"/>, or null when no literal may start there.</summary>
    private static Constraint? SubConstraint(Constraint constraint, int i, int secretAt, int secretInside) => constraint switch
    {
        Constraint.None => Constraint.None,
        Constraint.Prefix => Constraint.Prefix,
        _ when secretAt >= 0 => i < secretAt ? Constraint.None : Constraint.Prefix,
        _ => i < secretInside ? Constraint.None : Constraint.Secret,
    };

    /// <summary>Whether literal starts after element <paramref name="i"/> can still satisfy the constraint.</summary>
    private static bool AllowedAfter(Constraint constraint, int i, int secretAt, int secretInside, long width) => constraint switch
    {
        Constraint.None => true,
        Constraint.Prefix => width == 0,
        _ when secretAt >= 0 => i < secretAt || width == 0,
        _ => i < secretInside,
    };

    /// <summary>Inlines concatenations and groups; records where the secret group's content starts and ends.</summary>
    private static void Flatten(RegexNode node, int secretGroup, List<RegexNode> output, ref int secretAt,
        ref int secretEnd)
    {
        switch (node)
        {
            case ConcatNode c:
                foreach (var item in c.Items)
                {
                    Flatten(item, secretGroup, output, ref secretAt, ref secretEnd);
                }

                break;
            case GroupNode g:
                if (g.Index == secretGroup)
                {
                    secretAt = output.Count;
                }

                Flatten(g.Item, secretGroup, output, ref secretAt, ref secretEnd);
                if (g.Index == secretGroup)
                {
                    secretEnd = output.Count;
                }

                break;
            default:
                output.Add(node);
                break;
        }
    }

    private static IEnumerable<LiteralCandidate> CandidatesAt(List<RegexNode> elements, int i, int prefix, Constraint sub, int secretGroup)
    {
        foreach (var run in Runs(elements, i))
        {
            yield return new LiteralCandidate(run, prefix);
        }

        var element = elements[i];
        if (element is RepeatNode { Min: >= 1 } repeat && BestInSequence(repeat.Item, sub, secretGroup) is { } inner)
        {
            yield return inner with { MaxPrefix = prefix + inner.MaxPrefix };
        }

        if (element is AlternationNode alternation && UnionOfBranches(alternation, sub, secretGroup) is { } union)
        {
            yield return union with { MaxPrefix = prefix + union.MaxPrefix };
        }
    }

    private static LiteralCandidate? UnionOfBranches(AlternationNode alternation, Constraint sub, int secretGroup)
    {
        var literals = new SortedSet<string>(StringComparer.Ordinal);
        var maxPrefix = 0;
        foreach (var branch in alternation.Alternatives)
        {
            var branchConstraint = sub == Constraint.Secret && PatternLengths.FindGroup(branch, secretGroup) is null ? Constraint.None : sub;
            if (BestInSequence(branch, branchConstraint, secretGroup) is not { } best)
            {
                return null;
            }

            literals.UnionWith(best.Literals);
            maxPrefix = Math.Max(maxPrefix, best.MaxPrefix);
            if (literals.Count > MaxLiterals)
            {
                return null;
            }
        }

        return new LiteralCandidate([.. literals], maxPrefix);
    }
}
