namespace Hush.Policy.Format;

/// <summary>
/// Field offsets inside one 128-byte rule record. String fields are u32 indexes into the strings section; list
/// fields are a u32 start and a u32 count in the lists section, whose entries index strings (or, for
/// <see cref="PrefilterLiterals"/>, blobs).
/// </summary>
public static class ArtifactRuleRecord
{
    /// <summary>Rule id (string).</summary>
    public const int Id = 0;

    /// <summary>Description (string).</summary>
    public const int Description = 4;

    /// <summary>Replacement template (string).</summary>
    public const int Replacement = 8;

    /// <summary>Hold reason (string).</summary>
    public const int Reason = 12;

    /// <summary>Confirmation pattern (string).</summary>
    public const int ConfirmPattern = 16;

    /// <summary>Approvers (string list: start, count).</summary>
    public const int Approvers = 20;

    /// <summary>Allow literals (string list).</summary>
    public const int AllowLiterals = 28;

    /// <summary>Allow patterns (string list).</summary>
    public const int AllowPatterns = 36;

    /// <summary>Keywords (string list).</summary>
    public const int Keywords = 44;

    /// <summary>Prefilter literals (blob list).</summary>
    public const int PrefilterLiterals = 52;

    /// <summary>Prefilter maximum prefix (i32).</summary>
    public const int PrefilterMaxPrefix = 60;

    /// <summary>Maximum match length (i32).</summary>
    public const int MaxMatchLength = 64;

    /// <summary>Maximum secret length (i32).</summary>
    public const int MaxSecretLength = 68;

    /// <summary>Minimum entropy (IEEE 754 binary64), 8-aligned.</summary>
    public const int MinEntropy = 72;

    /// <summary>Automaton index (u32) into the automata section.</summary>
    public const int Automaton = 80;

    /// <summary>Action (u8).</summary>
    public const int Action = 84;

    /// <summary>Direction (u8, flags).</summary>
    public const int Direction = 85;

    /// <summary>Validator (u8).</summary>
    public const int Validator = 86;

    /// <summary>Secret group (u8).</summary>
    public const int SecretGroup = 87;

    /// <summary>Exact-automaton flag (u8, 0 or 1).</summary>
    public const int ExactAutomaton = 88;

    /// <summary>First of the three reserved bytes before <see cref="PrefilterLookBack"/> (all zero).</summary>
    public const int Reserved = 89;

    /// <summary>Prefilter look-back K (i32): most secret bytes that can precede the literal.</summary>
    public const int PrefilterLookBack = 92;

    /// <summary>Prefilter look-back byte set (32-byte bitset, bit <c>b &amp; 7</c> of byte <c>b &gt;&gt; 3</c>); ends the record.</summary>
    public const int PrefilterLookBackBytes = 96;
}
