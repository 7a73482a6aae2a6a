namespace Hush.PolicyCompiler.Policies;

/// <summary>Rebuilding literal (<c>|</c>) and folded (<c>&gt;</c>) block scalars.</summary>
internal sealed partial class ScalarSourceMap
{
    /// <summary>
    /// Rebuilds a block scalar. The content indentation depends on the parent node, which the raw text does not
    /// show, so every plausible indentation is tried and the one whose result equals the value wins.
    /// </summary>
    private static List<int>? Block(string text, int start, int end, bool folded, string value)
    {
        // Skip the header line (indicator, chomping/indentation indicators, comment).
        var i = start;
        while (i < end && !IsBreak(text[i]))
        {
            i++;
        }

        if (i >= end)
        {
            return value.Length == 0 ? [end] : null;
        }

        var lines = new List<(int Start, int End, int BreakIndex)>();
        i = SkipBreak(text, i);
        while (i < end)
        {
            var lineStart = i;
            while (i < end && !IsBreak(text[i]))
            {
                i++;
            }

            lines.Add((lineStart, i, i));
            if (i < end)
            {
                i = SkipBreak(text, i);
            }
        }

        var firstIndent = 0;
        foreach (var (ls, le, _) in lines)
        {
            var k = ls;
            while (k < le && text[k] == ' ')
            {
                k++;
            }

            if (k < le)
            {
                firstIndent = k - ls;
                break;
            }
        }

        for (var indent = firstIndent; indent >= 1; indent--)
        {
            var result = BlockWithIndent(text, lines, indent, folded, value, end);
            if (result is not null)
            {
                return result;
            }
        }

        return null;
    }

    private static List<int>? BlockWithIndent(
        string text, List<(int Start, int End, int BreakIndex)> lines, int indent, bool folded, string value, int end)
    {
        var chars = new List<char>(value.Length + 4);
        var indices = new List<int>(value.Length + 4);
        var pendingBreaks = new List<int>();
        var seenContent = false;
        var previousNormal = false;
        foreach (var (ls, le, breakIndex) in lines)
        {
            var contentStart = Math.Min(ls + indent, le);
            for (var k = ls; k < contentStart; k++)
            {
                if (text[k] != ' ')
                {
                    return null;
                }
            }

            // A line with nothing past the indentation (or only spaces short of it) is an empty line.
            if (contentStart >= le && IsAllSpaces(text, ls, le))
            {
                pendingBreaks.Add(breakIndex);
                continue;
            }

            var normal = !IsBlank(text[contentStart]);
            if (seenContent)
            {
                if (folded && previousNormal && normal && pendingBreaks.Count == 1)
                {
                    chars.Add(' ');
                    indices.Add(pendingBreaks[0]);
                }
                else
                {
                    // Folding drops the first break of a run only between two normal lines.
                    var from = folded && previousNormal && normal ? 1 : 0;
                    for (var b = from; b < pendingBreaks.Count; b++)
                    {
                        chars.Add('\n');
                        indices.Add(pendingBreaks[b]);
                    }
                }
            }
            else
            {
                foreach (var b in pendingBreaks)
                {
                    chars.Add('\n');
                    indices.Add(b);
                }
            }

            pendingBreaks.Clear();
            for (var k = contentStart; k < le; k++)
            {
                chars.Add(text[k]);
                indices.Add(k);
            }

            pendingBreaks.Add(breakIndex);
            seenContent = true;
            previousNormal = normal;
        }

        foreach (var b in pendingBreaks)
        {
            chars.Add('\n');
            indices.Add(b);
        }

        return Finish(chars, indices, value, end);
    }

    private static bool IsAllSpaces(string text, int from, int to)
    {
        for (var k = from; k < to; k++)
        {
            if (text[k] != ' ')
            {
                return false;
            }
        }

        return true;
    }
}
