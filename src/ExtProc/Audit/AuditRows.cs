using System.Data.Common;
using System.Text.Json;

namespace Hush.ExtProc.Audit;

/// <summary>
/// Strict decoding of one stored audit row (the column order of <see cref="SqliteAuditStore.Columns"/>), shared by every
/// store: each value must be of its column's type and in the exact form Hush writes (JSON arrays re-encoded must equal
/// the stored text, the verdict an exact wire name, a flag 0/1 or a boolean), so no edit can decode to the same record.
/// </summary>
internal static class AuditRows
{
    /// <summary>The row as a record, or the reason it cannot be one (the sequence is -1 when even that is unreadable).</summary>
    public static (long Sequence, AuditRecord? Record, string? Error) Decode(DbDataReader row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var sequence = row.GetValue(0) is long s ? s : -1;
        try
        {
            if (!AuditVerdicts.TryParse(Text(row, 21), out var verdict))
            {
                return (sequence, null, "verdict is not a known verdict");
            }

            var record = new AuditRecord
            {
                Sequence = Integer(row, 0),
                Time = new DateTimeOffset(Integer(row, 1), TimeSpan.Zero),
                IdentitySource = Text(row, 2),
                Subject = Text(row, 3),
                Email = Text(row, 4),
                Groups = Groups(Required(row, 5)),
                CiSystem = Text(row, 6),
                Repository = Text(row, 7),
                RunId = Text(row, 8),
                RunAttempt = Text(row, 9),
                JobId = Text(row, 10),
                Sha = Text(row, 11),
                Ref = Text(row, 12),
                Workflow = Text(row, 13),
                JobWorkflowRef = Text(row, 14),
                Actor = Text(row, 15),
                Route = Text(row, 16),
                Provider = Text(row, 17),
                Model = Text(row, 18),
                PolicySha256 = Text(row, 19),
                RuleHits = RuleHits(Required(row, 20)),
                Verdict = verdict,
                Approver = Text(row, 22),
                Justification = Text(row, 23),
                LatencyMicroseconds = Integer(row, 24),
                MaskedRequest = Text(row, 25),
                RequestTruncated = Flag(row, 26),
                MaskedResponse = Text(row, 27),
                ResponseTruncated = Flag(row, 28),
                HoldId = Text(row, 29),
                PrevHash = Required(row, 30),
                Hash = Required(row, 31),
            };
            return (sequence, record, null);
        }
        catch (Exception ex) when (ex is FormatException or JsonException or InvalidCastException or ArgumentOutOfRangeException
            or InvalidOperationException or KeyNotFoundException)
        {
            return (sequence, null, ex.Message);
        }
    }

    private static string? Text(DbDataReader row, int i) => row.GetValue(i) switch
    {
        DBNull => null,
        string text => text,
        _ => throw new FormatException($"column {row.GetName(i)} is not text"),
    };

    private static string Required(DbDataReader row, int i) =>
        Text(row, i) ?? throw new FormatException($"column {row.GetName(i)} is null");

    private static long Integer(DbDataReader row, int i) =>
        row.GetValue(i) is long value ? value : throw new FormatException($"column {row.GetName(i)} is not an integer");

    // SQLite has no boolean type (0/1 integers); PostgreSQL stores a boolean. Each store can only hold its own form.
    private static bool Flag(DbDataReader row, int i) => row.GetValue(i) switch
    {
        bool value => value,
        0L => false,
        1L => true,
        _ => throw new FormatException($"column {row.GetName(i)} is not a flag"),
    };

    private static List<string> Groups(string stored)
    {
        using var doc = JsonDocument.Parse(stored);
        var groups = new List<string>();
        foreach (var item in doc.RootElement.EnumerateArray())
        {
            groups.Add(item.GetString() ?? throw new FormatException("groups holds a null"));
        }

        return string.Equals(CanonicalJson.StringArray(groups), stored, StringComparison.Ordinal)
            ? groups
            : throw new FormatException("groups is not in canonical form");
    }

    private static List<AuditRuleHit> RuleHits(string stored)
    {
        using var doc = JsonDocument.Parse(stored);
        var hits = new List<AuditRuleHit>();
        foreach (var item in doc.RootElement.EnumerateArray())
        {
            hits.Add(new AuditRuleHit(
                item.GetProperty("rule").GetString() ?? throw new FormatException("rule_hits holds a null rule"),
                item.GetProperty("count").GetInt64()));
        }

        return string.Equals(CanonicalJson.RuleHitArray(hits), stored, StringComparison.Ordinal)
            ? hits
            : throw new FormatException("rule_hits is not in canonical form");
    }
}
