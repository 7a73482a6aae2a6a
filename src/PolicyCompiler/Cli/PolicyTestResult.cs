using Hush.PolicyCompiler.Policies;

namespace Hush.PolicyCompiler.Cli;

/// <summary>The outcome of one <c>tests:</c> case.</summary>
/// <param name="Case">The case.</param>
/// <param name="Passed">Whether it passed.</param>
/// <param name="Actual">The masked output.</param>
/// <param name="FiredHolds">Ids of the hold rules that fired, in order of first firing.</param>
internal sealed record PolicyTestResult(PolicyTestCase Case, bool Passed, string Actual, IReadOnlyList<string> FiredHolds);
