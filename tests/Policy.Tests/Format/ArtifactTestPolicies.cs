using System.Security.Cryptography;
using System.Text;
using Hush.Policy.Automata;
using Hush.Policy.Rules;

namespace Hush.Policy.Tests.Format;

/// <summary>Hand-built, deterministic policies and automata for artifact tests.</summary>
internal static class ArtifactTestPolicies
{
    /// <summary>A 3-state automaton over classes {other, 'a', 'b'}: dead, start, accepting.</summary>
    public static Dfa ThreeState()
    {
        var classes = new byte[256];
        classes['a'] = 1;
        classes['b'] = 2;

        // Stride 4 (3 classes + end of input); ids are premultiplied: start = 4, accept = 8.
        int[] transitions =
        [
            0, 0, 0, 0,
            4, 8, 4, 4,
            4, 8, 4, 0,
        ];
        StateFlags[] flags = [StateFlags.None, StateFlags.Start, StateFlags.Accepting | StateFlags.SecretLive];
        return new Dfa(classes, 3, 2, transitions, flags, 12, [4, 4, 4, 4]);
    }

    /// <summary>A random automaton that passes <see cref="Dfa.Validate"/>.</summary>
    public static Dfa RandomDfa(Random random, int states, int classCount)
    {
        var strideLog2 = 1;
        while ((1 << strideLog2) < classCount + 1)
        {
            strideLog2++;
        }

        var classes = new byte[256];
        for (var b = 0; b < 256; b++)
        {
            classes[b] = (byte)(b < classCount ? b : random.Next(classCount));
        }

        var transitions = new int[states << strideLog2];
        for (var i = 1 << strideLog2; i < transitions.Length; i++)
        {
            transitions[i] = random.Next(states) << strideLog2;
        }

        var special = Math.Min(states, 1 + random.Next(8));
        var flags = new StateFlags[states];
        for (var s = 1; s < special; s++)
        {
            flags[s] = (StateFlags)random.Next(8);
        }

        var starts = new int[4];
        for (var k = 0; k < starts.Length; k++)
        {
            starts[k] = random.Next(states) << strideLog2;
        }

        return new Dfa(classes, classCount, strideLog2, transitions, flags, special << strideLog2, starts);
    }

    /// <summary>The policy stored in <c>tests/testdata/golden/handmade-v1.hushpolicy</c>: never change it.</summary>
    public static CompiledPolicy Handmade()
    {
        var shared = ThreeState();
        var wide = RandomDfa(new Random(1234), 9, 20);
        CompiledRule[] rules =
        [
            new()
            {
                Id = "demo-token",
                Description = "Demo token with a prefix — non-ASCII description ✓",
                Action = RuleAction.Mask,
                Direction = RuleDirection.Both,
                Replacement = "{keep:4}[MASKED:{id}:{len}]",
                ConfirmPattern = "demo_(ab+)",
                SecretGroup = 1,
                MinEntropy = 3.25,
                AllowLiterals = ["EXAMPLE", "xxxx"],
                AllowPatterns = [@"\$\{[A-Z_]+\}"],
                Keywords = ["demo_"],
                Validator = ValidatorKind.GithubCrc32,
                MaxMatchLength = 45,
                MaxSecretLength = 40,
                Automaton = shared,
                ExactAutomaton = true,
                Prefilter = new RulePrefilter(["demo_"u8.ToArray(), [0x00, 0xFF, (byte)'q']], 0),
            },
            new()
            {
                Id = "hold-destroy",
                Action = RuleAction.Hold,
                Direction = RuleDirection.Request,
                Reason = "destructive infrastructure command",
                Approvers = ["sre", "security"],
                ConfirmPattern = @"terraform\s+destroy",
                MaxMatchLength = 200,
                MaxSecretLength = 200,
                Automaton = wide,
                ExactAutomaton = false,
                Prefilter = new RulePrefilter(["destroy"u8.ToArray()], 120, 14, LookBackSet("-0123456789")),
            },
            new()
            {
                Id = "always-on",
                Direction = RuleDirection.Response,
                ConfirmPattern = "[a-z]{8}",
                Validator = ValidatorKind.Luhn,
                MinEntropy = 8.0,
                MaxMatchLength = 8,
                MaxSecretLength = 8,
                Automaton = shared,
                Prefilter = RulePrefilter.AlwaysOnFilter,
            },
        ];
        return new CompiledPolicy
        {
            Name = "handmade",
            Version = "1.0.0",
            SourceSha256 = SHA256.HashData(Encoding.UTF8.GetBytes("handmade policy source v1\n")),
            Rules = rules,
        };
    }

    /// <summary>A policy of <paramref name="ruleCount"/> rules, each with its own random automaton.</summary>
    public static CompiledPolicy Synthetic(int ruleCount, int states, int classCount, int seed)
    {
        var random = new Random(seed);
        var rules = new CompiledRule[ruleCount];
        for (var i = 0; i < rules.Length; i++)
        {
            rules[i] = new CompiledRule
            {
                Id = $"synthetic-{i}",
                Description = $"synthetic rule {i}",
                ConfirmPattern = $"tok{i}_[A-Za-z0-9]{{32}}",
                Keywords = [$"tok{i}_"],
                MinEntropy = 3.5,
                MaxMatchLength = 40,
                MaxSecretLength = 32,
                Automaton = RandomDfa(random, states, classCount),
                Prefilter = new RulePrefilter([Encoding.ASCII.GetBytes($"tok{i}_")], 0),
            };
        }

        return new CompiledPolicy
        {
            Name = "synthetic",
            Version = $"{ruleCount}x{states}",
            SourceSha256 = new byte[32],
            Rules = rules,
        };
    }

    /// <summary>The look-back bitset of the bytes in <paramref name="bytes"/> (ASCII).</summary>
    public static byte[] LookBackSet(string bytes)
    {
        var bits = new byte[RulePrefilter.LookBackBitsetLength];
        foreach (var c in bytes)
        {
            bits[c >> 3] |= (byte)(1 << (c & 7));
        }

        return bits;
    }

    /// <summary>Recomputes the trailing checksum so structural validation (not the checksum) sees a mutation.</summary>
    public static void Rechecksum(byte[] data)
    {
        if (data.Length >= 32)
        {
            SHA256.HashData(data.AsSpan(0, data.Length - 32), data.AsSpan(data.Length - 32));
        }
    }
}
