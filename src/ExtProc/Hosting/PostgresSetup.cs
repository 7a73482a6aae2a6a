using Hush.ExtProc.Approvals;
using Hush.ExtProc.Audit;
using Hush.ExtProc.Postgres;

namespace Hush.ExtProc.Hosting;

/// <summary>
/// Registers the PostgreSQL stores (<c>Hush:Storage=postgres</c>, settings under <c>Hush:Postgres</c>): several replicas
/// then share one audit chain and one set of holds, and decisions reach every replica by LISTEN/NOTIFY.
/// </summary>
internal static class PostgresSetup
{
    /// <summary>Reads <c>Hush:Postgres</c>; the problems found, if any.</summary>
    public static (PostgresOptions Options, List<string> Errors) Read(IConfiguration configuration)
    {
        var options = configuration.GetSection("Hush:Postgres").Get<PostgresOptions>() ?? new PostgresOptions();
        var errors = new List<string>();
        try
        {
            options.Validate();
        }
        catch (ArgumentException ex)
        {
            errors.Add("Hush:Postgres: " + ex.Message);
        }

        return (options, errors);
    }

    /// <summary>Registers the PostgreSQL audit and hold stores (opened, and their schema created, on first use at start-up).</summary>
    public static void Add(IServiceCollection services, PostgresOptions options, AuditOptions audit)
    {
        services.AddSingleton(options);
        services.AddSingleton<IAuditStore>(sp =>
            PostgresAuditStore.OpenAsync(options, audit, sp.GetRequiredService<TimeProvider>()).GetAwaiter().GetResult());
        services.AddSingleton<IHoldStore>(sp =>
            PostgresHoldStore.OpenAsync(options, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<PostgresHoldStore>>(),
                CancellationToken.None).GetAwaiter().GetResult());
    }
}
