using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Hush.ExtProc.Audit;

/// <summary>
/// The admin command <c>Hush.ExtProc audit verify|export --data DIR …</c> (SQLite) or <c>--postgres CONNSTRING</c>
/// (the chain several replicas share; <c>--postgres env</c> reads <c>Hush__Postgres__ConnectionString</c> so the
/// password stays off the command line). Exit codes: 0 intact (or exported), 1 chain broken (the first broken record
/// is printed), 2 usage or no database.
/// </summary>
internal static class AuditCommand
{
    private const string Usage =
        "usage: audit verify (--data <folder> | --postgres <connection string>|env)\n" +
        "       audit export (--data <folder> | --postgres <connection string>|env) [--since <time>] [--until <time>] [--subject <sub>] [--repository <owner/name>]\n" +
        "                    [--run-id <id>] [--rule <rule-id>] [--verdict <passed|masked|held|approved|denied|expired|error>]";

    /// <summary>Runs the command given the arguments after <c>audit</c>; returns the process exit code.</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        if (args.Length == 0 || (args[0] != "verify" && args[0] != "export"))
        {
            await stderr.WriteLineAsync(Usage).ConfigureAwait(false);
            return 2;
        }

        if (!TryParseOptions(args.AsSpan(1), out var data, out var postgres, out var filter, out var problem))
        {
            await stderr.WriteLineAsync("hush audit: " + problem + "\n" + Usage).ConfigureAwait(false);
            return 2;
        }

        if (args[0] == "verify" && filter != AuditFilter.All)
        {
            await stderr.WriteLineAsync("hush audit: verify takes only --data or --postgres\n" + Usage).ConfigureAwait(false);
            return 2;
        }

        IAuditStore store;
        try
        {
            store = postgres is null
                ? SqliteAuditStore.Open(new AuditOptions { DataFolder = data }, TimeProvider.System, create: false)
                : await Postgres.PostgresAuditStore.OpenAsync(new Postgres.PostgresOptions { ConnectionString = postgres }, new AuditOptions(),
                    TimeProvider.System).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is ArgumentException or Npgsql.NpgsqlException)
        {
            await stderr.WriteLineAsync("hush audit: cannot open the PostgreSQL audit store: " + ex.GetType().Name).ConfigureAwait(false);
            return 2;
        }
        catch (FileNotFoundException ex)
        {
            await stderr.WriteLineAsync("hush audit: " + ex.Message).ConfigureAwait(false);
            return 2;
        }
        catch (SqliteException ex)
        {
            // Not a database, or not readable: a usage problem, not a verdict about a chain.
            await stderr.WriteLineAsync("hush audit: cannot open the audit database in " + data + ": " + ex.Message).ConfigureAwait(false);
            return 2;
        }

        await using (store.ConfigureAwait(false))
        {
            return args[0] == "verify"
                ? await VerifyAsync(store, stdout, stderr).ConfigureAwait(false)
                : await ExportAsync(store, filter, stdout, stderr).ConfigureAwait(false);
        }
    }

    private static async Task<int> VerifyAsync(IAuditStore store, TextWriter stdout, TextWriter stderr)
    {
        var result = await store.VerifyAsync().ConfigureAwait(false);
        var anchor = await store.GetAnchorAsync().ConfigureAwait(false);
        var from = anchor is null ? "genesis" : string.Create(CultureInfo.InvariantCulture, $"anchor {anchor.Sequence} {anchor.Hash}");
        if (result.Intact)
        {
            await stdout.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"audit chain intact: {result.RecordCount} records from {from}; head {result.HeadSequence} {result.HeadHash}")).ConfigureAwait(false);
            return 0;
        }

        await stdout.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"audit chain BROKEN at record {result.BrokenSequence}: {ToKebab(result.Break)}: {result.Detail}")).ConfigureAwait(false);
        await stderr.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"hush audit: {result.RecordCount} records verified from {from} before the break")).ConfigureAwait(false);
        return 1;
    }

    private static async Task<int> ExportAsync(IAuditStore store, AuditFilter filter, TextWriter stdout, TextWriter stderr)
    {
        try
        {
            await AuditExport.WriteAsync(store, filter, stdout, CancellationToken.None).ConfigureAwait(false);
            return 0;
        }
        catch (InvalidDataException ex)
        {
            // A tampered row that cannot be decoded: say which, and point at verify.
            await stderr.WriteLineAsync("hush audit: " + ex.Message + " (run audit verify)").ConfigureAwait(false);
            return 1;
        }
    }

    private static bool TryParseOptions(ReadOnlySpan<string> args, out string data, out string? postgres, out AuditFilter filter, out string problem)
    {
        data = "";
        postgres = null;
        filter = AuditFilter.All;
        problem = "";
        for (var i = 0; i < args.Length; i += 2)
        {
            if (i + 1 >= args.Length)
            {
                problem = "missing value for " + args[i];
                return false;
            }

            var value = args[i + 1];
            switch (args[i])
            {
                case "--data": data = value; break;
                case "--postgres": postgres = value == "env" ? Environment.GetEnvironmentVariable("Hush__Postgres__ConnectionString") ?? "" : value; break;
                case "--subject": filter = filter with { Subject = value }; break;
                case "--repository": filter = filter with { Repository = value }; break;
                case "--run-id": filter = filter with { RunId = value }; break;
                case "--rule": filter = filter with { Rule = value }; break;
                case "--verdict" when AuditVerdicts.TryParse(value, out var verdict): filter = filter with { Verdict = verdict }; break;
                case "--since" when TryParseTime(value, out var since): filter = filter with { Since = since }; break;
                case "--until" when TryParseTime(value, out var until): filter = filter with { Until = until }; break;
                case "--verdict" or "--since" or "--until":
                    problem = "invalid value for " + args[i] + ": " + value;
                    return false;
                default:
                    problem = "unknown option " + args[i];
                    return false;
            }
        }

        if ((data.Length == 0) == (postgres is null))
        {
            problem = "give exactly one of --data <folder> and --postgres <connection string>";
            return false;
        }

        return true;
    }

    private static bool TryParseTime(string text, out DateTimeOffset time) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out time);

    private static string ToKebab(AuditBreak why) => why switch
    {
        AuditBreak.SequenceGap => "sequence-gap",
        AuditBreak.PrevHashMismatch => "prev-hash-mismatch",
        AuditBreak.HashMismatch => "hash-mismatch",
        AuditBreak.Malformed => "malformed",
        _ => "none",
    };
}
