namespace Hush.ExtProc.Policies;

/// <summary>One artifact the reloader watches: the default policy (route null) or one route's.</summary>
internal sealed class PolicyWatch
{
    /// <summary>Creates the watch of <paramref name="path"/> for <paramref name="route"/>.</summary>
    public PolicyWatch(string? route, string path)
    {
        Route = route;
        Path = path;
    }

    /// <summary>Route name, or null for the default policy.</summary>
    public string? Route { get; }

    /// <summary>Artifact path.</summary>
    public string Path { get; }

    /// <summary>Path, size and time of the artifact last loaded.</summary>
    public string? LastStamp { get; set; }

    /// <summary>Stamp of the last artifact rejected (not retried until it changes).</summary>
    public string? LastRejectedStamp { get; set; }

    /// <summary>SHA-256 of the artifact in use.</summary>
    public string? LastSha { get; set; }

    /// <summary>Reads the artifact's identity stamp (link target, size, modification time); null when missing.</summary>
    public string? Stamp()
    {
        try
        {
            var info = new FileInfo(Path);
            if (!info.Exists)
            {
                return null;
            }

            // Resolve symlinks so an atomic link swap (..data -> new folder) changes the stamp.
            var target = info.ResolveLinkTarget(returnFinalTarget: true) as FileInfo ?? info;
            return $"{target.FullName}|{target.Length}|{target.LastWriteTimeUtc.Ticks}";
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}
