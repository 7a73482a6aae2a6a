using System.Collections.Concurrent;

namespace Hush.MockLlm;

/// <summary>
/// The scripts of one running server, changeable while it runs: a default, named scripts selected per request by
/// the <c>x-mock-script</c> header, and per-path scripts. Resolution order: header, path, default.
/// </summary>
public sealed class MockScriptRegistry
{
    /// <summary>Request header that names the script for one request.</summary>
    public const string HeaderName = "x-mock-script";

    private readonly ConcurrentDictionary<string, MockScript> _named = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, MockScript> _byPath = new(StringComparer.Ordinal);
    private volatile MockScript _default;

    /// <summary>Creates a registry answering with <paramref name="defaultScript"/> when nothing more specific applies.</summary>
    public MockScriptRegistry(MockScript defaultScript)
    {
        ArgumentNullException.ThrowIfNull(defaultScript);
        _default = defaultScript;
    }

    /// <summary>Script used when neither the header nor the path selects one.</summary>
    public MockScript Default
    {
        get => _default;
        set => _default = value ?? throw new ArgumentNullException(nameof(value));
    }

    /// <summary>Adds or replaces the script selected by <c>x-mock-script: <paramref name="name"/></c>.</summary>
    public void Set(string name, MockScript script)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(script);
        _named[name] = script;
    }

    /// <summary>Adds or replaces the script for requests to <paramref name="path"/> (e.g. <c>/v1/messages</c>).</summary>
    public void SetForPath(string path, MockScript script)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(script);
        _byPath[path] = script;
    }

    /// <summary>Removes a named script; returns whether it existed.</summary>
    public bool Remove(string name) => _named.TryRemove(name, out _);

    /// <summary>Removes a path script; returns whether it existed.</summary>
    public bool RemoveForPath(string path) => _byPath.TryRemove(path, out _);

    /// <summary>Looks up a named script.</summary>
    public bool TryGet(string name, out MockScript script)
    {
        if (_named.TryGetValue(name, out var found))
        {
            script = found;
            return true;
        }

        script = _default;
        return false;
    }

    /// <summary>
    /// Picks the script for a request; false when the header names an unknown script (the server answers 400 so a
    /// typo in a test is loud rather than silently served by the default).
    /// </summary>
    internal bool TryResolve(string path, string? headerName, out MockScript script)
    {
        if (!string.IsNullOrEmpty(headerName))
        {
            return TryGet(headerName, out script);
        }

        script = _byPath.TryGetValue(path, out var byPath) ? byPath : _default;
        return true;
    }
}
