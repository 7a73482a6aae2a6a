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

    private static void Bind(SqliteCommand command, HoldRecord h)
    {
        var p = command.Parameters;
        p.AddWithValue("$id", h.Id);
        p.AddWithValue("$created", h.CreatedAt.UtcTicks);
        p.AddWithValue("$expires", h.ExpiresAt.UtcTicks);
        p.AddWithValue("$status", HoldRows.StatusText(h.Status));
        p.AddWithValue("$requester", (object?)HoldRows.RequesterJson(h) ?? DBNull.Value);
        p.AddWithValue("$route", Db(h.Route));
        p.AddWithValue("$provider", Db(h.Provider));
        p.AddWithValue("$model", Db(h.Model));
        p.AddWithValue("$rules", HoldRows.RulesJson(h));
        p.AddWithValue("$groups", HoldRows.GroupsJson(h));
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

    private static object Db(string? value) => value is null ? DBNull.Value : value;
}
