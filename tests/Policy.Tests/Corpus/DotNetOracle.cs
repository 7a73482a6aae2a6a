using System.Buffers;
using System.Text;
using System.Text.RegularExpressions;
using Hush.Policy.Confirmation;
using Hush.Policy.Matching;
using Hush.Policy.Rules;

namespace Hush.Policy.Tests.Corpus;

/// <summary>
/// The reference semantics with .NET <see cref="Regex"/>: per rule <c>Regex.Matches</c> of the original pattern
/// over the Latin-1-decoded input (ASCII classes and boundaries spelled out, as RE2 defines them), secret group
/// spans, confirmation checks, union of mask spans, earliest-starting span's replacement.
/// </summary>
internal static class DotNetOracle
{
    private const string Word = "0-9A-Za-z_";

    public static (List<(long Start, long End, string Rule)> Spans, byte[] Output) Run(
        CorpusCase corpusCase, CompiledPolicy policy, RuleDirection direction)
    {
        var input = corpusCase.InputBytes;
        var text = Encoding.Latin1.GetString(input);
        var spans = new List<(long, long, string)>();
        var masks = new List<(long Start, int Rule, long End)>();
        for (var r = 0; r < policy.Rules.Count; r++)
        {
            var rule = policy.Rules[r];
            if ((rule.Direction & direction) == 0)
            {
                continue;
            }

            var source = corpusCase.Rules[r];
            var regex = new Regex(ToDotNet(source.OraclePattern ?? source.Pattern), RegexOptions.CultureInvariant);
            var confirmer = new CandidateConfirmer(rule, TimeSpan.FromSeconds(5));
            foreach (Match m in regex.Matches(text))
            {
                var g = m.Groups[source.Secret];
                if (!g.Success || g.Length == 0)
                {
                    continue;
                }

                if (!confirmer.Accepts(input.AsSpan(m.Index, m.Length), input.AsSpan(g.Index, g.Length), text.AsSpan(g.Index, g.Length)))
                {
                    continue;
                }

                spans.Add((g.Index, g.Index + g.Length, rule.Id));
                if (rule.Action == RuleAction.Mask)
                {
                    masks.Add((g.Index, r, g.Index + g.Length));
                }
            }
        }

        spans.Sort();
        masks.Sort();
        var output = new ArrayBufferWriter<byte>();
        long cursor = 0;
        for (var i = 0; i < masks.Count;)
        {
            var (start, rule, end) = masks[i];
            var j = i + 1;
            while (j < masks.Count && masks[j].Start < end)
            {
                end = Math.Max(end, masks[j].End);
                j++;
            }

            output.Write(input.AsSpan((int)cursor, (int)(start - cursor)));
            ReplacementTemplate.Parse(policy.Rules[rule].Replacement, policy.Rules[rule].Id)
                .Render(input.AsSpan((int)start, (int)(end - start)), output);
            cursor = end;
            i = j;
        }

        output.Write(input.AsSpan((int)cursor));
        return (spans, output.WrittenSpan.ToArray());
    }

    /// <summary>Rewrites RE2's ASCII <c>\b \B \w \W \d \D \s \S</c> into explicit .NET classes.</summary>
    internal static string ToDotNet(string pattern)
    {
        var sb = new StringBuilder();
        var inClass = false;
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '\\' && i + 1 < pattern.Length)
            {
                var e = pattern[++i];
                var body = e switch
                {
                    'w' => Word,
                    'd' => "0-9",
                    's' => "\\t\\n\\f\\r ",
                    _ => null,
                };
                var negated = e switch
                {
                    'W' => Word,
                    'D' => "0-9",
                    'S' => "\\t\\n\\f\\r ",
                    _ => null,
                };
                if (body is not null)
                {
                    sb.Append(inClass ? body : $"[{body}]");
                }
                else if (negated is not null && !inClass)
                {
                    sb.Append($"[^{negated}]");
                }
                else if (e == 'b' && !inClass)
                {
                    sb.Append($"(?:(?<=[{Word}])(?![{Word}])|(?<![{Word}])(?=[{Word}]))");
                }
                else if (e == 'B' && !inClass)
                {
                    sb.Append($"(?:(?<=[{Word}])(?=[{Word}])|(?<![{Word}])(?![{Word}]))");
                }
                else
                {
                    sb.Append('\\').Append(e);
                }

                continue;
            }

            if (c == '[' && !inClass)
            {
                inClass = true;
                sb.Append(c);
                if (i + 1 < pattern.Length && pattern[i + 1] == '^')
                {
                    sb.Append('^');
                    i++;
                }

                if (i + 1 < pattern.Length && pattern[i + 1] == ']')
                {
                    sb.Append("\\]");
                    i++;
                }

                continue;
            }

            if (c == ']' && inClass)
            {
                inClass = false;
            }

            sb.Append(c);
        }

        return sb.ToString();
    }
}
