using Hush.ExtProc.Approvals;
using Hush.ExtProc.Audit;
using Hush.ExtProc.Auth;
using Hush.ExtProc.Hosting;
using Hush.ExtProc.Policies;
using Microsoft.Extensions.Options;

namespace Hush.ExtProc.Api;

/// <summary>
/// The approvals REST API on the admin port (the <see cref="PortRouter"/> keeps it off the gRPC port): holds,
/// decisions, the audit export, policy info and the caller's identity. Every endpoint needs a valid JWT.
/// </summary>
internal static class ApiEndpoints
{
    /// <summary>The logger category of the API.</summary>
    public const string LoggerCategory = "Hush.ExtProc.Api";

    /// <summary>
    /// Maps every endpoint. Resolves <see cref="ApprovalService"/>, <see cref="JwtValidator"/>, <see cref="IAuditStore"/>,
    /// <see cref="PolicyStore"/> and <see cref="TimeProvider"/> now, so a missing registration fails at start-up.
    /// </summary>
    public static void Map(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var services = app.Services;
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(LoggerCategory);
        var auth = new ApiAuth(services.GetRequiredService<JwtValidator>(), logger);
        var time = services.GetRequiredService<TimeProvider>();
        var routeNames = services.GetService<IOptions<HushOptions>>()?.Value.Routes.Select(r => r.Name).ToArray() ?? [];
        new HoldsApi(services.GetRequiredService<ApprovalService>(), auth, time, logger).Map(app);
        new AuditApi(services.GetRequiredService<IAuditStore>(), auth, logger).Map(app);
        new PolicyApi(services.GetRequiredService<PolicyStore>(), routeNames, auth).Map(app);
    }
}
