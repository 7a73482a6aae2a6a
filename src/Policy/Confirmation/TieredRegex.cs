using System.Text.RegularExpressions;

namespace Hush.Policy.Confirmation;

/// <summary>
/// A confirmation regex that starts interpreted and is replaced by a <see cref="RegexOptions.Compiled"/> one once it
/// has been used <see cref="CompileAfter"/> times. Compiled confirm patterns ran the gitleaks rule set ~1.3× faster
/// (the interpreter was the largest single cost), but compiling all of a policy's patterns up front costs
/// milliseconds per rule, most of which never see a candidate. Thread-safe; shared by every stream.
/// </summary>
/// <remarks>
/// The compiled form is built on the thread pool while callers keep using the interpreted one, so no stream waits
/// for the compiler and no <c>Write</c> allocates for it.
/// </remarks>
internal sealed class TieredRegex : IThreadPoolWorkItem
{
    /// <summary>Uses after which the compiled form is built.</summary>
    public const int CompileAfter = 64;

    private readonly string _pattern;
    private readonly TimeSpan _timeout;
    private Regex? _interpreted;
    private Regex? _compiled;
    private int _uses;

    /// <summary>Creates the regex lazily from <paramref name="pattern"/> (CultureInvariant) with a match timeout.</summary>
    public TieredRegex(string pattern, TimeSpan timeout)
    {
        _pattern = pattern;
        _timeout = timeout;
    }

    /// <summary>Whether the compiled form is in use.</summary>
    public bool IsCompiled => Volatile.Read(ref _compiled) is not null;

    /// <summary>The regex to run now (built on first use; compiled after enough uses).</summary>
    public Regex Get()
    {
        var compiled = Volatile.Read(ref _compiled);
        if (compiled is not null)
        {
            return compiled;
        }

        // Exactly one caller queues the compilation; everyone interprets until it is published.
        if (Interlocked.Increment(ref _uses) == CompileAfter)
        {
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
        }

        return Interpreted();
    }

    /// <summary>The interpreted form, which also validates the pattern.</summary>
    public Regex Interpreted()
    {
        var regex = Volatile.Read(ref _interpreted);
        if (regex is null)
        {
            regex = new Regex(_pattern, RegexOptions.CultureInvariant, _timeout);
            regex = Interlocked.CompareExchange(ref _interpreted, regex, null) ?? regex;
        }

        return regex;
    }

    /// <summary>Builds and publishes the compiled form (runs on the thread pool).</summary>
    void IThreadPoolWorkItem.Execute()
    {
        try
        {
            Volatile.Write(ref _compiled, new Regex(_pattern, RegexOptions.CultureInvariant | RegexOptions.Compiled, _timeout));
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or NotSupportedException)
        {
            // The interpreted form keeps working; compilation is only an optimisation.
        }
    }
}
