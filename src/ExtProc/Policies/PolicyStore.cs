using Grpc.Health.V1;
using Grpc.HealthCheck;
using Hush.ExtProc.Metrics;

namespace Hush.ExtProc.Policies;

/// <summary>
/// The policies new streams start with: the default one and one per configured route. Each is swapped atomically
/// by the reloader; a stream takes its reference once and keeps it, so a reload never changes the rules under a
/// stream in flight. Serving (gRPC health) once every configured policy is loaded.
/// </summary>
internal sealed class PolicyStore
{
    /// <summary>Service name reported by the gRPC health service besides the empty (server-wide) name.</summary>
    public const string ExtProcServiceName = "envoy.service.ext_proc.v3.ExternalProcessor";

    /// <summary>Name of the default policy (metric label).</summary>
    public const string DefaultName = "default";

    private readonly HealthServiceImpl _health;
    private readonly HushMetrics _metrics;
    private readonly Dictionary<string, int> _routeSlots;
    private readonly LoadedPolicy?[] _routes;
    private LoadedPolicy? _current;

    /// <summary>Creates an empty store for <paramref name="routeNames"/>: NOT_SERVING until every policy is loaded.</summary>
    public PolicyStore(HealthServiceImpl health, HushMetrics metrics, IReadOnlyList<string> routeNames)
    {
        _health = health;
        _metrics = metrics;
        _routeSlots = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < routeNames.Count; i++)
        {
            _routeSlots[routeNames[i]] = i;
        }

        _routes = new LoadedPolicy?[routeNames.Count];
        SetHealth(HealthCheckResponse.Types.ServingStatus.NotServing);
    }

    /// <summary>The default policy, or null before its first successful load.</summary>
    public LoadedPolicy? Current => Volatile.Read(ref _current);

    /// <summary>True when the default and every route policy are loaded.</summary>
    public bool Ready
    {
        get
        {
            if (Current is null)
            {
                return false;
            }

            for (var i = 0; i < _routes.Length; i++)
            {
                if (Volatile.Read(ref _routes[i]) is null)
                {
                    return false;
                }
            }

            return true;
        }
    }

    /// <summary>The policy of route <paramref name="name"/> (null: the default policy).</summary>
    public LoadedPolicy? Get(string? name) =>
        name is null ? Current : _routeSlots.TryGetValue(name, out var slot) ? Volatile.Read(ref _routes[slot]) : null;

    /// <summary>Makes <paramref name="policy"/> the default policy of every new stream.</summary>
    public void Swap(LoadedPolicy policy) => Swap(null, policy);

    /// <summary>Makes <paramref name="policy"/> the policy of route <paramref name="name"/> (null: default) for new streams.</summary>
    public void Swap(string? name, LoadedPolicy policy)
    {
        var previous = name is null
            ? Interlocked.Exchange(ref _current, policy)
            : Interlocked.Exchange(ref _routes[_routeSlots[name]], policy);
        _metrics.SetPolicyInfo(name ?? DefaultName, previous?.Policy, previous?.ArtifactSha256, policy.Policy, policy.ArtifactSha256);
        if (Ready)
        {
            SetHealth(HealthCheckResponse.Types.ServingStatus.Serving);
        }
    }

    private void SetHealth(HealthCheckResponse.Types.ServingStatus status)
    {
        _health.SetStatus("", status);
        _health.SetStatus(ExtProcServiceName, status);
    }
}
