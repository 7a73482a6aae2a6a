namespace Hush.Policy.Rules;

/// <summary>
/// How the literal prefilter wakes a rule's automaton: every match of the rule contains one of
/// <see cref="Literals"/>, and starts at most <see cref="MaxPrefix"/> bytes before that literal.
/// </summary>
/// <remarks>
/// The matcher releases bytes before a literal it has not seen yet, so normally the compiler only emits literals
/// when no byte of the secret group can precede the literal's start. A literal may still be used when at most
/// <see cref="LookBack"/> secret bytes, each one of <see cref="LookBackBytes"/>, can precede it: the matcher then
/// always holds the trailing run of such bytes (up to <see cref="LookBack"/>), so the secret's head is still
/// unreleased when the literal arrives. With no literal at all the rule is <see cref="AlwaysOn"/> and its
/// automaton scans every byte (skipping runs that keep it in the start state).
/// </remarks>
public sealed class RulePrefilter
{
    /// <summary>Bytes in the <see cref="LookBackBytes"/> bitset (one bit per byte value).</summary>
    public const int LookBackBitsetLength = 32;

    /// <summary>A prefilter for a rule that has no usable literal.</summary>
    public static RulePrefilter AlwaysOnFilter { get; } = new([], 0);

    /// <summary>Creates a prefilter description without look-back.</summary>
    public RulePrefilter(byte[][] literals, int maxPrefix)
        : this(literals, maxPrefix, 0, new byte[LookBackBitsetLength])
    {
    }

    /// <summary>Creates a prefilter description whose literal may follow up to <paramref name="lookBack"/> secret bytes.</summary>
    /// <param name="literals">The required literals, ASCII-lower-cased.</param>
    /// <param name="maxPrefix">Largest distance from match start to literal start.</param>
    /// <param name="lookBack">K: most secret bytes that can precede the literal's start (0: none).</param>
    /// <param name="lookBackBytes">
    /// A <see cref="LookBackBitsetLength"/>-byte bitset (bit <c>b &amp; 7</c> of byte <c>b &gt;&gt; 3</c>) of the bytes
    /// those K positions can hold.
    /// </param>
    public RulePrefilter(byte[][] literals, int maxPrefix, int lookBack, byte[] lookBackBytes)
    {
        ArgumentNullException.ThrowIfNull(lookBackBytes);
        ArgumentOutOfRangeException.ThrowIfNegative(lookBack);
        if (lookBackBytes.Length != LookBackBitsetLength)
        {
            throw new ArgumentException($"the look-back bitset must be {LookBackBitsetLength} bytes", nameof(lookBackBytes));
        }

        Literals = literals;
        MaxPrefix = maxPrefix;
        LookBack = lookBack;
        LookBackBytes = lookBackBytes;
    }

    /// <summary>
    /// Required literals, ASCII-lower-cased (the prefilter matches them ignoring ASCII case; the automaton then
    /// decides). Empty when the rule is always on.
    /// </summary>
    public byte[][] Literals { get; }

    /// <summary>Largest distance from the start of a match to the start of the literal occurrence in it.</summary>
    public int MaxPrefix { get; }

    /// <summary>K: the most secret bytes that can come before the literal's start (0: the secret never precedes it).</summary>
    public int LookBack { get; }

    /// <summary>Bitset of the bytes that can occur in the <see cref="LookBack"/> secret positions before the literal.</summary>
    public byte[] LookBackBytes { get; }

    /// <summary>Whether the rule's automaton runs over all input instead of being woken by literals.</summary>
    public bool AlwaysOn => Literals.Length == 0;

    /// <summary>Whether <paramref name="value"/> is in <see cref="LookBackBytes"/>.</summary>
    public bool CanPrecede(byte value) => (LookBackBytes[value >> 3] & (1 << (value & 7))) != 0;
}
