using System.Text.RegularExpressions;
using Hush.Policy.Matching;

namespace Hush.Policy.Format;

/// <summary>Checking the texts a rule carries that the matcher parses: confirm and allow regexes, the replacement template.</summary>
/// <remarks>
/// The runtime builds these regexes lazily, on a rule's first candidate, so without this check an artifact whose
/// pattern does not parse loaded fine and then threw <see cref="RegexParseException"/> out of
/// <c>StreamingMatcher.Write</c> in the middle of a stream (found by fuzzing, docs/fuzzing.md). The confirm pattern is
/// checked in the exact form the confirmer builds, <c>\G(?:…)</c>, so a pattern that parses alone but escapes the
/// group (an unbalanced <c>)</c> paired with a <c>(</c>, a trailing comment) is rejected too. Parsing costs about as
/// much as building the interpreter once per pattern; the built regex is not kept, the matcher builds its own.
/// </remarks>
public static partial class ArtifactReader
{
    /// <summary>Options of every confirmation regex (TieredRegex); parsing must use the same ones.</summary>
    private const RegexOptions PatternOptions = RegexOptions.CultureInvariant;

    private static void CheckConfirmPattern(string pattern, string rule, int field) =>
        CheckPattern(@"\G(?:" + pattern + ")", rule, "ConfirmPattern", field);

    private static string[] CheckAllowPatterns(string[] patterns, string rule, int field)
    {
        for (var i = 0; i < patterns.Length; i++)
        {
            CheckPattern(patterns[i], rule, $"AllowPatterns[{i}]", field);
        }

        return patterns;
    }

    /// <summary>
    /// The matcher parses the template when it is built; a template it rejects made <c>new PolicyMatcher</c> throw
    /// <see cref="FormatException"/> for an artifact the reader had accepted (found by fuzzing).
    /// </summary>
    private static string CheckReplacement(string template, string id, string rule, int field)
    {
        try
        {
            _ = ReplacementTemplate.Parse(template, id);
        }
        catch (FormatException e)
        {
            throw Fail($"{rule}: Replacement is not a valid template: {e.Message}", field);
        }

        return template;
    }

    private static void CheckPattern(string pattern, string rule, string name, int field)
    {
        try
        {
            _ = new Regex(pattern, PatternOptions);
        }
        catch (RegexParseException e)
        {
            throw Fail($"{rule}: {name} is not a valid .NET regex: {e.Error} at offset {e.Offset}", field);
        }
        catch (ArgumentException e)
        {
            throw Fail($"{rule}: {name} is not a valid .NET regex: {e.Message}", field);
        }
    }
}
