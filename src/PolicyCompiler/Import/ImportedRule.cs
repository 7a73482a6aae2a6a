namespace Hush.PolicyCompiler.Import;

/// <summary>One rule translated from a foreign format, before it is written as policy YAML.</summary>
internal sealed class ImportedRule
{
    /// <summary>Id in our grammar, already prefixed and unique.</summary>
    public required string Id { get; init; }

    /// <summary>Human description (the source's name or description).</summary>
    public string Description { get; init; } = "";

    /// <summary>The source pattern, unchanged.</summary>
    public required string Pattern { get; init; }

    /// <summary>Capture group number that is the secret; null for the whole match.</summary>
    public int? SecretGroup { get; init; }

    /// <summary>Keywords one of which a match must contain; empty for none.</summary>
    public IReadOnlyList<string> Keywords { get; init; } = [];

    /// <summary>Minimum Shannon entropy of the secret; null or 0 for none.</summary>
    public double? MinEntropy { get; init; }

    /// <summary>Allow-list literals (a secret containing one is exempt).</summary>
    public List<string> AllowLiterals { get; } = [];

    /// <summary>Allow-list patterns (a secret one matches is exempt).</summary>
    public List<string> AllowRegexes { get; } = [];

    /// <summary>Longest match in bytes, written only for unbounded patterns.</summary>
    public int? MaxLength { get; init; }
}
