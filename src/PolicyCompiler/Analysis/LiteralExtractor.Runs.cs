using System.Text;
using Hush.PolicyCompiler.Syntax;

namespace Hush.PolicyCompiler.Analysis;

/// <summary>Runs of elements with small exact languages, multiplied out into literal strings.</summary>
internal static partial class LiteralExtractor
{
    /// <summary>Code points a class may have before it is too large to expand (ASCII folding halves it).</summary>
    private const int MaxClassCodePoints = 2 * MaxLiterals;

    /// <summary>Largest upper bound of a counted repeat whose language is multiplied out (<c>?</c>, <c>{0,2}</c>).</summary>
    private const int MaxExpandedRepeat = 4;

    /// <summary>
    /// Every non-empty prefix of the run starting at element <paramref name="start"/>, as literal sets: each extends
    /// the previous one by one element. A repeat with minimum n ≥ 1 contributes up to n copies and ends the run.
    /// Small optional elements (<c>[_-]?</c>) are multiplied out inside a run, never at its start.
    /// </summary>
    private static IEnumerable<List<string>> Runs(List<RegexNode> elements, int start)
    {
        List<string> product = [string.Empty];
        for (var j = start; j < elements.Count; j++)
        {
            var element = elements[j];
            if (PatternLengths.Max(element) == 0)
            {
                // Zero-width assertions constrain the match but consume nothing: the run continues past them.
                continue;
            }

            if (Exact(element) is { } exact)
            {
                // An optional first element would let the literals start at the next element, where a bare prefix
                // such as "https://" of "(?:https?://)?hooks.slack.com" wakes the rule at every URL: the run
                // starts at the element after it instead (its own start in this loop).
                if (product is [""] && exact.Contains(string.Empty))
                {
                    yield break;
                }

                if (Product(product, exact) is not { } next)
                {
                    yield break;
                }

                product = next;
                yield return product;
                continue;
            }

            if (element is RepeatNode { Min: >= 1 } r && Exact(r.Item) is { } item)
            {
                // Each of the first n copies is required, so every partial product is a valid literal set too.
                var extended = product;
                for (var k = 0; k < r.Min && Product(extended, item) is { } next; k++)
                {
                    extended = next;
                    yield return extended;
                }
            }

            yield break;
        }
    }

    /// <summary>The exact language of a node as lower-cased byte strings, or null when infinite or too large.</summary>
    private static List<string>? Exact(RegexNode node)
    {
        switch (node)
        {
            case CharSetNode set:
                return ExpandSet(set);
            case AssertionNode:
                return [string.Empty];
            case GroupNode g:
                return Exact(g.Item);
            case ConcatNode c:
                List<string>? product = [string.Empty];
                foreach (var item in c.Items)
                {
                    product = Exact(item) is { } e ? Product(product, e) : null;
                    if (product is null)
                    {
                        return null;
                    }
                }

                return product;
            case AlternationNode a:
                var union = new SortedSet<string>(StringComparer.Ordinal);
                foreach (var alternative in a.Alternatives)
                {
                    if (Exact(alternative) is not { } e)
                    {
                        return null;
                    }

                    union.UnionWith(e);
                    if (union.Count > MaxLiterals)
                    {
                        return null;
                    }
                }

                return [.. union];
            case RepeatNode r when r.Min == r.Max:
                List<string>? power = [string.Empty];
                var body = Exact(r.Item);
                for (var k = 0; k < r.Min && power is not null; k++)
                {
                    power = body is null ? null : Product(power, body);
                }

                return power;
            case RepeatNode r when !r.Unbounded && r.Max <= MaxExpandedRepeat:
                return BoundedRepeat(r);
            default:
                return null;
        }
    }

    /// <summary>
    /// The language of <c>x{n,m}</c> (m ≤ <see cref="MaxExpandedRepeat"/>): every count from n to m. Separators
    /// such as <c>client[_-]?secret</c> are what this is for: without it the run stops at the optional
    /// separator and "client", a common word in code, wakes the rule at every occurrence.
    /// </summary>
    private static List<string>? BoundedRepeat(RepeatNode r)
    {
        if (Exact(r.Item) is not { } body)
        {
            return null;
        }

        var union = new SortedSet<string>(StringComparer.Ordinal);
        List<string> power = [string.Empty];
        for (var k = 0; k <= r.Max; k++)
        {
            if (k >= r.Min)
            {
                union.UnionWith(power);
                if (union.Count > MaxLiterals)
                {
                    return null;
                }
            }

            if (k < r.Max && Product(power, body) is { } next)
            {
                power = next;
            }
            else if (k < r.Max)
            {
                return null;
            }
        }

        return [.. union];
    }

    private static List<string>? ExpandSet(CharSetNode set)
    {
        if (set.IsByteWideNonAscii())
        {
            return null;
        }

        var count = 0L;
        foreach (var r in set.Ranges)
        {
            count += r.Last - r.First + 1;
        }

        if (count > MaxClassCodePoints)
        {
            return null;
        }

        var strings = new SortedSet<string>(StringComparer.Ordinal);
        Span<byte> utf8 = stackalloc byte[4];
        foreach (var r in set.Ranges)
        {
            for (var cp = r.First; cp <= r.Last; cp++)
            {
                if (cp < 0x80)
                {
                    strings.Add(((char)char.ToLowerInvariant((char)cp)).ToString());
                }
                else
                {
                    var length = CharSetExtensions.Encode(cp, utf8);
                    strings.Add(Encoding.Latin1.GetString(utf8[..length]));
                }
            }
        }

        return strings.Count <= MaxLiterals ? [.. strings] : null;
    }

    private static List<string>? Product(List<string> left, List<string> right)
    {
        if ((long)left.Count * right.Count > MaxLiterals)
        {
            return null;
        }

        var result = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var l in left)
        {
            foreach (var r in right)
            {
                result.Add(l + r);
            }
        }

        return [.. result];
    }
}
