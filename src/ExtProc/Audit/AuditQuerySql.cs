using System.Data.Common;
using System.Text;

namespace Hush.ExtProc.Audit;

/// <summary>
/// The SELECT behind <see cref="IAuditStore.QueryAsync"/>, shared by the stores: the filter as parameterised
/// conditions (never values spliced into SQL). Each store gives its parameter marker and its JSON test for a rule hit.
/// </summary>
internal static class AuditQuerySql
{
    /// <summary>
    /// Builds the query on <paramref name="table"/> into <paramref name="command"/>'s text and parameters.
    /// <paramref name="marker"/> prefixes a parameter in SQL (<c>$</c> SQLite, <c>@</c> PostgreSQL);
    /// <paramref name="ruleCondition"/> is the store's test that <c>rule_hits</c> holds the rule named by <c>{0}</c>.
    /// </summary>
    public static void Build(DbCommand command, AuditFilter filter, string table, char marker, string ruleCondition)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(filter);
        var sql = new StringBuilder("SELECT ").Append(SqliteAuditStore.Columns).Append(" FROM ").Append(table).Append(" WHERE 1 = 1");
        void Add(string condition, string name, object value)
        {
            sql.Append(" AND ").Append(condition.Replace("{0}", marker + name, StringComparison.Ordinal));
            var parameter = command.CreateParameter();
            parameter.ParameterName = marker == '$' ? "$" + name : name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }

        if (filter.Since is { } since)
        {
            Add("time_ticks >= {0}", "since", since.UtcTicks);
        }

        if (filter.Until is { } until)
        {
            Add("time_ticks < {0}", "until", until.UtcTicks);
        }

        if (filter.Subject is { } subject)
        {
            Add("subject = {0}", "subject", subject);
        }

        if (filter.Repository is { } repository)
        {
            Add("repository = {0}", "repository", repository);
        }

        if (filter.RunId is { } runId)
        {
            Add("run_id = {0}", "run_id", runId);
        }

        if (filter.Verdict is { } verdict)
        {
            Add("verdict = {0}", "verdict", AuditVerdicts.ToWire(verdict));
        }

        if (filter.Rule is { } rule)
        {
            Add(ruleCondition, "rule", rule);
        }

        if (filter.AfterSequence is { } after)
        {
            Add("seq > {0}", "after", after);
        }

        sql.Append(" ORDER BY seq");
        if (filter.Limit is { } limit)
        {
            sql.Append(" LIMIT ").Append(marker).Append("limit");
            var parameter = command.CreateParameter();
            parameter.ParameterName = marker == '$' ? "$limit" : "limit";
            parameter.Value = (long)Math.Max(0, limit);
            command.Parameters.Add(parameter);
        }

        command.CommandText = sql.ToString();
    }
}
