using Hush.Policy.Rules;
using Hush.PolicyCompiler.Syntax;

namespace Hush.PolicyCompiler.Analysis;

/// <summary>
/// Look-back literal sets: when no literal precedes the secret, a literal may still wake the rule if the secret
/// bytes before it are bounded. K (<see cref="LiteralCandidate.LookBack"/>) is the total width of the secret
/// elements before the literal, and the look-back set the union of their bytes; the matcher holds the trailing
/// run of such bytes so the secret's head is still unreleased when the literal arrives.
/// </summary>
internal static partial class LiteralExtractor
{
    /// <summary>
    /// The best set of a sequence when secret elements of bounded width may precede the literal. With
    /// <paramref name="peel"/>, a counted repeat inside the secret may also lend its last copy to a run
    /// (<c>\d{15,16}[|%]</c> yields <c>0|</c> … <c>9%</c>).
    /// </summary>
    private static LiteralCandidate? BestWithLookBack(RegexNode node, Constraint constraint, int secretGroup, bool peel)
    {
        var (elements, secretAt, secretEnd, secretInside) = Sequence(node, secretGroup, ref constraint);

        LiteralCandidate? best = null;
        long prefix = 0;
        long lookBack = 0;
        var bits = new byte[RulePrefilter.LookBackBitsetLength];
        var secretStarted = false;
        for (var i = 0; i < elements.Count; i++)
        {
            var secret = constraint switch
            {
                Constraint.None => false,
                Constraint.Prefix => true,
                _ when secretAt >= 0 => i >= secretAt && i < secretEnd,
                _ => i == secretInside,
            };
            var sub = constraint switch
            {
                Constraint.Prefix => Constraint.Prefix,
                Constraint.Secret when secretAt >= 0 && secret => Constraint.Prefix,
                Constraint.Secret when i == secretInside => Constraint.Secret,
                _ => Constraint.None,
            };
            foreach (var candidate in LookBackCandidatesAt(elements, i, ((int)prefix, (int)lookBack, bits), sub, secretGroup,
                secret && peel))
            {
                if (candidate.IsUsable && (best is null || candidate.IsBetterThan(best)))
                {
                    best = candidate;
                }
            }

            var width = PatternLengths.Max(elements[i]);
            if (width == PatternLengths.Unbounded)
            {
                break;
            }

            prefix += width;

            // Everything from the secret's start to the literal counts, non-secret elements after the secret too:
            // the matcher holds one unbroken run of look-back bytes ending at the literal.
            secretStarted |= secret;
            if (secretStarted)
            {
                lookBack += width;
                AddBytes(elements[i], bits);
            }

            if (prefix > MaxPrefixLimit || lookBack > MaxLookBack)
            {
                break;
            }
        }

        return best;
    }

    /// <summary>Sets starting in element <paramref name="i"/>; <paramref name="at"/> is where it starts: distance from the
    /// match start, secret bytes before it and their set.</summary>
    private static IEnumerable<LiteralCandidate> LookBackCandidatesAt(List<RegexNode> elements, int i,
        (int Prefix, int LookBack, byte[] Bits) at, Constraint sub, int secretGroup, bool peel)
    {
        foreach (var run in Runs(elements, i))
        {
            yield return new LiteralCandidate(run, at.Prefix, at.LookBack, at.LookBack > 0 ? [.. at.Bits] : null);
        }

        var element = elements[i];
        if (element is RepeatNode { Min: >= 1 } repeat
            && (BestInSequence(repeat.Item, sub, secretGroup) ?? BestWithLookBack(repeat.Item, sub, secretGroup, peel)) is { } inner)
        {
            yield return Shift(inner, at, element);
        }

        if (element is AlternationNode alternation && UnionWithLookBack(alternation, sub, secretGroup, peel) is { } union)
        {
            yield return Shift(union, at, element);
        }

        if (peel && element is RepeatNode { Min: >= 1, Max: >= 2 } counted
            && PatternLengths.Max(counted.Item) is var itemWidth and < PatternLengths.Unbounded)
        {
            // x{m,n} = x{m-1,n-1}x: the last copy starts after at most (n-1) copies, all of them secret.
            var before = (counted.Max - 1) * itemWidth;
            if (at.LookBack + before <= MaxLookBack)
            {
                var bits = (byte[])at.Bits.Clone();
                AddBytes(counted.Item, bits);
                List<RegexNode> peeled = [counted.Item, .. elements.Skip(i + 1)];
                foreach (var run in Runs(peeled, 0))
                {
                    yield return new LiteralCandidate(run, at.Prefix + (int)before, at.LookBack + (int)before, bits);
                }
            }
        }
    }

    /// <summary>
    /// An inner set moved to where its element starts. When secret bytes precede the element, every byte of the
    /// element before the inner literal joins the look-back run (the inner search may have seen them as non-secret).
    /// </summary>
    private static LiteralCandidate Shift(LiteralCandidate inner, (int Prefix, int LookBack, byte[] Bits) at, RegexNode element)
    {
        var lookBack = at.LookBack > 0 ? at.LookBack + inner.MaxPrefix : inner.LookBack;
        byte[]? bits = null;
        if (at.LookBack > 0)
        {
            bits = [.. at.Bits];
            AddBytes(element, bits);
        }
        else if (lookBack > 0)
        {
            bits = [.. inner.LookBackBytes!];
        }

        return inner with { MaxPrefix = at.Prefix + inner.MaxPrefix, LookBack = lookBack, LookBackBytes = bits };
    }

    private static LiteralCandidate? UnionWithLookBack(AlternationNode alternation, Constraint sub, int secretGroup, bool peel)
    {
        var literals = new SortedSet<string>(StringComparer.Ordinal);
        var maxPrefix = 0;
        var lookBack = 0;
        var bits = new byte[RulePrefilter.LookBackBitsetLength];
        foreach (var branch in alternation.Alternatives)
        {
            var branchConstraint = sub == Constraint.Secret && PatternLengths.FindGroup(branch, secretGroup) is null ? Constraint.None : sub;
            if ((BestInSequence(branch, branchConstraint, secretGroup)
                ?? BestWithLookBack(branch, branchConstraint, secretGroup, peel)) is not { } best)
            {
                return null;
            }

            literals.UnionWith(best.Literals);
            maxPrefix = Math.Max(maxPrefix, best.MaxPrefix);
            lookBack = Math.Max(lookBack, best.LookBack);
            Unite(bits, best.LookBackBytes);
            if (literals.Count > MaxLiterals)
            {
                return null;
            }
        }

        return new LiteralCandidate([.. literals], maxPrefix, lookBack, lookBack > 0 ? bits : null);
    }

    /// <summary>Adds every byte a match of <paramref name="node"/> can consume (any non-ASCII code point adds 0x80..0xFF).</summary>
    private static void AddBytes(RegexNode node, byte[] bits)
    {
        switch (node)
        {
            case CharSetNode set:
                foreach (var r in set.Ranges)
                {
                    for (var cp = r.First; cp <= Math.Min(r.Last, 0x7F); cp++)
                    {
                        bits[cp >> 3] |= (byte)(1 << (cp & 7));
                    }

                    if (r.Last >= 0x80)
                    {
                        bits.AsSpan(0x80 >> 3).Fill(0xFF);
                    }
                }

                break;
            case AssertionNode:
                break;
            case GroupNode g:
                AddBytes(g.Item, bits);
                break;
            case RepeatNode r:
                AddBytes(r.Item, bits);
                break;
            case ConcatNode c:
                foreach (var item in c.Items)
                {
                    AddBytes(item, bits);
                }

                break;
            case AlternationNode a:
                foreach (var alternative in a.Alternatives)
                {
                    AddBytes(alternative, bits);
                }

                break;
            default:
                bits.AsSpan().Fill(0xFF);
                break;
        }
    }

    private static void Unite(byte[] into, byte[]? other)
    {
        if (other is null)
        {
            return;
        }

        for (var j = 0; j < into.Length; j++)
        {
            into[j] |= other[j];
        }
    }
}
