using Hush.ExtProc.Approvals;
using Hush.ExtProc.Metrics;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Hush.ExtProc.Notifications;

/// <summary>Registers hold notifications (<c>Hush:Notifications</c>) with the server.</summary>
internal static class NotificationServiceCollectionExtensions
{
    /// <summary>
    /// Binds <c>Hush:Notifications</c> from <paramref name="configuration"/> (the root) and registers
    /// <see cref="NotificationOptions"/>, <see cref="NotificationMetrics"/> (in <see cref="HushMetrics.Registry"/>, so
    /// <see cref="HushMetrics"/> must be registered), <see cref="HoldNotifier"/> as a singleton, as
    /// <see cref="IHoldNotifier"/> (replacing any earlier registration) and as a hosted service. Throws
    /// <see cref="OptionsValidationException"/> at once when a setting is invalid. With no webhooks, Notify does nothing.
    /// </summary>
    public static IServiceCollection AddHushNotifications(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        var options = configuration.GetSection(NotificationOptions.Section).Get<NotificationOptions>() ?? new NotificationOptions();
        var errors = NotificationOptionsValidator.Validate(options);
        if (errors.Count > 0)
        {
            throw new OptionsValidationException(NotificationOptions.Section, typeof(NotificationOptions), errors);
        }

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(options);
        services.AddSingleton(sp => new NotificationMetrics(sp.GetRequiredService<HushMetrics>().Registry));
        services.AddSingleton(sp => new HoldNotifier(options, sp.GetRequiredService<NotificationMetrics>(),
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<HoldNotifier>>()));
        services.Replace(ServiceDescriptor.Singleton<IHoldNotifier>(sp => sp.GetRequiredService<HoldNotifier>()));
        services.AddHostedService(sp => sp.GetRequiredService<HoldNotifier>());
        return services;
    }
}
