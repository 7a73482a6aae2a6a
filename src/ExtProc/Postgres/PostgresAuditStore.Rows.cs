using System.Text.Json;
using Hush.ExtProc.Audit;
using Npgsql;

namespace Hush.ExtProc.Postgres;

/// <summary>Schema, row binding and strict row decoding of <see cref="PostgresAuditStore"/>.</summary>
internal sealed partial class PostgresAuditStore
{
    /// <summary>Every column of <c>audit_records</c>, in the order <see cref="AuditRows.Decode"/> reads them (the SQLite store's columns).</summary>
    internal const string Columns = SqliteAuditStore.Columns;

    // One column per field, as in SQLite, so filters use indexes and every stored field is re-hashed on verify.
    // Times are .NET ticks (bigint) rather than timestamptz, which keeps only microseconds: the canonical form has
    // 100 ns precision and a rounded time would no longer hash to the stored hash. groups and rule_hits are text, not
    // jsonb, because jsonb re-formats the value and the stored bytes must be exactly the canonical JSON.
    private static string SchemaSql(string schema) => $"""
        CREATE TABLE IF NOT EXISTS {schema}.audit_records (
            seq bigint PRIMARY KEY, time_ticks bigint NOT NULL,
            identity_source text, subject text, email text, groups text NOT NULL,
            ci_system text, repository text, run_id text, run_attempt text, job_id text, sha text, ref text,
            workflow text, job_workflow_ref text, actor text,
            route text, provider text, model text, policy_sha256 text, rule_hits text NOT NULL, verdict text NOT NULL,
            approver text, justification text, latency_us bigint NOT NULL,
            masked_request text, request_truncated boolean NOT NULL, masked_response text, response_truncated boolean NOT NULL,
            hold_id text, prev_hash text NOT NULL, hash text NOT NULL);
        CREATE INDEX IF NOT EXISTS audit_records_time ON {schema}.audit_records (time_ticks);
        CREATE INDEX IF NOT EXISTS audit_records_subject ON {schema}.audit_records (subject);
        CREATE INDEX IF NOT EXISTS audit_records_repository ON {schema}.audit_records (repository, run_id);
        CREATE INDEX IF NOT EXISTS audit_records_hold ON {schema}.audit_records (hold_id) WHERE hold_id IS NOT NULL;
        CREATE TABLE IF NOT EXISTS {schema}.audit_anchor (
            id integer PRIMARY KEY CHECK (id = 1), seq bigint NOT NULL, hash text NOT NULL);
        """;

    private async Task<(long Sequence, string Hash)> ReadHeadAsync(NpgsqlConnection connection, NpgsqlTransaction tx, CancellationToken cancellationToken)
    {
        await using (var command = new NpgsqlCommand("SELECT seq, hash FROM " + _records + " ORDER BY seq DESC LIMIT 1", connection, tx))
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            if (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                return (reader.GetInt64(0), reader.GetString(1));
            }
        }

        var anchor = await ReadAnchorAsync(connection, tx, cancellationToken).ConfigureAwait(false);
        return anchor is null ? (0, AuditCanonical.GenesisHash) : (anchor.Sequence, anchor.Hash);
    }

    private async Task<AuditAnchor?> ReadAnchorAsync(NpgsqlConnection connection, NpgsqlTransaction? tx, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT seq, hash FROM " + _anchor + " WHERE id = 1", connection, tx);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
            ? new AuditAnchor(reader.GetInt64(0), reader.GetString(1))
            : null;
    }

    private NpgsqlBatchCommand InsertCommand(AuditRecord r)
    {
        var command = new NpgsqlBatchCommand("INSERT INTO " + _records + " (" + Columns + ") VALUES (" +
            "$1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, " +
            "$17, $18, $19, $20, $21, $22, $23, $24, $25, $26, $27, $28, $29, $30, $31, $32)");
        var p = command.Parameters;
        p.Add(new NpgsqlParameter<long> { TypedValue = r.Sequence });
        p.Add(new NpgsqlParameter<long> { TypedValue = r.Time.UtcTicks });
        AddText(p, r.IdentitySource);
        AddText(p, r.Subject);
        AddText(p, r.Email);
        AddText(p, CanonicalJson.StringArray(r.Groups));
        AddText(p, r.CiSystem);
        AddText(p, r.Repository);
        AddText(p, r.RunId);
        AddText(p, r.RunAttempt);
        AddText(p, r.JobId);
        AddText(p, r.Sha);
        AddText(p, r.Ref);
        AddText(p, r.Workflow);
        AddText(p, r.JobWorkflowRef);
        AddText(p, r.Actor);
        AddText(p, r.Route);
        AddText(p, r.Provider);
        AddText(p, r.Model);
        AddText(p, r.PolicySha256);
        AddText(p, CanonicalJson.RuleHitArray(r.RuleHits));
        AddText(p, AuditVerdicts.ToWire(r.Verdict));
        AddText(p, r.Approver);
        AddText(p, r.Justification);
        p.Add(new NpgsqlParameter<long> { TypedValue = r.LatencyMicroseconds });
        AddText(p, r.MaskedRequest?.ToString());
        p.Add(new NpgsqlParameter<bool> { TypedValue = r.RequestTruncated });
        AddText(p, r.MaskedResponse?.ToString());
        p.Add(new NpgsqlParameter<bool> { TypedValue = r.ResponseTruncated });
        AddText(p, r.HoldId);
        AddText(p, r.PrevHash);
        AddText(p, r.Hash);
        return command;
    }

    private static void AddText(NpgsqlParameterCollection p, string? value) =>
        p.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text, Value = value is null ? DBNull.Value : value });
}
