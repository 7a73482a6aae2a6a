using System.Text.RegularExpressions;
using Npgsql;

namespace Hush.ExtProc.Postgres;

/// <summary>
/// Where the shared PostgreSQL stores (audit trail and holds) live when several Hush replicas run side by side.
/// Every replica points at the same database and schema.
/// </summary>
internal sealed partial class PostgresOptions
{
    /// <summary>The schema used when none is configured.</summary>
    public const string DefaultSchema = "hush";

    /// <summary>An Npgsql connection string (host, port, database, user, password, SSL). Never logged.</summary>
    public string ConnectionString { get; set; } = "";

    /// <summary>The schema holding Hush's tables; created on open if missing. A plain identifier (letters, digits, <c>_</c>).</summary>
    public string Schema { get; set; } = DefaultSchema;

    /// <summary>The schema as a quoted SQL identifier.</summary>
    internal string QuotedSchema => "\"" + Schema + "\"";

    /// <summary>
    /// Throws <see cref="ArgumentException"/> when the connection string is empty or unparsable, or the schema is not a
    /// plain identifier (it is spliced into SQL, so anything else is refused rather than escaped).
    /// </summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(ConnectionString))
        {
            throw new ArgumentException("Hush PostgreSQL ConnectionString is required.", nameof(ConnectionString));
        }

        try
        {
            _ = new NpgsqlConnectionStringBuilder(ConnectionString);
        }
        catch (ArgumentException ex)
        {
            // The builder's message names the bad keyword, never the value, so it is safe to pass on.
            throw new ArgumentException("Hush PostgreSQL ConnectionString is invalid: " + ex.Message, nameof(ConnectionString), ex);
        }

        if (string.IsNullOrEmpty(Schema) || !IdentifierPattern().IsMatch(Schema) ||
            Schema.StartsWith("pg_", StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException(
                "Hush PostgreSQL Schema must be 1-63 letters, digits or '_', start with a letter or '_', and not start with 'pg_'.",
                nameof(Schema));
        }
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]{0,62}$", RegexOptions.CultureInvariant)]
    private static partial Regex IdentifierPattern();
}
