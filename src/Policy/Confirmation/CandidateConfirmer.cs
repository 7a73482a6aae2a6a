using System.Buffers;
using System.Text;
using System.Text.RegularExpressions;
using Hush.Policy.Automata;
using Hush.Policy.Rules;

namespace Hush.Policy.Confirmation;

/// <summary>
/// Decides one rule's candidates exactly: runs the rule's confirm pattern (a .NET regex over Latin-1 characters,
/// one per byte) on a bounded window, then checks keywords, entropy, allow-list and validator on the secret.
/// Immutable apart from lazily built regexes; thread-safe.
/// </summary>
internal sealed partial class CandidateConfirmer
{
    private readonly CompiledRule _rule;
    private readonly TimeSpan _timeout;
    private readonly byte[][] _keywords;
    private readonly byte[][] _allowLiterals;
    private readonly SearchValues<string>? _allowSearch;
    private readonly bool[] _firstBytes;
    private readonly TieredRegex _confirmRegex;
    private readonly TieredRegex[] _allowRegexes;

    /// <summary>Creates the confirmer of <paramref name="rule"/>; regexes are built on first use.</summary>
    public CandidateConfirmer(CompiledRule rule, TimeSpan timeout)
    {
        _rule = rule;
        _timeout = timeout;
        _keywords = ToUtf8(rule.Keywords);
        _allowLiterals = ToUtf8(rule.AllowLiterals);
        _allowSearch = AllowSearch(rule.AllowLiterals);
        _firstBytes = FirstBytes(rule.Automaton);
        _confirmRegex = new TieredRegex(@"\G(?:" + rule.ConfirmPattern + ")", timeout);
        _allowRegexes = new TieredRegex[rule.AllowPatterns.Length];
        for (var i = 0; i < _allowRegexes.Length; i++)
        {
            _allowRegexes[i] = new TieredRegex(rule.AllowPatterns[i], timeout);
        }
    }

    /// <summary>
    /// The rule's confirm pattern anchored at the search position (<c>\G(?:…)</c>), built once and shared by every
    /// stream. Anchoring lets confirmation try only the start positions up to the candidate's accepting position:
    /// an unanchored search would run on to the end of the window whenever a relaxed automaton reports a false
    /// candidate (measured: 3 MB/s for gitleaks' generic-api-key on keyword-dense text).
    /// </summary>
    public Regex Regex => _confirmRegex.Get();

    /// <summary>
    /// Confirms the candidate whose first accepting position is <paramref name="acceptIndex"/> in
    /// <paramref name="window"/>, searching from <paramref name="originIndex"/> (bytes before it are look-behind
    /// only). The first match found is the rule's leftmost-first match if it starts at or before
    /// <paramref name="acceptIndex"/>; otherwise there is no match there.
    /// </summary>
    public ConfirmationResult Confirm(ReadOnlySpan<byte> window, int originIndex, int acceptIndex)
    {
        var buffer = ArrayPool<char>.Shared.Rent(Math.Max(1, window.Length));
        try
        {
            var chars = buffer.AsSpan(0, window.Length);
            Encoding.Latin1.GetChars(window, chars);
            return Confirm(window, chars, originIndex, acceptIndex);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(buffer);
        }
    }

    private ConfirmationResult Confirm(ReadOnlySpan<byte> window, ReadOnlySpan<char> chars, int originIndex, int acceptIndex)
    {
        // The leftmost-first match is the first start position with a match; only bytes that move the automaton
        // out of its start states can begin one. Found without allocating: only a secret group needs a string.
        var matchStart = -1;
        var matchLength = 0;
        var regex = Regex;
        try
        {
            for (var p = originIndex; p <= acceptIndex && p < chars.Length && matchStart < 0; p++)
            {
                if (!_firstBytes[window[p]])
                {
                    continue;
                }

                foreach (var match in regex.EnumerateMatches(chars, p))
                {
                    matchStart = match.Index;
                    matchLength = match.Length;
                    break;
                }
            }
        }
        catch (RegexMatchTimeoutException)
        {
            return new ConfirmationResult(ConfirmationKind.TimedOut, 0, 0, 0, 0);
        }

        if (matchStart < 0 || matchStart > acceptIndex)
        {
            return new ConfirmationResult(ConfirmationKind.NoMatch, 0, 0, 0, 0);
        }

        var matchEnd = matchStart + matchLength;
        var secretStart = matchStart;
        var secretEnd = matchEnd;
        if (_rule.SecretGroup != 0)
        {
            // Keywords need only the match: checking them first spares the secret search on most rejections.
            if (!HasKeyword(window[matchStart..matchEnd]))
            {
                return new ConfirmationResult(ConfirmationKind.Rejected, matchStart, matchEnd, matchStart, matchStart);
            }

            switch (FindSecret(chars, matchStart, out secretStart, out secretEnd))
            {
                case SecretSearch.TimedOut:
                    return new ConfirmationResult(ConfirmationKind.TimedOut, 0, 0, 0, 0);
                case SecretSearch.NotParticipating:
                    return new ConfirmationResult(ConfirmationKind.Rejected, matchStart, matchEnd, matchStart, matchStart);
            }
        }

        if (secretEnd == secretStart)
        {
            return new ConfirmationResult(ConfirmationKind.Rejected, matchStart, matchEnd, secretStart, secretEnd);
        }

        var kind = Accepts(window[matchStart..matchEnd], window[secretStart..secretEnd], chars[secretStart..secretEnd])
            ? ConfirmationKind.Confirmed
            : ConfirmationKind.Rejected;
        return new ConfirmationResult(kind, matchStart, matchEnd, secretStart, secretEnd);
    }

    /// <summary>Keywords, entropy, allow-list and validator, in order of cost.</summary>
    internal bool Accepts(ReadOnlySpan<byte> matchBytes, ReadOnlySpan<byte> secret, ReadOnlySpan<char> secretChars)
    {
        if (!HasKeyword(matchBytes))
        {
            return false;
        }

        if (_rule.MinEntropy > 0 && SecretChecks.ShannonEntropy(secret) < _rule.MinEntropy)
        {
            return false;
        }

        if (_allowSearch is not null)
        {
            if (secretChars.ContainsAny(_allowSearch))
            {
                return false;
            }
        }
        else
        {
            foreach (var allowed in _allowLiterals)
            {
                if (SecretChecks.ContainsIgnoreAsciiCase(secret, allowed))
                {
                    return false;
                }
            }
        }

        if (_rule.AllowPatterns.Length > 0)
        {
            foreach (var regex in _allowRegexes)
            {
                try
                {
                    if (regex.Get().IsMatch(secretChars))
                    {
                        return false;
                    }
                }
                catch (RegexMatchTimeoutException)
                {
                    // Fail closed: an allow-list that cannot decide does not exempt the secret.
                }
            }
        }

        return SecretValidators.Passes(_rule.Validator, secret);
    }

    /// <summary>Bytes that lead some start state to a state that is not a start state: the possible first bytes of a match.</summary>
    private static bool[] FirstBytes(Dfa dfa)
    {
        var first = new bool[256];
        foreach (var start in dfa.StartStates)
        {
            for (var b = 0; b < 256; b++)
            {
                var next = dfa.Transitions[start + dfa.ByteClasses[b]];
                if (next != 0 && (dfa.FlagsOf(next) & StateFlags.Start) == 0)
                {
                    first[b] = true;
                }
            }
        }

        return first;
    }

    /// <summary>
    /// One vectorised multi-string search for the allow literals (gitleaks' generic rule carries over a thousand
    /// stopwords; checking them one by one was 30% of its scan time). Only for ASCII literals: over Latin-1
    /// characters <c>OrdinalIgnoreCase</c> then folds exactly the ASCII letters, as the policy language says.
    /// </summary>
    private static SearchValues<string>? AllowSearch(string[] literals)
    {
        if (literals.Length < 4)
        {
            return null;
        }

        foreach (var literal in literals)
        {
            if (literal.Length == 0 || !Ascii.IsValid(literal))
            {
                return null;
            }
        }

        return SearchValues.Create(literals, StringComparison.OrdinalIgnoreCase);
    }

    private static byte[][] ToUtf8(string[] values)
    {
        var result = new byte[values.Length][];
        for (var i = 0; i < values.Length; i++)
        {
            result[i] = Encoding.UTF8.GetBytes(values[i]);
        }

        return result;
    }
}
