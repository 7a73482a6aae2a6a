using Hush.ExtProc.Approvals;
using Npgsql;
using NpgsqlTypes;

namespace Hush.ExtProc.Postgres;

/// <summary>Schema and row mapping of <see cref="PostgresHoldStore"/> (the same columns as the SQLite hold store).</summary>
internal sealed partial class PostgresHoldStore
{
    /// <summary>Every column of <c>holds</c>, in the order <see cref="HoldRows.Decode"/> reads them.</summary>
    internal const string Columns =
        "id, created_ticks, expires_ticks, status, requester, route, provider, model, rules, approver_groups, excerpt, " +
        "policy_sha256, answer_digest, content_type, masked_answer, decided_by, justification, decided_ticks, released_ticks, instance";

    /// <summary><see cref="Columns"/> with the answer left out (a typed NULL in its place), for lists and state changes.</summary>
    private const string ColumnsWithoutAnswer =
        "id, created_ticks, expires_ticks, status, requester, route, provider, model, rules, approver_groups, excerpt, " +
        "policy_sha256, answer_digest, content_type, NULL::bytea, decided_by, justification, decided_ticks, released_ticks, instance";

    // Times are .NET ticks (100 ns) so a HoldRecord round-trips exactly; the status is CHECKed so no stray value is stored.
    private static string SchemaSql(string schema) => $"""
        CREATE TABLE IF NOT EXISTS {schema}.holds (
            id text PRIMARY KEY, created_ticks bigint NOT NULL, expires_ticks bigint NOT NULL,
            status text NOT NULL CHECK (status IN ('pending', 'approved', 'denied', 'expired')),
            requester text, route text, provider text, model text, rules text NOT NULL, approver_groups text NOT NULL,
            excerpt text NOT NULL, policy_sha256 text NOT NULL, answer_digest text NOT NULL, content_type text,
            masked_answer bytea, decided_by text, justification text, decided_ticks bigint, released_ticks bigint,
            instance text);
        CREATE INDEX IF NOT EXISTS holds_status ON {schema}.holds (status, expires_ticks);
        CREATE INDEX IF NOT EXISTS holds_created ON {schema}.holds (created_ticks DESC);
        """;

    private static void Bind(NpgsqlParameterCollection p, HoldRecord h)
    {
        p.Add(Text(h.Id));
        p.Add(Ticks(h.CreatedAt));
        p.Add(Ticks(h.ExpiresAt));
        p.Add(Text(HoldRows.StatusText(h.Status)));
        p.Add(Text(HoldRows.RequesterJson(h)));
        p.Add(Text(h.Route));
        p.Add(Text(h.Provider));
        p.Add(Text(h.Model));
        p.Add(Text(HoldRows.RulesJson(h)));
        p.Add(Text(HoldRows.GroupsJson(h)));
        p.Add(Text(h.Excerpt));
        p.Add(Text(h.PolicySha256));
        p.Add(Text(h.AnswerDigest));
        p.Add(Text(h.ContentType));
        p.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Bytea, Value = h.MaskedAnswer is null ? DBNull.Value : h.MaskedAnswer });
        p.Add(Text(h.DecidedBy));
        p.Add(Text(h.Justification));
        p.Add(Ticks(h.DecidedAt));
        p.Add(Ticks(h.ReleasedAt));
        p.Add(Text(h.Instance));
    }

    private static NpgsqlParameter Text(string? value) =>
        new() { NpgsqlDbType = NpgsqlDbType.Text, Value = value is null ? DBNull.Value : value };

    private static NpgsqlParameter Ticks(DateTimeOffset? value) =>
        new() { NpgsqlDbType = NpgsqlDbType.Bigint, Value = value is { } v ? v.UtcTicks : DBNull.Value };

    private static async Task<List<HoldRecord>> ReadAllAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var list = new List<HoldRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            list.Add(HoldRows.Decode(reader, includeAnswer: true));
        }

        return list;
    }
}
