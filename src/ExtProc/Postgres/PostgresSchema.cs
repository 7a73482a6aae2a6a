using Npgsql;

namespace Hush.ExtProc.Postgres;

/// <summary>Schema creation shared by the PostgreSQL stores, safe when several replicas start at once.</summary>
internal static class PostgresSchema
{
    /// <summary>
    /// Advisory lock key serialising schema creation across replicas ("HUSHSCHE"). <c>CREATE … IF NOT EXISTS</c> is
    /// not atomic in PostgreSQL: two sessions creating the same table at once can fail on a catalog unique index.
    /// </summary>
    public const long CreateLockKey = 0x4855_5348_5343_4845;

    /// <summary>
    /// Creates the schema (only when it does not exist, so a DBA-provisioned schema needs no CREATE right on the
    /// database) and runs <paramref name="ddl"/>, all in one transaction under <see cref="CreateLockKey"/>.
    /// </summary>
    public static async Task EnsureAsync(NpgsqlDataSource data, PostgresOptions options, string ddl, CancellationToken cancellationToken)
    {
        var connection = await data.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var tx = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (tx.ConfigureAwait(false))
            {
                await using (var command = new NpgsqlCommand("SELECT pg_advisory_xact_lock(@key)", connection, tx))
                {
                    command.Parameters.AddWithValue("key", CreateLockKey);
                    await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }

                bool exists;
                await using (var command = new NpgsqlCommand("SELECT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = @name)", connection, tx))
                {
                    command.Parameters.AddWithValue("name", options.Schema);
                    exists = (bool)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
                }

                if (!exists)
                {
                    await using var create = new NpgsqlCommand("CREATE SCHEMA IF NOT EXISTS " + options.QuotedSchema, connection, tx);
                    await create.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }

                await using (var command = new NpgsqlCommand(ddl, connection, tx))
                {
                    await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }

                await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Validates <paramref name="options"/> and builds a pooled data source from its connection string.</summary>
    public static NpgsqlDataSource CreateDataSource(PostgresOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        return NpgsqlDataSource.Create(options.ConnectionString);
    }
}
