using System.Buffers.Binary;
using System.Runtime.InteropServices;
using Hush.Policy.Automata;

namespace Hush.Policy.Format;

/// <summary>Parsing of the automata section: one 8-aligned block per DFA, checked and then <see cref="Dfa.Validate"/>d.</summary>
public static partial class ArtifactReader
{
    /// <summary>Every defined <see cref="StateFlags"/> bit.</summary>
    private const byte DefinedStateFlags = (byte)(StateFlags.Accepting | StateFlags.SecretLive | StateFlags.Start);

    /// <summary>Largest stride exponent: 257 columns (256 classes plus end of input) fit in 512.</summary>
    private const int MaxStrideLog2 = 9;

    private static Dfa[] ReadAutomata(ReadOnlySpan<byte> data, ArtifactSection section, ArtifactSection rules,
        string[] strings)
    {
        if (section.Length < ArtifactFormat.AutomataPreambleLength)
        {
            throw Fail($"automata section is {section.Length} bytes, too short for its preamble", section.Offset);
        }

        var count = U32(data, section.Offset);
        var capacity = (uint)(section.Length - ArtifactFormat.AutomataPreambleLength)
            / ArtifactFormat.MinAutomatonBlockLength;
        if (count > capacity)
        {
            throw Fail($"automata section declares {count} automata, but its {section.Length} bytes can hold at "
                + $"most {capacity}", section.Offset);
        }

        ExpectU32(data, section.Offset + 4, 0, "reserved word of the automata section");
        var automata = count == 0 ? [] : new Dfa[count];
        var position = section.Offset + ArtifactFormat.AutomataPreambleLength;
        for (var i = 0; i < automata.Length; i++)
        {
            automata[i] = ReadAutomaton(data, section, ref position, i, rules, strings);
        }

        ExpectConsumed(section, position, "automaton");
        return automata;
    }

    private static Dfa ReadAutomaton(ReadOnlySpan<byte> data, ArtifactSection section, ref int position, int index,
        ArtifactSection rules, string[] strings)
    {
        var block = position;
        var remaining = section.End - block;
        if (remaining < ArtifactFormat.AutomatonHeaderLength)
        {
            throw Fail($"{AutomatonName(data, rules, strings, index)}: block header is cut off by the end of the "
                + "automata section", block);
        }

        var classCount = U32(data, block);
        if (classCount is < 1 or > 256)
        {
            throw Fail($"{AutomatonName(data, rules, strings, index)}: class count {classCount} is outside 1..256",
                block);
        }

        var strideLog2 = U32(data, block + 4);
        if (strideLog2 is < 1 or > MaxStrideLog2 || (1u << (int)strideLog2) < classCount + 1)
        {
            throw Fail($"{AutomatonName(data, rules, strings, index)}: stride 2^{strideLog2} cannot hold "
                + $"{classCount} classes plus end-of-input", block + 4);
        }

        var stateCount = U32(data, block + 8);
        if (stateCount is < 1 or > Dfa.MaxStates)
        {
            throw Fail($"{AutomatonName(data, rules, strings, index)}: state count {stateCount} is outside "
                + $"1..{Dfa.MaxStates}", block + 8);
        }

        // Sized in 64 bits and compared with what the section still holds before anything is allocated.
        var flagsLength = ((int)stateCount + 3) & ~3;
        var transitionCount = (long)stateCount << (int)strideLog2;
        var blockLength = (ArtifactFormat.AutomatonHeaderLength + flagsLength + transitionCount * sizeof(int) + 7) & ~7L;
        if (blockLength > remaining)
        {
            throw Fail($"{AutomatonName(data, rules, strings, index)}: {stateCount} states with stride "
                + $"{1 << (int)strideLog2} need {blockLength} bytes, but only {remaining} remain in the automata "
                + "section", block + 8);
        }

        var specialLimit = I32(data, block + 12);
        var startStates = new int[4];
        for (var k = 0; k < startStates.Length; k++)
        {
            startStates[k] = I32(data, block + 16 + k * sizeof(int));
        }

        var byteClasses = data.Slice(block + 32, 256).ToArray();
        var flagBytes = data.Slice(block + ArtifactFormat.AutomatonHeaderLength, (int)stateCount);
        var badFlag = flagBytes.IndexOfAnyInRange((byte)(DefinedStateFlags + 1), byte.MaxValue);
        if (badFlag >= 0)
        {
            throw Fail($"{AutomatonName(data, rules, strings, index)}: state {badFlag} has undefined flag bits "
                + $"0x{flagBytes[badFlag]:X2}", block + ArtifactFormat.AutomatonHeaderLength + badFlag);
        }

        var flags = MemoryMarshal.Cast<byte, StateFlags>(flagBytes).ToArray();
        var flagsEnd = block + ArtifactFormat.AutomatonHeaderLength + (int)stateCount;
        var transitionsAt = block + ArtifactFormat.AutomatonHeaderLength + flagsLength;
        ExpectZeroes(data, flagsEnd, transitionsAt, $"{AutomatonName(data, rules, strings, index)}: flag padding");
        var transitions = ReadInt32Table(data.Slice(transitionsAt, (int)transitionCount * sizeof(int)));
        var end = block + (int)blockLength;
        ExpectZeroes(data, transitionsAt + (int)transitionCount * sizeof(int), end,
            $"{AutomatonName(data, rules, strings, index)}: block padding");

        var dfa = new Dfa(byteClasses, (int)classCount, (int)strideLog2, transitions, flags, specialLimit,
            startStates);
        if (dfa.Validate() is { } problem)
        {
            throw Fail($"{AutomatonName(data, rules, strings, index)}: {problem}", block);
        }

        position = end;
        return dfa;
    }

    /// <summary>Copies a little-endian int32 table once; a plain block copy on little-endian hosts.</summary>
    /// <remarks>
    /// Allocated uninitialised because every entry is overwritten at once. Not pinned: a service that reloads
    /// policies would fragment the never-compacted pinned heap.
    /// </remarks>
    private static int[] ReadInt32Table(ReadOnlySpan<byte> bytes)
    {
        var table = GC.AllocateUninitializedArray<int>(bytes.Length / sizeof(int));
        if (BitConverter.IsLittleEndian)
        {
            MemoryMarshal.Cast<byte, int>(bytes).CopyTo(table);
        }
        else
        {
            for (var i = 0; i < table.Length; i++)
            {
                table[i] = BinaryPrimitives.ReadInt32LittleEndian(bytes.Slice(i * sizeof(int), sizeof(int)));
            }
        }

        return table;
    }

    /// <summary>
    /// Names an automaton in an error message by the first rule that uses it. Runs only on the error path and
    /// reads the (not yet validated) rules section defensively.
    /// </summary>
    private static string AutomatonName(ReadOnlySpan<byte> data, ArtifactSection rules, string[] strings, int index)
    {
        if (rules.Length >= ArtifactFormat.RulesPreambleLength)
        {
            var declared = U32(data, rules.Offset + 8);
            var fits = (uint)(rules.Length - ArtifactFormat.RulesPreambleLength) / ArtifactFormat.RuleRecordLength;
            var count = (int)Math.Min(declared, fits);
            for (var r = 0; r < count; r++)
            {
                var record = rules.Offset + ArtifactFormat.RulesPreambleLength + r * ArtifactFormat.RuleRecordLength;
                if (U32(data, record + ArtifactRuleRecord.Automaton) == (uint)index)
                {
                    var id = U32(data, record + ArtifactRuleRecord.Id);
                    var name = id < (uint)strings.Length ? " " + Quote(strings[id]) : "";
                    return $"automaton {index} (of rule {r}{name})";
                }
            }
        }

        return $"automaton {index}";
    }
}
