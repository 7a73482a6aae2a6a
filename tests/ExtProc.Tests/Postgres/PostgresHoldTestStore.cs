using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Hush.ExtProc.Approvals;
using Hush.ExtProc.Identity;
using Hush.ExtProc.Postgres;

namespace Hush.ExtProc.Tests.Postgres;

/// <summary>Sample holds and helpers for the PostgreSQL hold store tests.</summary>
internal static class PostgresHoldTestStore
{
    /// <summary>Every await in the hold tests is bounded by this.</summary>
    public static readonly TimeSpan TestTimeout = TimeSpan.FromSeconds(30);

    /// <summary>A fixed start time (sub-microsecond ticks on purpose: they must round-trip).</summary>
    public static readonly DateTimeOffset T0 = new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero).AddTicks(1234567);

    /// <summary>Opens a store on <paramref name="connectionString"/> (its own pool: one replica).</summary>
    public static Task<PostgresHoldStore> OpenAsync(string connectionString, string schema = PostgresOptions.DefaultSchema) =>
        PostgresHoldStore.OpenAsync(new PostgresOptions { ConnectionString = connectionString, Schema = schema }, TimeProvider.System)
            .WaitAsync(TestTimeout);

    /// <summary>A pending hold with every field set (fake, masked values only), created <paramref name="minutes"/> after <see cref="T0"/>.</summary>
    public static HoldRecord Sample(int i, int minutes = 0)
    {
        var answer = Encoding.UTF8.GetBytes("data: {\"content\":\"aws iam attach-role-policy [MASKED] #" + i + "\"}\n\n\u00ff");
        return new HoldRecord
        {
            Id = "hold_" + i.ToString("D26", System.Globalization.CultureInfo.InvariantCulture),
            CreatedAt = T0.AddMinutes(minutes),
            ExpiresAt = T0.AddMinutes(minutes).AddHours(1),
            Status = HoldStatus.Pending,
            Requester = new CallerIdentity
            {
                Source = "metadata",
                Issuer = "https://token.actions.githubusercontent.com",
                Subject = "repo:acme/api:ref:refs/heads/main",
                Email = "dev" + i + "@example.com",
                Audiences = ["hush"],
                Groups = ["dev", "team-" + (i % 2)],
                Ci = new CiProvenance { System = "github-actions", Repository = "acme/api", RunId = "run-" + i, Sha = new string('c', 40), Actor = "octocat" },
            },
            Route = "openai",
            Provider = "openai",
            Model = "gpt-4o",
            Rules = [new HeldRule("iam-mutation", "Changes cloud IAM", ["sec-oncall", "platform"], 2)],
            ApproverGroups = ["sec-oncall", "platform"],
            Excerpt = "run ⟦aws iam attach-role-policy⟧ now",
            PolicySha256 = new string('a', 64),
            AnswerDigest = Convert.ToHexStringLower(SHA256.HashData(answer)),
            ContentType = "text/event-stream",
            MaskedAnswer = answer,
            Instance = "replica-1",
        };
    }

    /// <summary>A hold without an identity or optional fields.</summary>
    public static HoldRecord Minimal(int i) => Sample(i) with
    {
        Requester = null,
        Route = null,
        Provider = null,
        Model = null,
        ContentType = null,
        Instance = null,
        Rules = [],
        ApproverGroups = [],
        MaskedAnswer = null,
    };

    /// <summary>Asserts two holds are equal field by field (lists and bytes by content).</summary>
    public static void AssertSame(HoldRecord expected, HoldRecord? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(JsonSerializer.Serialize(expected), JsonSerializer.Serialize(actual));
    }
}
