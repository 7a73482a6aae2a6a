using System.Globalization;
using Hush.ExtProc.Audit;

namespace Hush.ExtProc.Api;

/// <summary>
/// Parses the query of <c>GET /audit</c> into an <see cref="AuditFilter"/>. Unknown or repeated parameters are
/// refused rather than ignored, so a typo (<c>repo=</c>) cannot silently widen an export to everything.
/// </summary>
internal static class AuditQuery
{
    /// <summary>Largest <c>limit</c> accepted.</summary>
    public const int MaxLimit = 1_000_000;

    /// <summary>The filter, or null with the offending parameter and what it expects.</summary>
    public static AuditFilter? Parse(IQueryCollection query, out string? parameter, out string? expected)
    {
        ArgumentNullException.ThrowIfNull(query);
        var filter = new AuditFilter();
        foreach (var (name, values) in query)
        {
            parameter = name;
            if (values.Count != 1 || values[0] is not { } value)
            {
                expected = "a single value";
                return null;
            }

            expected = null;
            filter = name switch
            {
                "since" => TryTime(value, out var since) ? filter with { Since = since } : Fail(out expected, "an ISO 8601 time, e.g. 2026-11-28T12:00:00Z"),
                "until" => TryTime(value, out var until) ? filter with { Until = until } : Fail(out expected, "an ISO 8601 time, e.g. 2026-11-28T13:00:00Z"),
                "subject" => NonEmpty(value) ? filter with { Subject = value } : Fail(out expected, "a JWT subject"),
                "repository" => NonEmpty(value) ? filter with { Repository = value } : Fail(out expected, "a repository (owner/name)"),
                "run_id" => NonEmpty(value) ? filter with { RunId = value } : Fail(out expected, "a CI run id"),
                "rule" => NonEmpty(value) ? filter with { Rule = value } : Fail(out expected, "a rule id"),
                "verdict" => AuditVerdicts.TryParse(value, out var verdict)
                    ? filter with { Verdict = verdict }
                    : Fail(out expected, "passed, masked, held, approved, denied, expired or error"),
                "after" => long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var after)
                    ? filter with { AfterSequence = after }
                    : Fail(out expected, "a record sequence number (0 or more)"),
                "limit" => int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var limit) && limit is >= 1 and <= MaxLimit
                    ? filter with { Limit = limit }
                    : Fail(out expected, "an integer from 1 to 1000000"),
                _ => Fail(out expected, "one of since, until, subject, repository, run_id, rule, verdict, after, limit"),
            };
            if (filter is null)
            {
                return null;
            }
        }

        if (filter.Since is { } from && filter.Until is { } to && to < from)
        {
            parameter = "until";
            expected = "a time at or after since";
            return null;
        }

        parameter = null;
        expected = null;
        return filter;
    }

    private static AuditFilter? Fail(out string? expected, string text)
    {
        expected = text;
        return null;
    }

    private static bool NonEmpty(string value) => value.Length is > 0 and <= 1024;

    private static bool TryTime(string value, out DateTimeOffset time) =>
        DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out time)
        && value.Length >= 10 && char.IsAsciiDigit(value[0]);
}
