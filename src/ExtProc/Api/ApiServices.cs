using Hush.ExtProc.Auth;

namespace Hush.ExtProc.Api;

/// <summary>Service registrations of the approvals API and review UI.</summary>
internal static class ApiServices
{
    /// <summary>
    /// Binds <see cref="AuthOptions"/> from <c>Hush:Auth</c> and registers it and a singleton <see cref="JwtValidator"/>
    /// (built on first resolve, reading the JWKS then). <see cref="Approvals.ApprovalService"/>,
    /// <see cref="Audit.IAuditStore"/>, <see cref="Policies.PolicyStore"/> and <see cref="TimeProvider"/> are registered by the host.
    /// </summary>
    public static IServiceCollection AddHushApi(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        var options = configuration.GetSection(AuthOptions.Section).Get<AuthOptions>() ?? new AuthOptions();
        services.AddSingleton(options);
        services.AddSingleton(sp => new JwtValidator(sp.GetRequiredService<AuthOptions>(), sp.GetRequiredService<TimeProvider>()));
        return services;
    }
}
