using System.Text.Json;
using Hush.ExtProc.Identity;
using Microsoft.Data.Sqlite;

namespace Hush.ExtProc.Approvals;

/// <summary>Schema and row mapping of <see cref="SqliteHoldStore"/>.</summary>
internal sealed partial class SqliteHoldStore
{
    private const string Columns =
        "id, created_ticks, expires_ticks, status, requester, route, provider, model, rules, approver_groups, excerpt, " +
        "policy_sha256, answer_digest, content_type, masked_answer, decided_by, justification, decided_ticks, released_ticks, instance";

    private const string Parameters =
        "$id, $created, $expires, $status, $requester, $route, $provider, $model, $rules, $groups, $excerpt, " +
        "$policy, $digest, $ctype, $answer, $by, $why, $decided, $released, $instance";

    private const string SchemaSql = """
        CREATE TABLE IF NOT EXISTS holds (
            id TEXT PRIMARY KEY, created_ticks INTEGER NOT NULL, expires_ticks INTEGER NOT NULL, status TEXT NOT NULL,
            requester TEXT, route TEXT, provider TEXT, model TEXT, rules TEXT NOT NULL, approver_groups TEXT NOT NULL,
            excerpt TEXT NOT NULL, policy_sha256 TEXT NOT NULL, answer_digest TEXT NOT NULL, content_type TEXT,
            masked_answer BLOB, decided_by TEXT, justification TEXT, decided_ticks INTEGER, released_ticks INTEGER,
            instance TEXT);
        CREATE INDEX IF NOT EXISTS holds_status ON holds (status, expires_ticks);
        """;

    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web);

    private static void Bind(SqliteCommand command, HoldRecord h)
    {
        var p = command.Parameters;
        p.AddWithValue("$id", h.Id);
        p.AddWithValue("$created", h.CreatedAt.UtcTicks);
        p.AddWithValue("$expires", h.ExpiresAt.UtcTicks);
        p.AddWithValue("$status", StatusText(h.Status));
        p.AddWithValue("$requester", h.Requester is null ? DBNull.Value : JsonSerializer.Serialize(h.Requester, s_json));
        p.AddWithValue("$route", Db(h.Route));
        p.AddWithValue("$provider", Db(h.Provider));
        p.AddWithValue("$model", Db(h.Model));
        p.AddWithValue("$rules", JsonSerializer.Serialize(h.Rules, s_json));
        p.AddWithValue("$groups", JsonSerializer.Serialize(h.ApproverGroups, s_json));
        p.AddWithValue("$excerpt", h.Excerpt);
        p.AddWithValue("$policy", h.PolicySha256);
        p.AddWithValue("$digest", h.AnswerDigest);
        p.AddWithValue("$ctype", Db(h.ContentType));
        p.AddWithValue("$answer", h.MaskedAnswer is null ? DBNull.Value : h.MaskedAnswer);
        p.AddWithValue("$by", Db(h.DecidedBy));
        p.AddWithValue("$why", Db(h.Justification));
        p.AddWithValue("$decided", h.DecidedAt is { } d ? d.UtcTicks : DBNull.Value);
        p.AddWithValue("$released", h.ReleasedAt is { } r ? r.UtcTicks : DBNull.Value);
        p.AddWithValue("$instance", Db(h.Instance));
    }

    private static HoldRecord Decode(SqliteDataReader row, bool includeAnswer) => new()
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
        MaskedAnswer = includeAnswer && !row.IsDBNull(14) ? (byte[])row.GetValue(14) : null,
        DecidedBy = Text(row, 15),
        Justification = Text(row, 16),
        DecidedAt = row.IsDBNull(17) ? null : new DateTimeOffset(row.GetInt64(17), TimeSpan.Zero),
        ReleasedAt = row.IsDBNull(18) ? null : new DateTimeOffset(row.GetInt64(18), TimeSpan.Zero),
        Instance = Text(row, 19),
    };

    /// <summary>The stored (and API) name of a status.</summary>
    internal static string StatusText(HoldStatus status) => status switch
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

    private static string? Text(SqliteDataReader row, int i) => row.IsDBNull(i) ? null : row.GetString(i);

    private static object Db(string? value) => value is null ? DBNull.Value : value;
}
