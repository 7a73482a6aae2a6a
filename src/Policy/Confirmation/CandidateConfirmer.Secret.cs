using System.Text.RegularExpressions;

namespace Hush.Policy.Confirmation;

/// <content>Finding the secret group's span in a confirmed match without allocating.</content>
internal sealed partial class CandidateConfirmer
{
    private TieredRegex[]? _splitRegexes;

    /// <summary>Outcome of <see cref="FindSecret"/>.</summary>
    private enum SecretSearch
    {
        Found,
        NotParticipating,
        TimedOut,
    }

    /// <summary>Whether the match contains one of the rule's keywords (true when the rule has none).</summary>
    private bool HasKeyword(ReadOnlySpan<byte> matchBytes)
    {
        if (_keywords.Length == 0)
        {
            return true;
        }

        foreach (var keyword in _keywords)
        {
            if (SecretChecks.ContainsIgnoreAsciiCase(matchBytes, keyword))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The span of the secret group of the match that starts at <paramref name="matchStart"/>. When the confirm
    /// pattern splits around the group (<see cref="SecretGroupSplit"/>), two anchored searches over the span give it
    /// without allocating; otherwise <c>Regex.Match</c> does, which needs a string and allocates a <see cref="Match"/>.
    /// </summary>
    private SecretSearch FindSecret(ReadOnlySpan<char> chars, int matchStart, out int secretStart, out int secretEnd)
    {
        secretStart = matchStart;
        secretEnd = matchStart;
        try
        {
            var split = SplitRegexes();
            if (split.Length == 2
                && AnchoredLength(split[0].Get(), chars, matchStart) is var prefix and >= 0
                && AnchoredLength(split[1].Get(), chars, matchStart + prefix) is var secret and >= 0)
            {
                secretStart = matchStart + prefix;
                secretEnd = secretStart + secret;
                return SecretSearch.Found;
            }

            var group = Regex.Match(new string(chars), matchStart).Groups[_rule.SecretGroup];
            if (!group.Success)
            {
                return SecretSearch.NotParticipating;
            }

            secretStart = group.Index;
            secretEnd = group.Index + group.Length;
            return SecretSearch.Found;
        }
        catch (RegexMatchTimeoutException)
        {
            return SecretSearch.TimedOut;
        }
    }

    /// <summary>Length of the anchored match of <paramref name="regex"/> at <paramref name="start"/>, or -1.</summary>
    private static int AnchoredLength(Regex regex, ReadOnlySpan<char> chars, int start)
    {
        foreach (var match in regex.EnumerateMatches(chars, start))
        {
            return match.Index == start ? match.Length : -1;
        }

        return -1;
    }

    /// <summary>The start and secret regexes of the split pattern, or an empty array when it does not split.</summary>
    private TieredRegex[] SplitRegexes()
    {
        var regexes = Volatile.Read(ref _splitRegexes);
        if (regexes is null)
        {
            regexes = [];
            if (_rule.SecretGroup == 1 && SecretGroupSplit.TrySplit(_rule.ConfirmPattern) is { } split)
            {
                regexes = [new TieredRegex(split.StartPattern, _timeout), new TieredRegex(split.SecretPattern, _timeout)];
                try
                {
                    _ = regexes[0].Interpreted();
                    _ = regexes[1].Interpreted();
                }
                catch (ArgumentException)
                {
                    // A pattern the splitter misread: Regex.Match still decides.
                    regexes = [];
                }
            }

            regexes = Interlocked.CompareExchange(ref _splitRegexes, regexes, null) ?? regexes;
        }

        return regexes;
    }
}
