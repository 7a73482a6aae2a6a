using System.Buffers;
using Hush.Policy.Rules;

namespace Hush.Policy.Matching;

/// <summary>
/// The matcher of one compiled policy for one traffic direction: the shared literal prefilter, every applicable
/// rule's unpacked automaton, confirmer and replacement. Immutable and thread-safe; create one
/// <see cref="StreamingMatcher"/> per stream.
/// </summary>
public sealed class PolicyMatcher
{
    /// <summary>Time budget of one confirm-pattern run; past it the candidate is masked (fail closed).</summary>
    public static readonly TimeSpan DefaultConfirmTimeout = TimeSpan.FromMilliseconds(250);

    /// <summary>Builds the matcher of <paramref name="policy"/> for rules that apply to <paramref name="direction"/>.</summary>
    public PolicyMatcher(CompiledPolicy policy, RuleDirection direction)
        : this(policy, direction, DefaultConfirmTimeout)
    {
    }

    /// <summary>Builds the matcher with a custom confirmation time budget.</summary>
    public PolicyMatcher(CompiledPolicy policy, RuleDirection direction, TimeSpan confirmTimeout)
        : this(policy, direction, confirmTimeout, s_processKey)
    {
    }

    /// <summary>
    /// Builds the matcher with the deployment's placeholder key for <c>{hmac}</c> replacements (every replica must
    /// use the same key so one secret gets one placeholder everywhere). Without a key a random per-process key is used.
    /// </summary>
    public PolicyMatcher(CompiledPolicy policy, RuleDirection direction, TimeSpan confirmTimeout, ReadOnlyMemory<byte> placeholderKey)
    {
        ArgumentNullException.ThrowIfNull(policy);
        PlaceholderKey = placeholderKey;
        Policy = policy;
        Direction = direction;
        var rules = new List<MatcherRule>();
        var literalRules = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var literalOrder = new List<(string Key, byte[] Literal)>();
        var alwaysOn = new List<int>();
        var lookBack = new List<int>();
        var runRules = new List<int>();
        for (var i = 0; i < policy.Rules.Count; i++)
        {
            var rule = policy.Rules[i];
            if ((rule.Direction & direction) == 0)
            {
                continue;
            }

            var local = rules.Count;
            var matcherRule = new MatcherRule(rule, i, confirmTimeout);
            rules.Add(matcherRule);
            MaxMatchLength = Math.Max(MaxMatchLength, matcherRule.MaxMatchLength);
            if (matcherRule.AlwaysOn)
            {
                alwaysOn.Add(local);
                continue;
            }

            if (matcherRule.Run is { } run)
            {
                runRules.Add(local);
                RunReach = Math.Max(RunReach, matcherRule.MaxPrefix + run.Length);
                continue;
            }

            MaxPrefix = Math.Max(MaxPrefix, matcherRule.MaxPrefix);
            if (matcherRule.LookBack > 0)
            {
                lookBack.Add(local);
                MaxLookBack = Math.Max(MaxLookBack, matcherRule.LookBack);
            }

            foreach (var raw in rule.Prefilter.Literals)
            {
                var literal = new byte[raw.Length];
                for (var b = 0; b < raw.Length; b++)
                {
                    literal[b] = Confirmation.SecretChecks.ToLowerAscii(raw[b]);
                }

                var key = Convert.ToHexString(literal);
                if (!literalRules.TryGetValue(key, out var list))
                {
                    literalRules[key] = list = [];
                    literalOrder.Add((key, literal));
                }

                if (!list.Contains(local))
                {
                    list.Add(local);
                }
            }
        }

        Rules = [.. rules];
        OriginIndex = new int[rules.Count];
        for (var r = 0; r < rules.Count; r++)
        {
            OriginIndex[r] = !rules[r].AlwaysOn && rules[r].Run is null && HasInnerLiteral(rules[r].Literals) ? NestedRuleCount++ : -1;
        }

        AlwaysOnRules = [.. alwaysOn];
        LookBackRules = [.. lookBack];
        RunRules = [.. runRules];
        if (literalOrder.Count > 0)
        {
            var literals = new List<(byte[] Literal, int[] Rules)>(literalOrder.Count);
            foreach (var (key, literal) in literalOrder)
            {
                literals.Add((literal, [.. literalRules[key]]));
            }

            Prefilter = new LiteralPrefilter(literals);
        }
    }

    /// <summary>
    /// Whether one literal occurs inside another after its first byte and ends before its last (ASCII case ignored,
    /// as the prefilter matches): "token" in "x_token_id". The inner one is then found, and wakes the rule, a write
    /// or more before the outer one that starts earlier, so hits of such a rule can arrive out of position order.
    /// </summary>
    internal static bool HasInnerLiteral(byte[][] literals)
    {
        foreach (var outer in literals)
        {
            foreach (var inner in literals)
            {
                for (var k = 1; k + inner.Length < outer.Length; k++)
                {
                    if (inner.Length > 0 && Confirmation.SecretChecks.EqualsIgnoreAsciiCase(outer.AsSpan(k, inner.Length), inner))
                    {
                        return true;
                    }
                }
            }
        }

        return false;
    }

    // Used when no key is configured: placeholders are then stable within one process only.
    private static readonly byte[] s_processKey = System.Security.Cryptography.RandomNumberGenerator.GetBytes(32);

    /// <summary>Key of <c>{hmac}</c> placeholders (never written anywhere).</summary>
    internal ReadOnlyMemory<byte> PlaceholderKey { get; }

    /// <summary>True when a rule's replacement has a <c>{hmac}</c> placeholder.</summary>
    public bool UsesPlaceholderKey
    {
        get
        {
            foreach (var rule in Rules)
            {
                if (rule.Replacement.UsesHmac)
                {
                    return true;
                }
            }

            return false;
        }
    }

    /// <summary>The policy this matcher runs.</summary>
    public CompiledPolicy Policy { get; }

    /// <summary>The traffic direction whose rules this matcher runs.</summary>
    public RuleDirection Direction { get; }

    /// <summary>The rules that apply to <see cref="Direction"/>, in policy order (local index = position).</summary>
    internal MatcherRule[] Rules { get; }

    /// <summary>Local indices of the rules that scan every byte.</summary>
    internal int[] AlwaysOnRules { get; }

    /// <summary>Local indices of the prefiltered rules whose secret may start before their literal (K &gt; 0).</summary>
    internal int[] LookBackRules { get; }

    /// <summary>Local indices of the rules without literals that wake on runs of bytes (<see cref="MatcherRule.Run"/>).</summary>
    internal int[] RunRules { get; }

    /// <summary>
    /// Per local rule, its index among the rules with an inner literal (see <see cref="HasInnerLiteral"/>), or -1:
    /// only those can see a literal hit arrive after a later one, so only they track where their scan began.
    /// </summary>
    internal int[] OriginIndex { get; }

    /// <summary>Number of rules with an inner literal.</summary>
    internal int NestedRuleCount { get; }

    /// <summary>
    /// Largest n + (L − n) over the run-woken rules: how far before the end of the input a run hit of the next
    /// write can wake a rule, so how many bytes a stream keeps for them.
    /// </summary>
    internal int RunReach { get; }

    /// <summary>Largest look-back K over the rules: the most bytes held only because a literal may still follow.</summary>
    internal int MaxLookBack { get; }

    /// <summary>The literal prefilter, or null when no rule has literals.</summary>
    internal LiteralPrefilter? Prefilter { get; }

    /// <summary>Largest maximum match length over the rules.</summary>
    internal int MaxMatchLength { get; }

    /// <summary>Largest wake distance before a literal over the prefiltered rules.</summary>
    internal int MaxPrefix { get; }

    /// <summary>
    /// Upper bound of <see cref="StreamingMatcher.HeldBytes"/> between calls when confirmed spans of different
    /// rules do not overlap in chains: a pending candidate holds at most 2·L, a confirmed span it overlaps adds
    /// at most L more, a partial literal at most the longest literal, and a look-back run at most K more before it.
    /// </summary>
    public long HoldBackBound => 3L * MaxMatchLength + (Prefilter?.MaxLiteralLength ?? 0) + MaxLookBack + 1;

    /// <summary>Creates the state of a new stream.</summary>
    public StreamingMatcher CreateStream() => new(this);

    /// <summary>Masks a whole input: one <see cref="StreamingMatcher.Write"/> and <see cref="StreamingMatcher.Complete"/>.</summary>
    public byte[] MaskAll(ReadOnlySpan<byte> input)
    {
        var output = new ArrayBufferWriter<byte>(Math.Max(input.Length, 1));
        var stream = CreateStream();
        stream.Write(input, output);
        stream.Complete(output);
        return output.WrittenSpan.ToArray();
    }
}
