using Hush.ExtProc.Approvals;
using Hush.ExtProc.Audit;
using Hush.ExtProc.Service;

namespace Hush.ExtProc.Hosting;

/// <summary>
/// Registers the audit trail and the approval workflow: the stores (SQLite under <c>Hush:Audit:DataFolder</c> by
/// default, PostgreSQL with <c>Hush:Storage=postgres</c> for several replicas), the background audit writer,
/// retention, the hold sweeper, and the coordinator the stream loop uses. Settings are validated here, at start-up.
/// </summary>
internal static class StorageSetup
{
    /// <summary>The storage kinds.</summary>
    public static readonly string[] Kinds = ["sqlite", "postgres"];

    /// <summary>Reads and validates <c>Hush:Audit</c> and <c>Hush:Holds</c>; returns every problem found.</summary>
    public static (AuditOptions Audit, HoldOptions Holds, List<string> Errors) Read(IConfiguration configuration)
    {
        var audit = configuration.GetSection("Hush:Audit").Get<AuditOptions>() ?? new AuditOptions();
        var holds = configuration.GetSection("Hush:Holds").Get<HoldOptions>() ?? new HoldOptions();
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(audit.DataFolder))
        {
            errors.Add("Hush:Audit:DataFolder is empty.");
        }

        if (audit.MaxMaskedBytes < 0)
        {
            errors.Add("Hush:Audit:MaxMaskedBytes must not be negative.");
        }

        if (audit.QueueCapacity < 1 || audit.BatchSize < 1)
        {
            errors.Add("Hush:Audit:QueueCapacity and Hush:Audit:BatchSize must be at least 1.");
        }

        if (audit.RetentionDays < 0)
        {
            errors.Add("Hush:Audit:RetentionDays must not be negative (0 keeps everything).");
        }

        if (holds.InlineWindow < TimeSpan.Zero)
        {
            errors.Add("Hush:Holds:InlineWindow must not be negative.");
        }

        if (holds.MaxMessageTimeout < TimeSpan.FromMilliseconds(1) || holds.MaxMessageTimeout > TimeSpan.FromHours(1))
        {
            errors.Add($"Hush:Holds:MaxMessageTimeout {holds.MaxMessageTimeout} is outside Envoy's 1 ms..1 h (max_message_timeout).");
        }
        else if (holds.InlineWindow + TimeSpan.FromSeconds(1) > holds.MaxMessageTimeout)
        {
            errors.Add($"Hush:Holds:InlineWindow {holds.InlineWindow} does not fit in Hush:Holds:MaxMessageTimeout {holds.MaxMessageTimeout} (Envoy's max_message_timeout) with 1 s to spare.");
        }

        if (holds.Expiry <= holds.InlineWindow)
        {
            errors.Add($"Hush:Holds:Expiry {holds.Expiry} must be longer than Hush:Holds:InlineWindow {holds.InlineWindow}.");
        }

        if (holds.PollInterval < TimeSpan.FromMilliseconds(10))
        {
            errors.Add("Hush:Holds:PollInterval must be at least 10 ms.");
        }

        if (!holds.FetchPathPrefix.StartsWith('/'))
        {
            errors.Add($"Hush:Holds:FetchPathPrefix '{holds.FetchPathPrefix}' must start with '/'.");
        }

        return (audit, holds, errors);
    }

    /// <summary>Registers stores, writer and workflow services for <paramref name="storage"/>.</summary>
    public static void Add(IServiceCollection services, string storage, AuditOptions audit, HoldOptions holds,
        Postgres.PostgresOptions? postgres)
    {
        services.AddSingleton(audit);
        services.AddSingleton(holds);
        if (string.Equals(storage, "postgres", StringComparison.OrdinalIgnoreCase))
        {
            PostgresSetup.Add(services, postgres ?? throw new ArgumentNullException(nameof(postgres)), audit);
        }
        else
        {
            services.AddSingleton<IAuditStore>(sp => SqliteAuditStore.Open(audit, sp.GetRequiredService<TimeProvider>()));
            services.AddSingleton<IHoldStore>(_ => SqliteHoldStore.Open(audit.DataFolder));
        }

        services.AddSingleton<AuditWriter>();
        services.AddSingleton<IAuditWriter>(sp => sp.GetRequiredService<AuditWriter>());
        services.AddHostedService(sp => sp.GetRequiredService<AuditWriter>());
        services.AddHostedService<AuditRetention>();
        services.AddSingleton(sp => new ApprovalService(sp.GetRequiredService<IHoldStore>(), holds, sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<Metrics.HushMetrics>(), sp.GetService<IHoldNotifier>(), sp.GetRequiredService<IAuditWriter>()));
        services.AddHostedService<HoldSweeper>();
        services.AddSingleton<HoldCoordinator>();
    }
}
