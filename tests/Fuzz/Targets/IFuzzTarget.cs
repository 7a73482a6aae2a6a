namespace Hush.Fuzz.Targets;

/// <summary>One fuzzing target: a function over arbitrary bytes whose only allowed outcomes are documented.</summary>
/// <remarks>
/// <see cref="Run"/> returns normally for every allowed outcome (success or the documented error type); any
/// exception that escapes it (including <see cref="FuzzOracleException"/> for a violated oracle) is a finding,
/// which AFL records as a crash and the replay tests report as a failure.
/// </remarks>
internal interface IFuzzTarget
{
    /// <summary>The command-line name (<c>regex</c>, <c>policy</c>, …).</summary>
    string Name { get; }

    /// <summary>Inputs are truncated to this many bytes, bounding the work of one execution.</summary>
    int MaxInputLength { get; }

    /// <summary>Runs one input; throws only when the input reveals a bug.</summary>
    void Run(ReadOnlySpan<byte> input);
}
