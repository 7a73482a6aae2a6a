namespace Hush.Policy.Rules;

/// <summary>
/// How the literal prefilter wakes a rule's automaton: every match of the rule contains one of
/// <see cref="Literals"/>, and starts at most <see cref="MaxPrefix"/> bytes before that literal.
/// </summary>
/// <remarks>
/// The compiler only emits literals for a rule when no byte of the secret group can precede the literal's
/// start; otherwise (or when no literal is required at all) the rule is <see cref="AlwaysOn"/> and its automaton
/// scans every byte (skipping runs that keep it in the start state).
/// </remarks>
public sealed class RulePrefilter
{
    /// <summary>A prefilter for a rule that has no usable literal.</summary>
    public static RulePrefilter AlwaysOnFilter { get; } = new([], 0);

    /// <summary>Creates a prefilter description.</summary>
    public RulePrefilter(byte[][] literals, int maxPrefix)
    {
        Literals = literals;
        MaxPrefix = maxPrefix;
    }

    /// <summary>
    /// Required literals, ASCII-lower-cased (the prefilter matches them ignoring ASCII case; the automaton then
    /// decides). Empty when the rule is always on.
    /// </summary>
    public byte[][] Literals { get; }

    /// <summary>Largest distance from the start of a match to the start of the literal occurrence in it.</summary>
    public int MaxPrefix { get; }

    /// <summary>Whether the rule's automaton runs over all input instead of being woken by literals.</summary>
    public bool AlwaysOn => Literals.Length == 0;
}
