using Hush.ExtProc.Audit;
using Hush.ExtProc.Sinks;
using Microsoft.Extensions.Logging.Abstractions;
using Prometheus;

namespace Hush.ExtProc.Tests.Sinks;

/// <summary>Hash-chained sample records and sink construction for the sink tests.</summary>
internal static class SinkTestRecords
{
    /// <summary>The time of the first sample record.</summary>
    public static readonly DateTimeOffset Start = new DateTimeOffset(2026, 11, 28, 13, 0, 0, TimeSpan.Zero).AddTicks(1234567);

    /// <summary>A valid chain of <paramref name="count"/> records (seq 1..count) with hashes as a store assigns them.</summary>
    public static List<AuditRecord> Chain(int count)
    {
        var records = new List<AuditRecord>(count);
        var prev = AuditCanonical.GenesisHash;
        AuditVerdict[] verdicts = [AuditVerdict.Passed, AuditVerdict.Masked, AuditVerdict.Held, AuditVerdict.Approved, AuditVerdict.Error];
        for (var i = 0; i < count; i++)
        {
            var record = new AuditRecord
            {
                Sequence = i + 1,
                Time = Start.AddMilliseconds(i * 10),
                IdentitySource = "metadata",
                Subject = "repo:acme/app:ref:refs/heads/main",
                Groups = ["devs"],
                CiSystem = "github-actions",
                Repository = "acme/app",
                RunId = "4242",
                Route = "openai",
                Provider = "openai",
                Model = "gpt-4o",
                PolicySha256 = new string('a', 64),
                RuleHits = [new AuditRuleHit("aws-access-key", 1)],
                Verdict = verdicts[i % verdicts.Length],
                HoldId = i % verdicts.Length == 2 ? "hold_" + new string('b', 26) : null,
                LatencyMicroseconds = 1000 + i,
                MaskedRequest = $"{{\"messages\":[{{\"role\":\"user\",\"content\":\"key [MASKED:aws-access-key] #{i} é\\n\"}}]}}",
                MaskedResponse = "ok ⟦held⟧ \"quoted\" \\ back",
                PrevHash = prev,
            };
            record = record with { Hash = AuditCanonical.ComputeHash(record) };
            prev = record.Hash;
            records.Add(record);
        }

        return records;
    }

    /// <summary>Settings of a fast sink for tests: tiny backoffs and flush window.</summary>
    public static SinkOptions Options(string name, SinkType type) => new()
    {
        Name = name,
        Type = type,
        FlushInterval = TimeSpan.FromMilliseconds(20),
        InitialBackoff = TimeSpan.FromMilliseconds(20),
        MaxBackoff = TimeSpan.FromMilliseconds(100),
        Timeout = TimeSpan.FromSeconds(10),
        DrainTimeout = TimeSpan.FromMilliseconds(200),
    };

    /// <summary>Fresh metrics in their own registry.</summary>
    public static SinkMetrics Metrics() => new(Prometheus.Metrics.NewCustomRegistry());

    /// <summary>An HTTP sink posting to <paramref name="url"/>.</summary>
    public static HttpJsonLinesSink Http(SinkOptions options, Uri url, SinkMetrics metrics)
    {
        options.Url = url.ToString();
        return new HttpJsonLinesSink(options, metrics, TimeProvider.System, NullLogger.Instance);
    }

    /// <summary>The value of a sink-labelled series.</summary>
    public static double Value(Counter counter, string sink) => counter.WithLabels(sink).Value;

    /// <summary>True once <paramref name="sent"/> records were delivered and the lag is back to zero.</summary>
    public static Task<bool> Settled(SinkMetrics metrics, string sink, int sent) =>
        Task.FromResult(Value(metrics.Sent, sink) == sent && Value(metrics.Lag, sink) == 0);

    /// <summary>The value of a sink-labelled gauge.</summary>
    public static double Value(Gauge gauge, string sink) => gauge.WithLabels(sink).Value;
}
