namespace Hush.PolicyCompiler.Import;

/// <summary>
/// Decides whether every match of a pattern contains one of a set of keywords (ASCII case ignored).
/// </summary>
/// <remarks>
/// gitleaks runs a rule only when one of its keywords occurs anywhere in the scanned file; our <c>keywords</c>
/// require one inside the match. The two agree exactly when the pattern already forces a keyword into every
/// match, which is what this proves. The proof is conservative: it tracks finite sets of strings a construct can
/// match (up to <see cref="Cap"/> strings) and answers false whenever it cannot show coverage, including for
/// syntax it does not understand.
/// </remarks>
internal sealed partial class KeywordCoverage
{
    /// <summary>Largest string set tracked for one construct.</summary>
    private const int Cap = 256;

    private readonly string _p;
    private readonly string[] _keywords;
    private readonly Stack<bool> _scopes = new();
    private int _i;
    private bool _x;

    private KeywordCoverage(string pattern, IEnumerable<string> keywords)
    {
        _p = pattern;
        _keywords = keywords.Select(k => k.ToLowerInvariant()).Where(k => k.Length > 0).ToArray();
    }

    /// <summary>Whether every match of <paramref name="pattern"/> provably contains one of <paramref name="keywords"/>.</summary>
    public static bool IsImplied(string pattern, IReadOnlyCollection<string> keywords)
    {
        var analysis = new KeywordCoverage(pattern, keywords);
        if (analysis._keywords.Length == 0)
        {
            return false;
        }

        try
        {
            Node node = analysis.ParseAlternation();
            return analysis._i >= analysis._p.Length && node.Covered;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    /// <summary>What is known about a construct.</summary>
    /// <param name="Exact">Every string it can match, lower-cased, or null when unknown or too many.</param>
    /// <param name="Covered">Whether every string it can match contains a keyword.</param>
    private readonly record struct Node(HashSet<string>? Exact, bool Covered);

    private Node Make(HashSet<string>? exact, bool covered = false) =>
        new(exact, covered || (exact is not null && exact.All(ContainsKeyword)));

    private bool ContainsKeyword(string s)
    {
        foreach (string k in _keywords)
        {
            if (s.Contains(k, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private Node ParseAlternation()
    {
        var branches = new List<Node> { ParseConcat() };
        while (_i < _p.Length && _p[_i] == '|')
        {
            _i++;
            branches.Add(ParseConcat());
        }

        if (branches.Count == 1)
        {
            return branches[0];
        }

        HashSet<string>? union = [];
        foreach (Node b in branches)
        {
            union = b.Exact is null || union is null ? null : [.. union, .. b.Exact];
            union = union is { Count: > Cap } ? null : union;
        }

        return Make(union, branches.All(b => b.Covered));
    }

    private Node ParseConcat()
    {
        bool covered = false;
        HashSet<string>? whole = [""];
        HashSet<string> run = [""];
        while (true)
        {
            SkipFreeSpace();
            if (_i >= _p.Length || _p[_i] is '|' or ')')
            {
                break;
            }

            Node item = ParseRepeat();
            covered |= item.Covered;
            whole = Product(whole, item.Exact);
            if (item.Exact is null)
            {
                covered |= run.All(ContainsKeyword);
                run = [""];
                continue;
            }

            // A keyword may straddle several items (`(?:ghu|ghs)` then `_`): check runs of known items together.
            HashSet<string>? next = Product(run, item.Exact);
            if (next is null)
            {
                covered |= run.All(ContainsKeyword);
                next = item.Exact;
            }

            run = next;
        }

        covered |= run.All(ContainsKeyword);
        return Make(whole, covered);
    }

    private static HashSet<string>? Product(HashSet<string>? left, HashSet<string>? right)
    {
        if (left is null || right is null || (long)left.Count * right.Count > Cap)
        {
            return null;
        }

        var result = new HashSet<string>(StringComparer.Ordinal);
        foreach (string l in left)
        {
            foreach (string r in right)
            {
                result.Add(l + r);
            }
        }

        return result;
    }

    private Node ParseRepeat()
    {
        Node atom = ParseAtom();
        while (true)
        {
            SkipFreeSpace();
            if (_i >= _p.Length)
            {
                return atom;
            }

            int min;
            int? max;
            char q = _p[_i];
            if (q is '*' or '+' or '?')
            {
                _i++;
                (min, max) = q switch { '*' => (0, (int?)null), '+' => (1, null), _ => (0, 1) };
            }
            else if (q != '{' || !TryCount(out min, out max))
            {
                return atom;
            }

            if (_i < _p.Length && _p[_i] == '?')
            {
                _i++;
            }

            atom = Repeat(atom, min, max);
        }
    }

    private Node Repeat(Node atom, int min, int? max)
    {
        if (min == 0)
        {
            HashSet<string>? optional = max == 1 && atom.Exact is not null ? [.. atom.Exact, ""] : null;
            return Make(optional);
        }

        HashSet<string>? exact = max == min ? atom.Exact : null;
        for (int n = 1; exact is not null && n < min; n++)
        {
            exact = Product(exact, atom.Exact);
        }

        return Make(exact, atom.Covered);
    }

    private bool TryCount(out int min, out int? max)
    {
        min = 0;
        max = null;
        int close = _p.IndexOf('}', _i);
        if (close < 0)
        {
            return false;
        }

        string body = _p[(_i + 1)..close];
        int comma = body.IndexOf(',');
        if (!int.TryParse(comma < 0 ? body : body[..comma], out min))
        {
            return false;
        }

        if (comma < 0)
        {
            max = min;
        }
        else if (body.Length > comma + 1)
        {
            if (!int.TryParse(body[(comma + 1)..], out int m))
            {
                return false;
            }

            max = m;
        }

        _i = close + 1;
        return true;
    }
}
