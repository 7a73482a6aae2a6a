namespace Hush.Policy.Confirmation;

/// <summary>
/// A confirm pattern cut around its only capturing group when that group lies on a plain concatenation path
/// (every enclosing group is a non-capturing group with no alternation at its level and no quantifier): the
/// pattern is then exactly <c>Prefix (Secret) Suffix</c>, and the secret's span can be found with two
/// allocation-free anchored searches instead of an allocated <see cref="System.Text.RegularExpressions.Match"/>.
/// </summary>
/// <remarks>
/// With a backtracking engine the capture of <c>A(S)B</c> at a known match start is fixed by the first path of
/// <c>A</c> (in priority order) from which <c>S B</c> can match, then by the first path of <c>S</c> from there
/// after which <c>B</c> can match. <c>\G(?:A)(?=(?:S)(?:B))</c> and <c>\G(?:S)(?=(?:B))</c> make exactly those
/// choices (a lookahead succeeds as soon as some path of its body does), so their match lengths are the secret's
/// offset and length. Anything the splitter does not recognise yields no split, and the caller falls back to
/// <c>Regex.Match</c>.
/// </remarks>
/// <param name="Prefix">The pattern before the group, enclosing group openers removed.</param>
/// <param name="Secret">The body of the capturing group.</param>
/// <param name="Suffix">The pattern after the group, enclosing group closers removed.</param>
internal sealed record SecretGroupSplit(string Prefix, string Secret, string Suffix)
{
    private enum GroupKind
    {
        Capture,
        NonCapturing,
        LookAround,
    }

    /// <summary>The pattern whose match runs from the match start to the secret start.</summary>
    public string StartPattern => @"\G(?:" + Prefix + ")(?=(?:" + Secret + ")(?:" + Suffix + "))";

    /// <summary>The pattern whose match runs from the secret start to the secret end.</summary>
    public string SecretPattern => @"\G(?:" + Secret + ")(?=(?:" + Suffix + "))";

    /// <summary>Splits <paramref name="pattern"/> (a .NET pattern with one capturing group), or returns null.</summary>
    public static SecretGroupSplit? TrySplit(string pattern)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        var groups = new List<Group>();
        var open = new Stack<int>();
        var topLevelAlternation = false;
        for (var i = 0; i < pattern.Length; i++)
        {
            switch (pattern[i])
            {
                case '\\':
                    i++;
                    break;
                case '[':
                    i = SkipClass(pattern, i);
                    if (i < 0)
                    {
                        return null;
                    }

                    break;
                case '(':
                    var kind = KindAt(pattern, i);
                    if (kind is null)
                    {
                        return null;
                    }

                    groups.Add(new Group(kind.Value, i, open.Count > 0 ? open.Peek() : -1));
                    open.Push(groups.Count - 1);
                    break;
                case ')':
                    if (open.Count == 0)
                    {
                        return null;
                    }

                    var closed = groups[open.Pop()];
                    closed.Close = i;
                    closed.Quantified = i + 1 < pattern.Length && pattern[i + 1] is '*' or '+' or '?' or '{';
                    break;
                case '|':
                    if (open.Count == 0)
                    {
                        topLevelAlternation = true;
                    }
                    else
                    {
                        groups[open.Peek()].Alternation = true;
                    }

                    break;
            }
        }

        if (open.Count != 0 || topLevelAlternation)
        {
            return null;
        }

        return Cut(pattern, groups);
    }

    private static SecretGroupSplit? Cut(string pattern, List<Group> groups)
    {
        var capture = -1;
        for (var g = 0; g < groups.Count; g++)
        {
            if (groups[g].Kind == GroupKind.Capture)
            {
                if (capture >= 0)
                {
                    return null;
                }

                capture = g;
            }
        }

        if (capture < 0 || groups[capture].Quantified)
        {
            return null;
        }

        // Enclosing groups must be transparent: removing their parentheses leaves the same concatenation.
        var removed = new SortedSet<int>();
        for (var g = groups[capture].Parent; g >= 0; g = groups[g].Parent)
        {
            var group = groups[g];
            if (group.Kind != GroupKind.NonCapturing || group.Alternation || group.Quantified)
            {
                return null;
            }

            removed.Add(group.Open);
            removed.Add(group.Close);
        }

        var captureGroup = groups[capture];
        return new SecretGroupSplit(
            Without(pattern, 0, captureGroup.Open, removed),
            pattern[(captureGroup.Open + 1)..captureGroup.Close],
            Without(pattern, captureGroup.Close + 1, pattern.Length, removed));
    }

    /// <summary>Copies <c>pattern[from..to)</c> leaving out the group openers (<c>(?:</c>) and closers at <paramref name="removed"/>.</summary>
    private static string Without(string pattern, int from, int to, SortedSet<int> removed)
    {
        var sb = new System.Text.StringBuilder(to - from);
        for (var i = from; i < to; i++)
        {
            if (!removed.Contains(i))
            {
                sb.Append(pattern[i]);
            }
            else if (pattern[i] == '(')
            {
                i += 2;
            }
        }

        return sb.ToString();
    }

    private static GroupKind? KindAt(string pattern, int i)
    {
        if (i + 1 >= pattern.Length || pattern[i + 1] != '?')
        {
            return GroupKind.Capture;
        }

        var rest = pattern.AsSpan(i + 2);
        if (rest.StartsWith(":"))
        {
            return GroupKind.NonCapturing;
        }

        if (rest.StartsWith("=") || rest.StartsWith("!") || rest.StartsWith("<=") || rest.StartsWith("<!"))
        {
            return GroupKind.LookAround;
        }

        // Named groups, inline options, atomic groups, conditionals: not produced by the emitter; not split.
        return null;
    }

    /// <summary>Returns the index of the class's closing bracket, or -1 for what this splitter does not handle.</summary>
    private static int SkipClass(string pattern, int i)
    {
        i++;
        if (i < pattern.Length && pattern[i] == '^')
        {
            i++;
        }

        if (i < pattern.Length && pattern[i] == ']')
        {
            i++;
        }

        for (; i < pattern.Length; i++)
        {
            switch (pattern[i])
            {
                case '\\':
                    i++;
                    break;
                case '[':
                    // Character class subtraction (-[...]) or a nested bracket: leave it to Regex.Match.
                    return -1;
                case ']':
                    return i;
            }
        }

        return -1;
    }

    private sealed class Group(GroupKind kind, int open, int parent)
    {
        public GroupKind Kind { get; } = kind;

        public int Open { get; } = open;

        public int Parent { get; } = parent;

        public int Close { get; set; } = -1;

        public bool Quantified { get; set; }

        public bool Alternation { get; set; }
    }
}
