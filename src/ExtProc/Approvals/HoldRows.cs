using System.Data.Common;
using System.Text.Json;
using Hush.ExtProc.Identity;

namespace Hush.ExtProc.Approvals;

/// <summary>
/// The stored form of a hold shared by every store: the column order (<see cref="SqliteHoldStore"/>'s), the status
/// names, and the JSON of the requester, rules and approver groups (web defaults), so a hold reads the same from
/// SQLite and PostgreSQL.
/// </summary>
internal static class HoldRows
{
    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web);

    /// <summary>The requester as stored (null without identity).</summary>
    public static string? RequesterJson(HoldRecord hold) =>
        hold.Requester is null ? null : JsonSerializer.Serialize(hold.Requester, s_json);

    /// <summary>The fired rules as stored.</summary>
    public static string RulesJson(HoldRecord hold) => JsonSerializer.Serialize(hold.Rules, s_json);

    /// <summary>The approver groups as stored.</summary>
    public static string GroupsJson(HoldRecord hold) => JsonSerializer.Serialize(hold.ApproverGroups, s_json);

    /// <summary>Reads a row in the shared column order; the answer only with <paramref name="includeAnswer"/>.</summary>
    public static HoldRecord Decode(DbDataReader row, bool includeAnswer)
    {
        ArgumentNullException.ThrowIfNull(row);
        return new HoldRecord
        {
            Id = row.GetString(0),
            CreatedAt = new DateTimeOffset(row.GetInt64(1), TimeSpan.Zero),
            ExpiresAt = new DateTimeOffset(row.GetInt64(2), TimeSpan.Zero),
            Status = ParseStatus(row.GetString(3)),
            Requester = row.IsDBNull(4) ? null : JsonSerializer.Deserialize<CallerIdentity>(row.GetString(4), s_json),
            Route = Text(row, 5),
            Provider = Text(row, 6),
            Model = Text(row, 7),
            Rules = JsonSerializer.Deserialize<List<HeldRule>>(row.GetString(8), s_json) ?? [],
            ApproverGroups = JsonSerializer.Deserialize<List<string>>(row.GetString(9), s_json) ?? [],
            Excerpt = row.GetString(10),
            PolicySha256 = row.GetString(11),
            AnswerDigest = row.GetString(12),
            ContentType = Text(row, 13),
            MaskedAnswer = includeAnswer && !row.IsDBNull(14) ? row.GetFieldValue<byte[]>(14) : null,
            DecidedBy = Text(row, 15),
            Justification = Text(row, 16),
            DecidedAt = Ticks(row, 17),
            ReleasedAt = Ticks(row, 18),
            Instance = Text(row, 19),
        };
    }

    /// <summary>The stored (and API) name of a status.</summary>
    public static string StatusText(HoldStatus status) => status switch
    {
        HoldStatus.Pending => "pending",
        HoldStatus.Approved => "approved",
        HoldStatus.Denied => "denied",
        _ => "expired",
    };

    private static HoldStatus ParseStatus(string text) => text switch
    {
        "pending" => HoldStatus.Pending,
        "approved" => HoldStatus.Approved,
        "denied" => HoldStatus.Denied,
        "expired" => HoldStatus.Expired,
        _ => throw new FormatException("unknown hold status '" + text + "'"),
    };

    private static string? Text(DbDataReader row, int i) => row.IsDBNull(i) ? null : row.GetString(i);

    private static DateTimeOffset? Ticks(DbDataReader row, int i) => row.IsDBNull(i) ? null : new DateTimeOffset(row.GetInt64(i), TimeSpan.Zero);
}
