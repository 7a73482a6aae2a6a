using Hush.ExtProc.Approvals;

namespace Hush.ExtProc.Processing;

/// <summary>What a stream processor needs to know about holds (resolved from <see cref="HoldOptions"/> at start-up).</summary>
internal sealed class HoldSettings
{
    /// <summary>Resolves <paramref name="options"/>.</summary>
    public HoldSettings(HoldOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        InlineWindow = options.InlineWindow;
        Expiry = options.Expiry;
        ExcerptContext = options.ExcerptContext;
        FetchPathPrefix = options.FetchPathPrefix.EndsWith('/') ? options.FetchPathPrefix : options.FetchPathPrefix + "/";
        DefaultApprovers = options.DefaultApprovers.ToArray();
        Instance = string.IsNullOrEmpty(options.Instance) ? Environment.MachineName : options.Instance;
        // Room after the window for the store write and the answer itself; validated to fit max_message_timeout.
        var wanted = options.InlineWindow + TimeSpan.FromSeconds(10);
        OverrideTimeout = wanted < options.MaxMessageTimeout ? wanted : options.MaxMessageTimeout;
    }

    /// <summary>How long a stream waits for a decision before deferring.</summary>
    public TimeSpan InlineWindow { get; }

    /// <summary>How long a hold stays pending.</summary>
    public TimeSpan Expiry { get; }

    /// <summary>The <c>override_message_timeout</c> sent while an answer is withheld.</summary>
    public TimeSpan OverrideTimeout { get; }

    /// <summary>Characters of context on each side of the held span in the excerpt.</summary>
    public int ExcerptContext { get; }

    /// <summary>Path prefix of deferred fetches (ends with '/').</summary>
    public string FetchPathPrefix { get; }

    /// <summary>Approver groups of hold rules that name none.</summary>
    public IReadOnlyList<string> DefaultApprovers { get; }

    /// <summary>This replica's name.</summary>
    public string Instance { get; }
}
