namespace Hush.PolicyCompiler.Import;

/// <summary>Allow-list literals and regexes collected for a rule, in first-seen order and without duplicates.</summary>
internal sealed class AllowSet
{
    private readonly List<string> _literals = [];
    private readonly List<string> _regexes = [];
    private readonly HashSet<string> _seenLiterals = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _seenRegexes = new(StringComparer.Ordinal);

    /// <summary>Adds a literal (compared ignoring case, as the policy does).</summary>
    public void AddLiteral(string literal)
    {
        if (literal.Length > 0 && _seenLiterals.Add(literal))
        {
            _literals.Add(literal);
        }
    }

    /// <summary>Adds a regex.</summary>
    public void AddRegex(string regex)
    {
        if (regex.Length > 0 && _seenRegexes.Add(regex))
        {
            _regexes.Add(regex);
        }
    }

    /// <summary>Adds everything from <paramref name="other"/> after this set's own entries.</summary>
    public void AddRange(AllowSet other)
    {
        foreach (string literal in other._literals)
        {
            AddLiteral(literal);
        }

        foreach (string regex in other._regexes)
        {
            AddRegex(regex);
        }
    }

    /// <summary>Appends the collected entries to the rule's allow lists.</summary>
    public void CopyTo(ImportedRule rule)
    {
        rule.AllowLiterals.AddRange(_literals);
        rule.AllowRegexes.AddRange(_regexes);
    }
}
