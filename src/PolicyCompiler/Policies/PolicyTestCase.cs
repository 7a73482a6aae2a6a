using Hush.Policy.Rules;

namespace Hush.PolicyCompiler.Policies;

/// <summary>An inline <c>tests:</c> case for <c>hushc test</c>.</summary>
internal sealed class PolicyTestCase
{
    /// <summary>Optional name; the position is used when absent.</summary>
    public string? Name { get; init; }

    /// <summary>The text run through the matcher.</summary>
    public required string Input { get; init; }

    /// <summary>Request or response.</summary>
    public RuleDirection Direction { get; init; } = RuleDirection.Response;

    /// <summary>The expected masked output, or null when <see cref="ExpectHold"/> is given.</summary>
    public string? Expect { get; init; }

    /// <summary>Ids of the hold rules that must fire, or null when <see cref="Expect"/> is given.</summary>
    public IReadOnlyList<string>? ExpectHold { get; init; }

    /// <summary>Position of the case.</summary>
    public SourcePosition Position { get; init; }

    /// <summary>The name, or a name made from the position.</summary>
    public string DisplayName => Name ?? $"test at line {Position.Line}";
}
