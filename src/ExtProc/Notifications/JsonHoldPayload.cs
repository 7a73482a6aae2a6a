using System.Buffers;
using System.Text.Json;
using Hush.ExtProc.Approvals;
using Hush.ExtProc.Audit;

namespace Hush.ExtProc.Notifications;

/// <summary>
/// The generic JSON webhook body of a new hold (<c>"type":"hush.hold.created"</c>). Built field by field from the
/// hold's masked fields only; the masked answer is never read, so no serializer change can ever add it.
/// </summary>
internal static class JsonHoldPayload
{
    /// <summary>The event type.</summary>
    public const string EventType = "hush.hold.created";

    /// <summary>UTF-8 JSON of <paramref name="hold"/> with its review link (null when none).</summary>
    public static byte[] Build(HoldRecord hold, string? reviewUrl)
    {
        ArgumentNullException.ThrowIfNull(hold);
        var buffer = new ArrayBufferWriter<byte>(2048 + (hold.Excerpt.Length * 2));
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("type", EventType);
            w.WriteString("id", hold.Id);
            w.WriteString("created_at", AuditCanonical.FormatTime(hold.CreatedAt));
            w.WriteString("expires_at", AuditCanonical.FormatTime(hold.ExpiresAt));
            Api.HoldJson.WriteRules(w, hold);
            var who = hold.Requester;
            w.WriteStartObject("requester");
            w.WriteString("subject", who?.Subject);
            w.WriteString("email", who?.Email);
            w.WriteString("repository", who?.Ci?.Repository);
            w.WriteString("run_id", who?.Ci?.RunId);
            w.WriteString("sha", who?.Ci?.Sha);
            w.WriteString("ref", who?.Ci?.Ref);
            w.WriteString("workflow", who?.Ci?.Workflow);
            w.WriteString("actor", who?.Ci?.Actor);
            w.WriteEndObject();
            w.WriteString("route", hold.Route);
            w.WriteString("provider", hold.Provider);
            w.WriteString("model", hold.Model);
            w.WriteString("excerpt", hold.Excerpt);
            w.WriteString("policy_sha256", hold.PolicySha256);
            w.WriteString("answer_digest", hold.AnswerDigest);
            w.WriteString("review_url", reviewUrl);
            w.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
