namespace Hush.PolicyCompiler.Syntax;

/// <summary>Quantifiers: <c>* + ? {n} {n,} {n,m}</c>, lazy forms, and the rejected possessive forms.</summary>
internal sealed partial class RegexParser
{
    private RegexNode ParseQuantifiers(RegexNode atom)
    {
        var quantified = false;
        while (true)
        {
            SkipFreeSpace();
            if (AtEnd)
            {
                return atom;
            }

            var opStart = _pos;
            int min, max;
            switch (_pattern[_pos])
            {
                case '*': (min, max) = (0, -1); _pos++; break;
                case '+': (min, max) = (1, -1); _pos++; break;
                case '?': (min, max) = (0, 1); _pos++; break;
                case '{' when TryParseCounts(out min, out max, out var end): _pos = end; break;
                default: return atom;
            }

            var lazy = !AtEnd && _pattern[_pos] == '?';
            if (lazy)
            {
                _pos++;
            }
            else if (!AtEnd && _pattern[_pos] == '+')
            {
                throw Unsupported(opStart, $"possessive quantifier `{_pattern[opStart..(_pos + 1)]}`", BacktrackWhy);
            }

            if (quantified)
            {
                throw new RegexSyntaxException(opStart, $"invalid nested repetition operator `{_pattern[opStart.._pos]}`");
            }

            if (min > MaxRepeatCount || max > MaxRepeatCount || (max >= 0 && min > max))
            {
                throw new RegexSyntaxException(opStart, $"invalid repeat count `{_pattern[opStart.._pos]}` (counts go up to {MaxRepeatCount}, min ≤ max)");
            }

            if (Has(RegexFlags.Ungreedy))
            {
                lazy = !lazy;
            }

            atom = new RepeatNode(opStart, atom, min, max, lazy);
            if (_pattern[opStart] == '{' && !RepeatIsValid(atom, MaxRepeatCount))
            {
                throw new RegexSyntaxException(opStart, $"invalid repeat count `{_pattern[opStart.._pos]}`: nested counts multiply to more than {MaxRepeatCount}");
            }

            quantified = true;
        }
    }

    /// <summary>
    /// Parses <c>{n}</c>, <c>{n,}</c> or <c>{n,m}</c> at the current position without consuming it. As in Go, a brace
    /// that does not start a valid repeat is a literal; in free-spacing mode white space inside the braces is ignored.
    /// </summary>
    private bool TryParseCounts(out int min, out int max, out int end)
    {
        min = max = end = 0;
        var p = _pos + 1;
        if (!TryParseNumber(ref p, out min))
        {
            return false;
        }

        SkipSpaceAt(ref p);
        if (p < _pattern.Length && _pattern[p] == '}')
        {
            max = min;
            end = p + 1;
            return true;
        }

        if (p >= _pattern.Length || _pattern[p] != ',')
        {
            return false;
        }

        p++;
        SkipSpaceAt(ref p);
        if (p < _pattern.Length && _pattern[p] == '}')
        {
            max = -1;
            end = p + 1;
            return true;
        }

        if (!TryParseNumber(ref p, out max))
        {
            return false;
        }

        SkipSpaceAt(ref p);
        if (p >= _pattern.Length || _pattern[p] != '}')
        {
            return false;
        }

        end = p + 1;
        return true;
    }

    private bool TryParseNumber(ref int p, out int value)
    {
        SkipSpaceAt(ref p);
        value = 0;
        var start = p;
        while (p < _pattern.Length && char.IsAsciiDigit(_pattern[p]))
        {
            // Saturate: anything past the cap is rejected later with the count's text.
            value = Math.Min(value * 10 + (_pattern[p] - '0'), MaxRepeatCount + 1);
            p++;
        }

        return p > start;
    }

    private void SkipSpaceAt(ref int p)
    {
        if (!Has(RegexFlags.FreeSpacing))
        {
            return;
        }

        while (p < _pattern.Length && IsFreeSpace(_pattern[p]))
        {
            p++;
        }
    }

    /// <summary>Go's rule: the product of nested repeat counts must stay within the cap (bounds automaton size).</summary>
    private static bool RepeatIsValid(RegexNode node, int budget)
    {
        switch (node)
        {
            case RepeatNode r:
                var m = r.Max < 0 ? r.Min : r.Max;
                if (m > budget)
                {
                    return false;
                }

                return RepeatIsValid(r.Item, m > 0 ? budget / m : budget);
            case ConcatNode c:
                return c.Items.All(i => RepeatIsValid(i, budget));
            case AlternationNode a:
                return a.Alternatives.All(i => RepeatIsValid(i, budget));
            case GroupNode g:
                return RepeatIsValid(g.Item, budget);
            default:
                return true;
        }
    }
}
