using System.Text;

namespace Hush.PolicyCompiler.Import;

/// <summary>
/// Turns foreign rule ids into ids of our grammar (<c>[a-z0-9][a-z0-9._-]*</c>) under a source prefix, and keeps
/// them unique within one import.
/// </summary>
/// <param name="prefix">Source prefix including the dot, e.g. <c>np.</c>.</param>
internal sealed class RuleIdAllocator(string prefix)
{
    private readonly HashSet<string> _used = new(StringComparer.Ordinal);

    /// <summary>
    /// Returns the id for <paramref name="sourceId"/>; <paramref name="note"/> says how it differs from the
    /// source id when it had to be changed beyond adding the prefix, else null.
    /// </summary>
    public string Allocate(string sourceId, out string? note)
    {
        note = null;
        string clean = Sanitize(sourceId);
        string id = clean.StartsWith(prefix, StringComparison.Ordinal) ? clean : prefix + clean;
        if (!string.Equals(clean, sourceId, StringComparison.Ordinal))
        {
            note = $"id `{sourceId}` is not in our id grammar; imported as `{id}`";
        }

        if (!_used.Add(id))
        {
            string baseId = id;
            int n = 2;
            while (!_used.Add(id = $"{baseId}-{n}"))
            {
                n++;
            }

            note = $"id `{sourceId}` is used twice; this one is imported as `{id}`";
        }

        return id;
    }

    /// <summary>Lower-cases and replaces every character outside <c>[a-z0-9._-]</c> by <c>-</c>.</summary>
    public static string Sanitize(string sourceId)
    {
        var sb = new StringBuilder(sourceId.Length);
        foreach (char c in sourceId.Trim())
        {
            char l = char.ToLowerInvariant(c);
            sb.Append(l is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '.' or '_' or '-' ? l : '-');
        }

        // The first character must be alphanumeric.
        int start = 0;
        while (start < sb.Length && !char.IsAsciiLetterOrDigit(sb[start]))
        {
            start++;
        }

        string s = sb.ToString(start, sb.Length - start);
        return s.Length == 0 ? "rule" : s;
    }
}
