using Hush.ExtProc.Identity;

namespace Hush.ExtProc.Policies;

/// <summary>Picks the policy of a request from the configured routes (first match wins), else the default.</summary>
internal sealed class RouteSelector
{
    private readonly RoutePolicyOptions[] _routes;

    /// <summary>Creates the selector over <paramref name="routes"/> in configuration order.</summary>
    public RouteSelector(IReadOnlyList<RoutePolicyOptions> routes) => _routes = [.. routes];

    /// <summary>The route options named <paramref name="name"/>.</summary>
    public RoutePolicyOptions? Find(string name)
    {
        foreach (var route in _routes)
        {
            if (route.Name == name)
            {
                return route;
            }
        }

        return null;
    }

    /// <summary>True when no route is configured (every request uses the default policy).</summary>
    public bool IsEmpty => _routes.Length == 0;

    /// <summary>The name of the first route matching the request, or null for the default policy.</summary>
    public string? Select(string? path, string? authority, CallerIdentity? identity)
    {
        foreach (var route in _routes)
        {
            if (route.PathPrefix is { Length: > 0 } prefix && (path is null || !path.StartsWith(prefix, StringComparison.Ordinal)))
            {
                continue;
            }

            if (route.Authority is { Length: > 0 } host && !HostEquals(authority, host))
            {
                continue;
            }

            if (route.Audience is { Length: > 0 } audience && (identity is null || !identity.Audiences.Contains(audience)))
            {
                continue;
            }

            if (route.Group is { Length: > 0 } group && (identity is null || !identity.Groups.Contains(group)))
            {
                continue;
            }

            return route.Name;
        }

        return null;
    }

    private static bool HostEquals(string? authority, string host)
    {
        if (authority is null)
        {
            return false;
        }

        var colon = authority.LastIndexOf(':');
        var name = colon > 0 && !authority.EndsWith(']') ? authority[..colon] : authority;
        return name.Equals(host, StringComparison.OrdinalIgnoreCase);
    }
}
