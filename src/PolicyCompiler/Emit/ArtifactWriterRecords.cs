using System.Buffers.Binary;
using System.Runtime.InteropServices;
using Hush.Policy.Automata;
using Hush.Policy.Format;
using Hush.Policy.Rules;

namespace Hush.PolicyCompiler.Emit;

/// <summary>Encodes rule records and automaton blocks (layouts in <see cref="ArtifactRuleRecord"/> and the format doc).</summary>
internal static class ArtifactWriterRecords
{
    /// <summary>Fills one 128-byte record for <paramref name="rule"/>, interning its strings, lists and automaton.</summary>
    /// <exception cref="ArgumentException">The rule's automaton fails <see cref="Dfa.Validate"/> or a string is ill-formed.</exception>
    public static void Fill(Span<byte> record, CompiledRule rule, int index, ArtifactWriterPools pools)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var owner = $"rule {index} '{rule.Id}'";
        if (rule.Automaton?.Validate() is { } problem)
        {
            throw new ArgumentException($"{owner}: invalid automaton: {problem}", nameof(rule));
        }

        ArgumentNullException.ThrowIfNull(rule.Automaton, owner + " Automaton");
        ArgumentNullException.ThrowIfNull(rule.Prefilter, owner + " Prefilter");
        U32(record, ArtifactRuleRecord.Id, pools.String(rule.Id, owner + " Id"));
        U32(record, ArtifactRuleRecord.Description, pools.String(rule.Description, owner + " Description"));
        U32(record, ArtifactRuleRecord.Replacement, pools.String(rule.Replacement, owner + " Replacement"));
        U32(record, ArtifactRuleRecord.Reason, pools.String(rule.Reason, owner + " Reason"));
        U32(record, ArtifactRuleRecord.ConfirmPattern, pools.String(rule.ConfirmPattern, owner + " ConfirmPattern"));
        List(record, ArtifactRuleRecord.Approvers, pools.StringList(rule.Approvers, owner + " Approvers"));
        List(record, ArtifactRuleRecord.AllowLiterals, pools.StringList(rule.AllowLiterals, owner + " AllowLiterals"));
        List(record, ArtifactRuleRecord.AllowPatterns, pools.StringList(rule.AllowPatterns, owner + " AllowPatterns"));
        List(record, ArtifactRuleRecord.Keywords, pools.StringList(rule.Keywords, owner + " Keywords"));
        List(record, ArtifactRuleRecord.PrefilterLiterals,
            pools.BlobList(rule.Prefilter.Literals, owner + " Prefilter.Literals"));
        I32(record, ArtifactRuleRecord.PrefilterMaxPrefix, rule.Prefilter.MaxPrefix);
        I32(record, ArtifactRuleRecord.MaxMatchLength, rule.MaxMatchLength);
        I32(record, ArtifactRuleRecord.MaxSecretLength, rule.MaxSecretLength);
        BinaryPrimitives.WriteDoubleLittleEndian(record[ArtifactRuleRecord.MinEntropy..], rule.MinEntropy);
        U32(record, ArtifactRuleRecord.Automaton, pools.Automaton(rule.Automaton));
        record[ArtifactRuleRecord.Action] = (byte)rule.Action;
        record[ArtifactRuleRecord.Direction] = (byte)rule.Direction;
        record[ArtifactRuleRecord.Validator] = (byte)rule.Validator;

        // An out-of-range group is written as 0xFF on purpose: the read-back then rejects the model with the
        // reader's message, so there is one definition of what is valid.
        record[ArtifactRuleRecord.SecretGroup] = rule.SecretGroup is 0 or 1 ? (byte)rule.SecretGroup : byte.MaxValue;
        record[ArtifactRuleRecord.ExactAutomaton] = rule.ExactAutomaton ? (byte)1 : (byte)0;
        I32(record, ArtifactRuleRecord.PrefilterLookBack, rule.Prefilter.LookBack);
        rule.Prefilter.LookBackBytes.CopyTo(record[ArtifactRuleRecord.PrefilterLookBackBytes..]);
    }

    /// <summary>Writes the automata section: count, reserved word, then one 8-aligned block per automaton.</summary>
    public static void WriteAutomata(ArtifactWriterBuffer buffer, List<Dfa> automata)
    {
        buffer.U32((uint)automata.Count);
        buffer.U32(0);
        foreach (var dfa in automata)
        {
            buffer.U32((uint)dfa.ClassCount);
            buffer.U32((uint)dfa.StrideLog2);
            buffer.U32((uint)dfa.StateCount);
            buffer.I32(dfa.SpecialLimit);
            foreach (var start in dfa.StartStates)
            {
                buffer.I32(start);
            }

            buffer.Bytes(dfa.ByteClasses);
            buffer.Bytes(MemoryMarshal.AsBytes(dfa.Flags.AsSpan()));
            buffer.Align(sizeof(int));
            buffer.Int32Table(dfa.Transitions);
            buffer.Align(ArtifactFormat.Alignment);
        }
    }

    private static void U32(Span<byte> record, int field, uint value) =>
        BinaryPrimitives.WriteUInt32LittleEndian(record[field..], value);

    private static void I32(Span<byte> record, int field, int value) =>
        BinaryPrimitives.WriteInt32LittleEndian(record[field..], value);

    private static void List(Span<byte> record, int field, (uint Start, uint Count) list)
    {
        U32(record, field, list.Start);
        U32(record, field + sizeof(uint), list.Count);
    }
}
