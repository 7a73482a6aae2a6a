using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace Hush.ExtProc.Audit;

/// <summary>Schema, row binding and strict row decoding of <see cref="SqliteAuditStore"/>.</summary>
internal sealed partial class SqliteAuditStore
{
    /// <summary>Every column of <c>audit_records</c>, in the order <see cref="AuditRows.Decode"/> reads them.</summary>
    internal const string Columns =
        "seq, time_ticks, identity_source, subject, email, groups, ci_system, repository, run_id, run_attempt, job_id, " +
        "sha, ref, workflow, job_workflow_ref, actor, route, provider, model, policy_sha256, rule_hits, verdict, " +
        "approver, justification, latency_us, masked_request, request_truncated, masked_response, response_truncated, " +
        "hold_id, prev_hash, hash";

    // One column per field (rather than one JSON blob) so filters use indexes, and so every stored field is read back
    // into the record that is re-hashed: an edit to any column breaks the chain.
    private const string SchemaSql = """
        CREATE TABLE IF NOT EXISTS audit_records (
            seq INTEGER PRIMARY KEY, time_ticks INTEGER NOT NULL,
            identity_source TEXT, subject TEXT, email TEXT, groups TEXT NOT NULL,
            ci_system TEXT, repository TEXT, run_id TEXT, run_attempt TEXT, job_id TEXT, sha TEXT, ref TEXT,
            workflow TEXT, job_workflow_ref TEXT, actor TEXT,
            route TEXT, provider TEXT, model TEXT, policy_sha256 TEXT, rule_hits TEXT NOT NULL, verdict TEXT NOT NULL,
            approver TEXT, justification TEXT, latency_us INTEGER NOT NULL,
            masked_request TEXT, request_truncated INTEGER NOT NULL, masked_response TEXT, response_truncated INTEGER NOT NULL,
            hold_id TEXT, prev_hash TEXT NOT NULL, hash TEXT NOT NULL);
        CREATE INDEX IF NOT EXISTS audit_records_time ON audit_records (time_ticks);
        CREATE INDEX IF NOT EXISTS audit_records_subject ON audit_records (subject);
        CREATE INDEX IF NOT EXISTS audit_records_repository ON audit_records (repository, run_id);
        CREATE TABLE IF NOT EXISTS audit_anchor (
            id INTEGER PRIMARY KEY CHECK (id = 1), seq INTEGER NOT NULL, hash TEXT NOT NULL);
        """;

    private static (long Sequence, string Hash) ReadHead(SqliteConnection connection, SqliteTransaction tx)
    {
        using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = "SELECT seq, hash FROM audit_records ORDER BY seq DESC LIMIT 1";
        using (var reader = command.ExecuteReader())
        {
            if (reader.Read())
            {
                return (reader.GetInt64(0), reader.GetString(1));
            }
        }

        var anchor = ReadAnchor(connection, tx);
        return anchor is null ? (0, AuditCanonical.GenesisHash) : (anchor.Sequence, anchor.Hash);
    }

    private static AuditAnchor? ReadAnchor(SqliteConnection connection, SqliteTransaction? tx)
    {
        using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = "SELECT seq, hash FROM audit_anchor WHERE id = 1";
        using var reader = command.ExecuteReader();
        return reader.Read() ? new AuditAnchor(reader.GetInt64(0), reader.GetString(1)) : null;
    }

    /// <summary>One INSERT command for a whole batch: SQLite prepares the statement once, not once per record.</summary>
    private static SqliteCommand CreateInsert(SqliteConnection connection, SqliteTransaction tx)
    {
        var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = "INSERT INTO audit_records (" + Columns + ") VALUES (" +
            "$seq, $time, $src, $sub, $email, $groups, $ci, $repo, $run, $attempt, $job, $sha, $ref, $wf, $jwr, $actor, " +
            "$route, $provider, $model, $policy, $hits, $verdict, $approver, $just, $lat, CAST($req AS TEXT), $reqcut, CAST($resp AS TEXT), $respcut, $hold, $prev, $hash)";
        return command;
    }

    private static void Insert(SqliteCommand command, AuditRecord r)
    {
        var p = command.Parameters;
        p.Clear();
        p.AddWithValue("$seq", r.Sequence);
        p.AddWithValue("$time", r.Time.UtcTicks);
        p.AddWithValue("$src", Db(r.IdentitySource));
        p.AddWithValue("$sub", Db(r.Subject));
        p.AddWithValue("$email", Db(r.Email));
        p.AddWithValue("$groups", CanonicalJson.StringArray(r.Groups));
        p.AddWithValue("$ci", Db(r.CiSystem));
        p.AddWithValue("$repo", Db(r.Repository));
        p.AddWithValue("$run", Db(r.RunId));
        p.AddWithValue("$attempt", Db(r.RunAttempt));
        p.AddWithValue("$job", Db(r.JobId));
        p.AddWithValue("$sha", Db(r.Sha));
        p.AddWithValue("$ref", Db(r.Ref));
        p.AddWithValue("$wf", Db(r.Workflow));
        p.AddWithValue("$jwr", Db(r.JobWorkflowRef));
        p.AddWithValue("$actor", Db(r.Actor));
        p.AddWithValue("$route", Db(r.Route));
        p.AddWithValue("$provider", Db(r.Provider));
        p.AddWithValue("$model", Db(r.Model));
        p.AddWithValue("$policy", Db(r.PolicySha256));
        p.AddWithValue("$hits", CanonicalJson.RuleHitArray(r.RuleHits));
        p.AddWithValue("$verdict", AuditVerdicts.ToWire(r.Verdict));
        p.AddWithValue("$approver", Db(r.Approver));
        p.AddWithValue("$just", Db(r.Justification));
        p.AddWithValue("$lat", r.LatencyMicroseconds);
        p.AddWithValue("$req", Db(r.MaskedRequest));
        p.AddWithValue("$reqcut", r.RequestTruncated ? 1L : 0L);
        p.AddWithValue("$resp", Db(r.MaskedResponse));
        p.AddWithValue("$respcut", r.ResponseTruncated ? 1L : 0L);
        p.AddWithValue("$hold", Db(r.HoldId));
        p.AddWithValue("$prev", r.PrevHash);
        p.AddWithValue("$hash", r.Hash);
        command.ExecuteNonQuery();
    }

    private static object Db(string? value) => value is null ? DBNull.Value : value;

    // Bound as a blob of UTF-8 and cast to TEXT by the statement: stored as text without decoding the body here and
    // encoding it again in the driver.
    private static object Db(MaskedText? value) => value is null ? DBNull.Value : value.Utf8Array;
}
