using System.Text.RegularExpressions;

namespace Hush.PolicyCompiler.Tests.Automata;

/// <summary>
/// End positions of ALL matches of a pattern (every start, every length), computed with .NET's backtracking
/// engine: a lookbehind pins the end to j and the unanchored search tries every start.
/// </summary>
internal sealed class MatchEndOracle(string dotnetPattern)
{
    private readonly Dictionary<(int Length, bool Anywhere), Regex> _byEnd = [];

    /// <summary>Ends of matches in <paramref name="text"/> that start at or after <paramref name="from"/> (0 or 1).</summary>
    public bool[] Ends(string text, int from = 0)
    {
        var ends = new bool[text.Length + 1];
        for (var j = 0; j <= text.Length; j++)
        {
            ends[j] = For(j, from == 0).IsMatch(text);
        }

        return ends;
    }

    private Regex For(int j, bool anywhere)
    {
        lock (_byEnd)
        {
            if (!_byEnd.TryGetValue((j, anywhere), out var regex))
            {
                var notFirst = anywhere ? "" : "(?<!\\A)";
                regex = new Regex($"{notFirst}(?:{dotnetPattern})(?<=\\A[\\s\\S]{{{j}}})", RegexOptions.CultureInvariant,
                    TimeSpan.FromSeconds(5));
                _byEnd[(j, anywhere)] = regex;
            }

            return regex;
        }
    }
}
