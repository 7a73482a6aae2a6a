using Hush.ExtProc.Audit;
using Hush.ExtProc.Metrics;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Hush.ExtProc.Sinks;

/// <summary>Registers the SIEM sinks of <c>Hush:Audit:Sinks</c> with the server.</summary>
internal static class SinkServiceCollectionExtensions
{
    /// <summary>The configuration section: a list of <see cref="SinkOptions"/>.</summary>
    public const string Section = "Hush:Audit:Sinks";

    /// <summary>
    /// Binds <c>Hush:Audit:Sinks</c> from <paramref name="configuration"/> (the root) and registers
    /// <see cref="SinkMetrics"/> (in <see cref="HushMetrics.Registry"/>, so <see cref="HushMetrics"/> must be registered),
    /// <see cref="AuditSinkHost"/> as a singleton and hosted service, <c>IReadOnlyList&lt;IAuditSink&gt;</c>, and each sink
    /// as an <see cref="IAuditSink"/> (so <c>IEnumerable&lt;IAuditSink&gt;</c> lists them).
    /// Throws <see cref="OptionsValidationException"/> at once when a sink is misconfigured. With no sinks configured
    /// the list is empty and nothing runs.
    /// </summary>
    public static IServiceCollection AddHushAuditSinks(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        var options = configuration.GetSection(Section).Get<List<SinkOptions>>() ?? [];
        var errors = SinkOptionsValidator.Validate(options);
        if (errors.Count > 0)
        {
            throw new OptionsValidationException(Section, typeof(SinkOptions), errors);
        }

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(sp => new SinkMetrics(sp.GetRequiredService<HushMetrics>().Registry));
        services.AddSingleton(sp => new AuditSinkHost(options, sp.GetRequiredService<SinkMetrics>(),
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILoggerFactory>()));
        services.AddSingleton<IReadOnlyList<IAuditSink>>(sp => sp.GetRequiredService<AuditSinkHost>().Sinks);
        for (var i = 0; i < options.Count; i++)
        {
            // Each sink is also an IAuditSink of its own, so consumers of IEnumerable<IAuditSink> receive them all.
            var index = i;
            services.AddSingleton<IAuditSink>(sp => sp.GetRequiredService<AuditSinkHost>().Sinks[index]);
        }

        services.AddHostedService(sp => sp.GetRequiredService<AuditSinkHost>());
        return services;
    }
}
