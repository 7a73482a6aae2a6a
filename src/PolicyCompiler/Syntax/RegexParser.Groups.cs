namespace Hush.PolicyCompiler.Syntax;

/// <summary>Groups, inline flags, comments and the rejected group-like constructs.</summary>
internal sealed partial class RegexParser
{
    private const string LookaroundWhy = AutomataWhy + "; lookaround has no automaton form";
    private const string BacktrackWhy = AutomataWhy + "; it depends on backtracking";

    /// <summary>Parses a group at <c>(</c>; returns null for a flag setting <c>(?i)</c> or a comment <c>(?#…)</c>.</summary>
    private RegexNode? ParseGroup()
    {
        var start = _pos;
        if (PeekAt(1) != '?')
        {
            _pos++;
            return ParseGroupBody(start, ++_groupCount, name: null);
        }

        if (PeekAt(2) == '#')
        {
            var close = _pattern.IndexOf(')', _pos);
            if (close < 0)
            {
                throw new RegexSyntaxException(start, "missing closing `)` of comment `(?#`");
            }

            _pos = close + 1;
            return null;
        }

        RejectUnsupportedGroup(start);
        if (LookingAt("(?P<") || (LookingAt("(?<") && IsNameChar(PeekAt(3))))
        {
            _pos += LookingAt("(?P<") ? 4 : 3;
            var name = ParseGroupName(start);
            var index = ++_groupCount;
            if (!_names.TryAdd(name, index))
            {
                throw new RegexSyntaxException(start, $"duplicate capture group name `{name}`");
            }

            return ParseGroupBody(start, index, name);
        }

        return ParseFlagGroup(start);
    }

    private void RejectUnsupportedGroup(int start)
    {
        if (LookingAt("(?=") || LookingAt("(?!"))
        {
            throw Unsupported(start, $"lookahead `{_pattern.Substring(start, 3)}`", LookaroundWhy);
        }

        if (LookingAt("(?<=") || LookingAt("(?<!"))
        {
            throw Unsupported(start, $"lookbehind `{_pattern.Substring(start, 4)}`", LookaroundWhy);
        }

        if (LookingAt("(?>"))
        {
            throw Unsupported(start, "atomic group `(?>`", BacktrackWhy);
        }

        if (LookingAt("(?("))
        {
            throw Unsupported(start, "conditional `(?(`", BacktrackWhy);
        }

        if (LookingAt("(?P="))
        {
            throw Unsupported(start, "backreference `(?P=`", AutomataWhy + "; a backreference needs memory of the matched text");
        }

        if (LookingAt("(?P>") || LookingAt("(?R") || LookingAt("(?&") || char.IsAsciiDigit(PeekAt(2)) || PeekAt(2) is '+' or '-' && char.IsAsciiDigit(PeekAt(3)))
        {
            throw Unsupported(start, $"recursion `{_pattern.Substring(start, Math.Min(4, _pattern.Length - start))}`", "recursive patterns are not regular");
        }

        if (LookingAt("(?|"))
        {
            throw Unsupported(start, "branch reset `(?|`", "use distinct groups");
        }

        if (LookingAt("(?'"))
        {
            throw Unsupported(start, "named group `(?'`", "write `(?P<name>…)` or `(?<name>…)`");
        }
    }

    private static bool IsNameChar(char c) => char.IsAsciiLetterOrDigit(c) || c == '_';

    private string ParseGroupName(int start)
    {
        var nameStart = _pos;
        while (!AtEnd && IsNameChar(_pattern[_pos]))
        {
            _pos++;
        }

        if (AtEnd || _pattern[_pos] != '>' || _pos == nameStart)
        {
            throw new RegexSyntaxException(start, "invalid named capture group: a name is letters, digits and `_`, closed by `>`");
        }

        var name = _pattern[nameStart.._pos];
        _pos++;
        return name;
    }

    private RegexNode ParseGroupBody(int start, int index, string? name)
    {
        var saved = _flags;
        var body = ParseNested(start);
        ExpectClose(start);
        _flags = saved;
        return index > 0 ? new GroupNode(start, body, index, name) : body;
    }

    /// <summary>
    /// Parses the body of the group opened at <paramref name="start"/>. Every later stage walks the tree recursively,
    /// so nesting is capped (as Go's parser caps it at 1000) to turn a pathological pattern into an error instead of
    /// a stack overflow, which no handler can catch.
    /// </summary>
    private RegexNode ParseNested(int start)
    {
        if (++_depth > MaxNestingDepth)
        {
            throw new RegexSyntaxException(start, $"groups nest more than {MaxNestingDepth} levels deep");
        }

        var body = ParseAlternation();
        _depth--;
        return body;
    }

    private void ExpectClose(int start)
    {
        if (AtEnd || _pattern[_pos] != ')')
        {
            throw new RegexSyntaxException(start, "missing closing `)`");
        }

        _pos++;
    }

    /// <summary><c>(?flags)</c> sets flags to the end of the enclosing group; <c>(?flags:…)</c> scopes them.</summary>
    private RegexNode? ParseFlagGroup(int start)
    {
        _pos += 2;
        var flags = _flags;
        var negate = false;
        var sawFlag = false;
        var sawAny = false;
        while (!AtEnd)
        {
            var c = _pattern[_pos];
            var flag = c switch
            {
                'i' => RegexFlags.IgnoreCase,
                'm' => RegexFlags.Multiline,
                's' => RegexFlags.DotAll,
                'U' => RegexFlags.Ungreedy,
                'x' => RegexFlags.FreeSpacing,
                _ => RegexFlags.None,
            };
            if (flag != RegexFlags.None)
            {
                flags = negate ? flags & ~flag : flags | flag;
                sawFlag = true;
                sawAny = true;
                _pos++;
                continue;
            }

            if (c == '-' && !negate)
            {
                negate = true;
                sawFlag = false;
                _pos++;
                continue;
            }

            if (c is ')' or ':' && sawAny && sawFlag || c == ':' && !negate && !sawAny)
            {
                _pos++;
                if (c == ')')
                {
                    _flags = flags;
                    return null;
                }

                var saved = _flags;
                _flags = flags;
                var body = ParseNested(start);
                ExpectClose(start);
                _flags = saved;
                return body;
            }

            break;
        }

        var end = Math.Min(_pos + 1, _pattern.Length);
        throw new RegexSyntaxException(start, $"invalid or unsupported group syntax `{_pattern[start..end]}`");
    }
}
