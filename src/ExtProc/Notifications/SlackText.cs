using System.Text;

namespace Hush.ExtProc.Notifications;

/// <summary>Slack mrkdwn helpers: escaping of control characters and length limits that never split an entity or a surrogate pair.</summary>
internal static class SlackText
{
    /// <summary>Escapes <c>&amp;</c>, <c>&lt;</c> and <c>&gt;</c> (Slack's only mrkdwn escapes: otherwise text could form links or mentions).</summary>
    public static string Escape(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }

        var sb = new StringBuilder(value.Length + 16);
        foreach (var c in value)
        {
            _ = c switch
            {
                '&' => sb.Append("&amp;"),
                '<' => sb.Append("&lt;"),
                '>' => sb.Append("&gt;"),
                _ => sb.Append(c),
            };
        }

        return sb.ToString();
    }

    /// <summary>Escaped text for inside a code block: a literal <c>```</c> would end the block early, so backtick runs are broken up.</summary>
    public static string CodeBlock(string? value) =>
        Escape(value).Replace("```", "`\u200B`\u200B`", StringComparison.Ordinal);

    /// <summary>
    /// <paramref name="escaped"/> cut to at most <paramref name="max"/> characters, ending with <c>…</c> when cut; the cut
    /// backs off so it never splits an <c>&amp;…;</c> entity or a surrogate pair.
    /// </summary>
    public static string Truncate(string escaped, int max)
    {
        ArgumentNullException.ThrowIfNull(escaped);
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 8);
        if (escaped.Length <= max)
        {
            return escaped;
        }

        var cut = max - 1;
        var amp = escaped.LastIndexOf('&', cut - 1, Math.Min(cut, 5));
        if (amp >= 0 && escaped.IndexOf(';', amp, cut - amp) < 0)
        {
            cut = amp;
        }

        if (cut > 0 && char.IsHighSurrogate(escaped[cut - 1]))
        {
            cut--;
        }

        return string.Concat(escaped.AsSpan(0, cut), "…");
    }
}
