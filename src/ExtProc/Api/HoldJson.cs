using System.Text.Json;
using Hush.ExtProc.Approvals;
using Hush.ExtProc.Identity;

namespace Hush.ExtProc.Api;

/// <summary>
/// The JSON form of a hold in the API (snake_case). Carries the masked excerpt and digests, never the held answer
/// body: <see cref="HoldRecord.MaskedAnswer"/> is not written even when present.
/// </summary>
internal static class HoldJson
{
    /// <summary>The wire name of <paramref name="status"/>.</summary>
    public static string Status(HoldStatus status) => status switch
    {
        HoldStatus.Pending => "pending",
        HoldStatus.Approved => "approved",
        HoldStatus.Denied => "denied",
        HoldStatus.Expired => "expired",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Unknown hold status."),
    };

    /// <summary>
    /// True when <paramref name="caller"/> may decide <paramref name="hold"/> now: still pending and unexpired, the caller
    /// in one of its approver groups and not its requester (the same checks <see cref="ApprovalService.DecideAsync"/> applies).
    /// </summary>
    public static bool CanDecide(HoldRecord hold, ApproverIdentity caller, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(hold);
        ArgumentNullException.ThrowIfNull(caller);
        return hold.Status == HoldStatus.Pending && hold.ExpiresAt > now
            && !string.Equals(hold.Requester?.Subject, caller.Subject, StringComparison.Ordinal)
            && ApprovalService.MayApprove(hold, caller);
    }

    /// <summary>Writes <paramref name="hold"/> as one JSON object.</summary>
    public static void Write(Utf8JsonWriter writer, HoldRecord hold, bool canDecide)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(hold);
        writer.WriteStartObject();
        writer.WriteString("id", hold.Id);
        writer.WriteString("status", Status(hold.Status));
        writer.WriteString("created_at", hold.CreatedAt.ToUniversalTime());
        writer.WriteString("expires_at", hold.ExpiresAt.ToUniversalTime());
        WriteRequester(writer, hold.Requester);
        WriteNullable(writer, "route", hold.Route);
        WriteNullable(writer, "provider", hold.Provider);
        WriteNullable(writer, "model", hold.Model);
        WriteRules(writer, hold);
        writer.WriteString("excerpt", hold.Excerpt);
        writer.WriteString("policy_sha256", hold.PolicySha256);
        writer.WriteString("answer_digest", hold.AnswerDigest);
        WriteNullable(writer, "content_type", hold.ContentType);
        WriteNullable(writer, "decided_by", hold.DecidedBy);
        WriteNullable(writer, "justification", hold.Justification);
        WriteTime(writer, "decided_at", hold.DecidedAt);
        WriteTime(writer, "released_at", hold.ReleasedAt);
        writer.WriteBoolean("can_decide", canDecide);
        writer.WriteEndObject();
    }

    /// <summary>
    /// The hold's <c>rules</c> array (rule, reason, approvers, count) and its <c>approver_groups</c>: the same shape in
    /// the API and in the webhook payload.
    /// </summary>
    public static void WriteRules(Utf8JsonWriter writer, HoldRecord hold)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(hold);
        writer.WriteStartArray("rules");
        foreach (var rule in hold.Rules)
        {
            writer.WriteStartObject();
            writer.WriteString("rule", rule.Rule);
            writer.WriteString("reason", rule.Reason);
            WriteStrings(writer, "approvers", rule.Approvers);
            writer.WriteNumber("count", rule.Count);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        WriteStrings(writer, "approver_groups", hold.ApproverGroups);
    }

    /// <summary>Writes <c>"name":["a","b"]</c>.</summary>
    public static void WriteStrings(Utf8JsonWriter writer, string name, IReadOnlyList<string> values)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(values);
        writer.WriteStartArray(name);
        foreach (var value in values)
        {
            writer.WriteStringValue(value);
        }

        writer.WriteEndArray();
    }

    /// <summary>Writes a string, or null.</summary>
    public static void WriteNullable(Utf8JsonWriter writer, string name, string? value)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (value is null)
        {
            writer.WriteNull(name);
        }
        else
        {
            writer.WriteString(name, value);
        }
    }

    private static void WriteTime(Utf8JsonWriter writer, string name, DateTimeOffset? value)
    {
        if (value is { } time)
        {
            writer.WriteString(name, time.ToUniversalTime());
        }
        else
        {
            writer.WriteNull(name);
        }
    }

    private static void WriteRequester(Utf8JsonWriter writer, CallerIdentity? requester)
    {
        if (requester is null)
        {
            writer.WriteNull("requester");
            return;
        }

        writer.WriteStartObject("requester");
        WriteNullable(writer, "subject", requester.Subject);
        WriteNullable(writer, "email", requester.Email);
        WriteStrings(writer, "groups", requester.Groups);
        if (requester.Ci is { } ci)
        {
            writer.WriteStartObject("ci");
            writer.WriteString("system", ci.System);
            WriteNullable(writer, "repository", ci.Repository);
            WriteNullable(writer, "run_id", ci.RunId);
            WriteNullable(writer, "run_attempt", ci.RunAttempt);
            WriteNullable(writer, "job_id", ci.JobId);
            WriteNullable(writer, "sha", ci.Sha);
            WriteNullable(writer, "ref", ci.Ref);
            WriteNullable(writer, "workflow", ci.Workflow);
            WriteNullable(writer, "job_workflow_ref", ci.JobWorkflowRef);
            WriteNullable(writer, "actor", ci.Actor);
            writer.WriteEndObject();
        }
        else
        {
            writer.WriteNull("ci");
        }

        writer.WriteEndObject();
    }
}
