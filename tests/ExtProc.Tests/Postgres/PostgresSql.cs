using Npgsql;

namespace Hush.ExtProc.Tests.Postgres;

/// <summary>Raw SQL for tests (positional parameters <c>$1</c>, <c>$2</c> …), each call on its own (pooled) connection, outside any store.</summary>
internal static class PostgresSql
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(30);

    /// <summary>Runs a statement; returns the rows affected.</summary>
    public static async Task<int> ExecuteAsync(string connectionString, string sql, params object?[] parameters)
    {
        await using var connection = await OpenAsync(connectionString);
        await using var command = Command(connection, sql, parameters);
        return await command.ExecuteNonQueryAsync().WaitAsync(s_timeout);
    }

    /// <summary>Reads the first column of the first row (null when there is no row, DBNull for SQL NULL).</summary>
    public static async Task<object?> ScalarAsync(string connectionString, string sql, params object?[] parameters)
    {
        await using var connection = await OpenAsync(connectionString);
        await using var command = Command(connection, sql, parameters);
        return await command.ExecuteScalarAsync().WaitAsync(s_timeout);
    }

    private static async Task<NpgsqlConnection> OpenAsync(string connectionString)
    {
        var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync().WaitAsync(s_timeout);
        return connection;
    }

    private static NpgsqlCommand Command(NpgsqlConnection connection, string sql, object?[] parameters)
    {
        var command = new NpgsqlCommand(sql, connection);
        foreach (var value in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value ?? DBNull.Value });
        }

        return command;
    }
}
