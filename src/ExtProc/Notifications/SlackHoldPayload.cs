using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Hush.ExtProc.Approvals;
using Hush.ExtProc.Audit;

namespace Hush.ExtProc.Notifications;

/// <summary>
/// The Slack incoming-webhook message of a new hold: a plain <c>text</c> fallback (notifications, screen readers) and
/// Block Kit <c>blocks</c>: a header, the rules with reasons, requester and CI run, the masked excerpt in a code block,
/// a Review button and a context line. Texts stay under Slack's block limits (3000 per section, 2000 per field).
/// </summary>
internal static class SlackHoldPayload
{
    private const int MaxRulesListed = 10;
    private const int SectionLimit = 2900;
    private const int FieldLimit = 1900;

    /// <summary>UTF-8 JSON of the message for <paramref name="hold"/>; the button is left out without a review link.</summary>
    public static byte[] Build(HoldRecord hold, string? reviewUrl)
    {
        ArgumentNullException.ThrowIfNull(hold);
        var buffer = new ArrayBufferWriter<byte>(4096 + (hold.Excerpt.Length * 2));
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("text", SlackText.Truncate(SlackText.Escape(Summary(hold)), SectionLimit));
            w.WriteStartArray("blocks");
            WriteHeader(w, "Hush held an LLM answer for approval");
            WriteSection(w, Rules(hold));
            WriteFields(w, hold);
            WriteSection(w, "*Masked excerpt*\n```" + SlackText.Truncate(SlackText.CodeBlock(hold.Excerpt), SectionLimit - 40) + "```");
            if (reviewUrl is not null)
            {
                WriteButton(w, reviewUrl);
            }

            WriteContext(w, $"Hold `{SlackText.Escape(hold.Id)}` · policy `{Short(hold.PolicySha256)}` · expires {AuditCanonical.FormatTime(hold.ExpiresAt)}");
            w.WriteEndArray();
            w.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>The one-line fallback text: rules and where the request came from.</summary>
    public static string Summary(HoldRecord hold)
    {
        ArgumentNullException.ThrowIfNull(hold);
        var sb = new StringBuilder("Hush held an LLM answer for approval: ");
        for (var i = 0; i < hold.Rules.Count && i < MaxRulesListed; i++)
        {
            sb.Append(i == 0 ? "" : ", ").Append(hold.Rules[i].Rule);
        }

        var ci = hold.Requester?.Ci;
        if (ci?.Repository is not null)
        {
            sb.Append(" (").Append(ci.Repository);
            if (ci.RunId is not null)
            {
                sb.Append(" run ").Append(ci.RunId);
            }

            sb.Append(')');
        }

        return sb.ToString();
    }

    private static string Rules(HoldRecord hold)
    {
        var sb = new StringBuilder("*Rules*");
        for (var i = 0; i < hold.Rules.Count && i < MaxRulesListed; i++)
        {
            var r = hold.Rules[i];
            sb.Append("\n• `").Append(SlackText.Escape(r.Rule)).Append("` ×").Append(r.Count.ToString(CultureInfo.InvariantCulture))
                .Append(": ").Append(SlackText.Escape(r.Reason));
        }

        if (hold.Rules.Count > MaxRulesListed)
        {
            sb.Append("\n… and ").Append(hold.Rules.Count - MaxRulesListed).Append(" more");
        }

        return SlackText.Truncate(sb.ToString(), SectionLimit);
    }

    private static void WriteFields(Utf8JsonWriter w, HoldRecord hold)
    {
        var who = hold.Requester;
        var ci = who?.Ci;
        var requester = who?.Subject is null ? "unknown" : SlackText.Escape(who.Subject)
            + (who.Email is null ? "" : " (" + SlackText.Escape(who.Email) + ")");
        var run = ci is null ? "none" : SlackText.Escape(ci.Repository ?? "?")
            + (ci.RunId is null ? "" : " run " + SlackText.Escape(ci.RunId))
            + (ci.Ref is null ? "" : "\n" + SlackText.Escape(ci.Ref))
            + (ci.Sha is null ? "" : " @ `" + SlackText.Escape(Short(ci.Sha)) + "`");
        var target = SlackText.Escape(string.Join(" / ", hold.Route ?? "-", hold.Provider ?? "-", hold.Model ?? "-"));
        var approvers = hold.ApproverGroups.Count == 0 ? "any approver" : SlackText.Escape(string.Join(", ", hold.ApproverGroups));
        w.WriteStartObject();
        w.WriteString("type", "section");
        w.WriteStartArray("fields");
        WriteField(w, "*Requester*\n" + requester);
        WriteField(w, "*Repository / run*\n" + run);
        WriteField(w, "*Route / provider / model*\n" + target);
        WriteField(w, "*Approvers*\n" + approvers);
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteField(Utf8JsonWriter w, string text)
    {
        w.WriteStartObject();
        w.WriteString("type", "mrkdwn");
        w.WriteString("text", SlackText.Truncate(text, FieldLimit));
        w.WriteEndObject();
    }

    private static void WriteHeader(Utf8JsonWriter w, string text)
    {
        w.WriteStartObject();
        w.WriteString("type", "header");
        w.WriteStartObject("text");
        w.WriteString("type", "plain_text");
        w.WriteString("text", text);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void WriteSection(Utf8JsonWriter w, string mrkdwn)
    {
        w.WriteStartObject();
        w.WriteString("type", "section");
        w.WriteStartObject("text");
        w.WriteString("type", "mrkdwn");
        w.WriteString("text", mrkdwn);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void WriteButton(Utf8JsonWriter w, string url)
    {
        w.WriteStartObject();
        w.WriteString("type", "actions");
        w.WriteStartArray("elements");
        w.WriteStartObject();
        w.WriteString("type", "button");
        w.WriteStartObject("text");
        w.WriteString("type", "plain_text");
        w.WriteString("text", "Review hold");
        w.WriteEndObject();
        w.WriteString("url", url);
        w.WriteString("style", "primary");
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteContext(Utf8JsonWriter w, string mrkdwn)
    {
        w.WriteStartObject();
        w.WriteString("type", "context");
        w.WriteStartArray("elements");
        w.WriteStartObject();
        w.WriteString("type", "mrkdwn");
        w.WriteString("text", SlackText.Truncate(mrkdwn, FieldLimit));
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static string Short(string? hex) => string.IsNullOrEmpty(hex) ? "-" : hex.Length > 12 ? hex[..12] : hex;
}
