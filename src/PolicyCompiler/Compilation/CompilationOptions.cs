namespace Hush.PolicyCompiler.Compilation;

/// <summary>Bounds on compiling a policy.</summary>
internal sealed record CompilationOptions
{
    /// <summary>Default per-rule DFA state budget.</summary>
    public const int DefaultMaxStates = 4096;

    /// <summary>Largest DFA of one rule, in states; beyond it the rule is relaxed, then rejected.</summary>
    public int MaxStates { get; init; } = DefaultMaxStates;

    /// <summary>Largest Thompson NFA of one rule, in states.</summary>
    public int MaxNfaStates { get; init; } = 100_000;

    /// <summary>Largest total automaton table memory of the whole policy, in bytes.</summary>
    public long MaxTotalTableBytes { get; init; } = 256L << 20;

    /// <summary>Wall-clock bound on the whole compilation; rules not started when it expires are reported.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Parallelism for compiling rules; -1 uses every core.</summary>
    public int MaxDegreeOfParallelism { get; init; } = -1;
}
