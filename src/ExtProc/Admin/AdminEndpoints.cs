using Hush.ExtProc.Metrics;
using Hush.ExtProc.Policies;
using Prometheus;

namespace Hush.ExtProc.Admin;

/// <summary>The admin HTTP side: Prometheus metrics, liveness and readiness.</summary>
internal static class AdminEndpoints
{
    /// <summary>Maps /metrics, /healthz and /readyz.</summary>
    public static void Map(WebApplication app)
    {
        var metrics = app.Services.GetRequiredService<HushMetrics>();
        app.MapMetrics(settings => settings.Registry = metrics.Registry, "/metrics");
        app.MapGet("/healthz", () => Results.Text("ok\n"));
        app.MapGet("/readyz", (PolicyStore store) =>
        {
            var policy = store.Current;
            return policy is null || !store.Ready
                ? Results.Text("not ready: not every configured policy is loaded\n", statusCode: StatusCodes.Status503ServiceUnavailable)
                : Results.Text($"ready: policy {policy.Policy.Name} {policy.Policy.Version} sha256 {policy.ArtifactSha256}\n");
        });
    }
}
