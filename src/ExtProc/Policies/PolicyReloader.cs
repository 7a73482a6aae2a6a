using Hush.ExtProc.Hosting;
using Hush.ExtProc.Metrics;
using Microsoft.Extensions.Options;

namespace Hush.ExtProc.Policies;

/// <summary>
/// Loads every configured artifact (the default policy and one per route) at start-up and, when watching, swaps in
/// each new valid version. File-system watchers react fast; a poll of path, size and time stamp catches what
/// watchers miss (Kubernetes ConfigMap symlink swaps, bind mounts). A bad artifact never replaces a good one.
/// </summary>
internal sealed class PolicyReloader : BackgroundService
{
    private readonly PolicyStore _store;
    private readonly HushOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<PolicyReloader> _logger;
    private readonly HushMetrics _metrics;
    private readonly PolicyWatch[] _watches;
    private readonly byte[]? _placeholderKey;
    private readonly SemaphoreSlim _changed = new(0, 1);

    /// <summary>Creates the reloader.</summary>
    public PolicyReloader(PolicyStore store, IOptions<HushOptions> options, TimeProvider time, ILogger<PolicyReloader> logger,
        HushMetrics metrics)
    {
        _store = store;
        _options = options.Value;
        _time = time;
        _logger = logger;
        _metrics = metrics;
        _placeholderKey = PlaceholderKey.From(_options).Bytes;
        var watches = new List<PolicyWatch> { new(null, _options.PolicyPath) };
        foreach (var route in _options.Routes)
        {
            watches.Add(new PolicyWatch(route.Name, route.PolicyPath));
        }

        _watches = [.. watches];
    }

    /// <summary>
    /// Loads the policies before the server accepts traffic. Throws <see cref="PolicyLoadException"/> when an
    /// artifact is missing or bad and <see cref="HushOptions.StartWithoutPolicy"/> is off.
    /// </summary>
    public override Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var watch in _watches)
        {
            try
            {
                var stamp = watch.Stamp();
                Install(watch, PolicyLoader.Load(watch.Path, _time, _placeholderKey));
                watch.LastStamp = stamp;
            }
            catch (PolicyLoadException ex)
            {
                _metrics.Reloads.WithLabels("error").Inc();
                _metrics.Errors.WithLabels("policy").Inc();
                if (!_options.StartWithoutPolicy)
                {
                    Log.PolicyMissingAtStartup(_logger, ex.Message);
                    throw;
                }

                Log.StartingWithoutPolicy(_logger, ex.Message);
            }
        }

        return _options.WatchPolicy ? base.StartAsync(cancellationToken) : Task.CompletedTask;
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var watchers = CreateWatchers();
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    await _changed.WaitAsync(_options.PolicyPollInterval, stoppingToken).ConfigureAwait(false);

                    // Writers rarely replace a file in one step; a short settle delay avoids reading it half-written.
                    await Task.Delay(TimeSpan.FromMilliseconds(50), _time, stoppingToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                TryReload();
            }
        }
        finally
        {
            foreach (var watcher in watchers)
            {
                watcher.Dispose();
            }
        }
    }

    /// <summary>Checks every artifact now and swaps in those that changed and are valid. Returns how many were installed.</summary>
    internal int TryReload()
    {
        var installed = 0;
        foreach (var watch in _watches)
        {
            installed += TryReload(watch) ? 1 : 0;
        }

        return installed;
    }

    private bool TryReload(PolicyWatch watch)
    {
        var stamp = watch.Stamp();
        if (stamp is null || stamp == watch.LastStamp || stamp == watch.LastRejectedStamp)
        {
            return false;
        }

        try
        {
            var loaded = PolicyLoader.Load(watch.Path, _time, _placeholderKey);
            watch.LastStamp = stamp;
            if (loaded.ArtifactSha256 == watch.LastSha)
            {
                _metrics.Reloads.WithLabels("unchanged").Inc();
                return false;
            }

            Install(watch, loaded);
            return true;
        }
        catch (PolicyLoadException ex)
        {
            watch.LastRejectedStamp = stamp;
            _metrics.Reloads.WithLabels("error").Inc();
            _metrics.Errors.WithLabels("policy").Inc();
            Log.PolicyReloadRejected(_logger, ex.Message);
            return false;
        }
    }

    private void Install(PolicyWatch watch, LoadedPolicy loaded)
    {
        _store.Swap(watch.Route, loaded);
        watch.LastSha = loaded.ArtifactSha256;
        watch.LastRejectedStamp = null;
        _metrics.Reloads.WithLabels("loaded").Inc();
        Log.PolicyLoaded(_logger, loaded.Policy.Name, loaded.Policy.Version, watch.Path, loaded.ArtifactSha256,
            loaded.Policy.Rules.Count, loaded.HoldBackBound);
        if (loaded.UsesPlaceholderKey && _placeholderKey is null)
        {
            Log.PlaceholderKeyMissing(_logger, watch.Path);
        }

        if (loaded.HoldBackBound > _options.MaxHeldBackBytes)
        {
            Log.HoldBackOverLimit(_logger, loaded.HoldBackBound, _options.MaxHeldBackBytes);
        }
    }

    private List<FileSystemWatcher> CreateWatchers()
    {
        var watchers = new List<FileSystemWatcher>();
        var folders = new HashSet<string>(StringComparer.Ordinal);
        foreach (var watch in _watches)
        {
            var folder = Path.GetDirectoryName(Path.GetFullPath(watch.Path));
            if (folder is null || !Directory.Exists(folder) || !folders.Add(folder))
            {
                continue;
            }

            var watcher = new FileSystemWatcher(folder)
            {
                NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.CreationTime,
                IncludeSubdirectories = false,
            };
            watcher.Changed += OnFileEvent;
            watcher.Created += OnFileEvent;
            watcher.Renamed += OnFileEvent;
            watcher.EnableRaisingEvents = true;
            watchers.Add(watcher);
        }

        return watchers;
    }

    private void OnFileEvent(object sender, FileSystemEventArgs e)
    {
        if (_changed.CurrentCount == 0)
        {
            try
            {
                _changed.Release();
            }
            catch (SemaphoreFullException)
            {
            }
        }
    }

    /// <inheritdoc />
    public override void Dispose()
    {
        _changed.Dispose();
        base.Dispose();
    }
}
