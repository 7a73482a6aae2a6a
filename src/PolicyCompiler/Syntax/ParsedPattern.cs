namespace Hush.PolicyCompiler.Syntax;

/// <summary>The result of <see cref="RegexParser.Parse"/>.</summary>
/// <param name="Root">The pattern's tree; flags are already applied (no flag nodes remain).</param>
/// <param name="GroupCount">Number of capturing groups, numbered 1..GroupCount by opening parenthesis.</param>
/// <param name="GroupNames">Named groups and their indices.</param>
internal sealed record ParsedPattern(RegexNode Root, int GroupCount, IReadOnlyDictionary<string, int> GroupNames);
