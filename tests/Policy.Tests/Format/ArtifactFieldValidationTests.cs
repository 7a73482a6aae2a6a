using System.Buffers.Binary;
using Hush.Policy.Automata;
using Hush.Policy.Format;
using Hush.PolicyCompiler.Emit;

namespace Hush.Policy.Tests.Format;

/// <summary>Each field mutated to an invalid value with a recomputed checksum: the structural check must say which.</summary>
public sealed class ArtifactFieldValidationTests
{
    private static readonly byte[] s_valid = ArtifactWriter.Write(ArtifactTestPolicies.Handmade());

    private static int SectionOffset(ArtifactSectionKind kind) =>
        (int)BinaryPrimitives.ReadUInt64LittleEndian(s_valid.AsSpan(
            ArtifactFormat.FixedHeaderLength + ((int)kind - 1) * ArtifactFormat.SectionEntryLength + 8));

    private static int Record(int rule) =>
        SectionOffset(ArtifactSectionKind.Rules) + ArtifactFormat.RulesPreambleLength + rule * ArtifactFormat.RuleRecordLength;

    private static int FirstAutomaton => SectionOffset(ArtifactSectionKind.Automata) + ArtifactFormat.AutomataPreambleLength;

    private static ArtifactFormatException Reject(Action<byte[]> mutate)
    {
        var data = (byte[])s_valid.Clone();
        mutate(data);
        ArtifactTestPolicies.Rechecksum(data);
        return Assert.Throws<ArtifactFormatException>(() => ArtifactReader.Read(data));
    }

    private static void Expect(ArtifactFormatException ex, string detail, long offset)
    {
        Assert.Equal(detail, ex.Detail);
        Assert.Equal(offset, ex.Offset);
        Assert.Equal($"{detail} (at byte offset {offset})", ex.Message);
    }

    [Fact]
    public void MinEntropy_NaN_Rejected()
    {
        var at = Record(0) + ArtifactRuleRecord.MinEntropy;
        var ex = Reject(d => BinaryPrimitives.WriteDoubleLittleEndian(d.AsSpan(at), double.NaN));
        Expect(ex, "rule 0 'demo-token': MinEntropy NaN is not a finite value in [0, 8]", at);
    }

    [Theory]
    [InlineData(-0.5)]
    [InlineData(8.000001)]
    [InlineData(double.PositiveInfinity)]
    public void MinEntropy_OutOfRange_Rejected(double value)
    {
        var at = Record(1) + ArtifactRuleRecord.MinEntropy;
        var ex = Reject(d => BinaryPrimitives.WriteDoubleLittleEndian(d.AsSpan(at), value));
        Assert.StartsWith("rule 1 'hold-destroy': MinEntropy", ex.Detail);
        Assert.Equal(at, ex.Offset);
    }

    [Theory]
    [InlineData(ArtifactRuleRecord.SecretGroup, 2, "SecretGroup value 2 is outside 0..1")]
    [InlineData(ArtifactRuleRecord.Action, 2, "Action value 2 is outside 0..1")]
    [InlineData(ArtifactRuleRecord.Direction, 0, "Direction value 0 is outside 1..3")]
    [InlineData(ArtifactRuleRecord.Direction, 4, "Direction value 4 is outside 1..3")]
    [InlineData(ArtifactRuleRecord.Validator, 9, "Validator value 9 is outside 0..3")]
    [InlineData(ArtifactRuleRecord.ExactAutomaton, 2, "ExactAutomaton value 2 is outside 0..1")]
    public void EnumByte_OutOfRange_Rejected(int field, byte value, string message)
    {
        var at = Record(2) + field;
        var ex = Reject(d => d[at] = value);
        Expect(ex, "rule 2 'always-on': " + message, at);
    }

    [Fact]
    public void ReservedRecordByte_Rejected()
    {
        var at = Record(0) + ArtifactRuleRecord.PrefilterLookBack - 1;
        var ex = Reject(d => d[at] = 1);
        Expect(ex, "rule 0 'demo-token': reserved bytes must be zero, found 0x01", at);
    }

    [Fact]
    public void PrefilterLookBack_AboveMaxPrefix_Rejected()
    {
        var at = Record(1) + ArtifactRuleRecord.PrefilterLookBack;
        var ex = Reject(d => BinaryPrimitives.WriteInt32LittleEndian(d.AsSpan(at), 121));
        Expect(ex, "rule 1 'hold-destroy': Prefilter.LookBack 121 is outside 0..120 (Prefilter.MaxPrefix)", at);
    }

    [Fact]
    public void PrefilterLookBack_Negative_Rejected()
    {
        var at = Record(0) + ArtifactRuleRecord.PrefilterLookBack;
        var ex = Reject(d => BinaryPrimitives.WriteInt32LittleEndian(d.AsSpan(at), -1));
        Expect(ex, "rule 0 'demo-token': Prefilter.LookBack -1 is outside 0..0 (Prefilter.MaxPrefix)", at);
    }

    [Fact]
    public void PrefilterLookBackBytes_SetWithoutLookBack_Rejected()
    {
        var at = Record(0) + ArtifactRuleRecord.PrefilterLookBackBytes + 31;
        var ex = Reject(d => d[at] = 0x80);
        Expect(ex, "rule 0 'demo-token': Prefilter.LookBackBytes with LookBack 0 must be zero, found 0x80", at);
    }

    [Fact]
    public void PrefilterLookBackBytes_EmptyWithLookBack_Rejected()
    {
        var at = Record(1) + ArtifactRuleRecord.PrefilterLookBackBytes;
        var ex = Reject(d => d.AsSpan(at, 32).Clear());
        Expect(ex, "rule 1 'hold-destroy': Prefilter.LookBackBytes is empty, but LookBack is 14", at);
    }

    [Fact]
    public void PrefilterLookBack_OnRuleWithoutLiterals_Rejected()
    {
        // Rule 2 is always on (no literals); give it a prefix so that only the missing literals are wrong.
        var record = Record(2);
        var ex = Reject(d =>
        {
            BinaryPrimitives.WriteInt32LittleEndian(d.AsSpan(record + ArtifactRuleRecord.PrefilterMaxPrefix), 4);
            BinaryPrimitives.WriteInt32LittleEndian(d.AsSpan(record + ArtifactRuleRecord.PrefilterLookBack), 2);
            d[record + ArtifactRuleRecord.PrefilterLookBackBytes] = 1;
        });
        Expect(ex, "rule 2 'always-on': Prefilter.LookBack 2 is set, but the rule has no literals",
            record + ArtifactRuleRecord.PrefilterLookBack);
    }

    [Fact]
    public void MaxMatchLength_Zero_Rejected()
    {
        var at = Record(0) + ArtifactRuleRecord.MaxMatchLength;
        var ex = Reject(d => BinaryPrimitives.WriteInt32LittleEndian(d.AsSpan(at), 0));
        Expect(ex, "rule 0 'demo-token': MaxMatchLength 0 is not positive", at);
    }

    [Fact]
    public void MaxSecretLength_AboveMatchLength_Rejected()
    {
        var at = Record(0) + ArtifactRuleRecord.MaxSecretLength;
        var ex = Reject(d => BinaryPrimitives.WriteInt32LittleEndian(d.AsSpan(at), 46));
        Expect(ex, "rule 0 'demo-token': MaxSecretLength 46 is outside 1..45 (MaxMatchLength)", at);
    }

    [Fact]
    public void PrefilterMaxPrefix_Negative_Rejected()
    {
        var at = Record(1) + ArtifactRuleRecord.PrefilterMaxPrefix;
        var ex = Reject(d => BinaryPrimitives.WriteInt32LittleEndian(d.AsSpan(at), -1));
        Expect(ex, "rule 1 'hold-destroy': Prefilter.MaxPrefix -1 is outside 0..200 (MaxMatchLength)", at);
    }

    [Fact]
    public void AutomatonIndex_OutOfRange_Rejected()
    {
        var at = Record(1) + ArtifactRuleRecord.Automaton;
        var ex = Reject(d => BinaryPrimitives.WriteUInt32LittleEndian(d.AsSpan(at), 99));
        Expect(ex, "rule 1 'hold-destroy': Automaton index 99 is out of range (there are 2)", at);
    }

    [Fact]
    public void UnusedAutomaton_Rejected()
    {
        var at = Record(1) + ArtifactRuleRecord.Automaton;
        var ex = Reject(d => BinaryPrimitives.WriteUInt32LittleEndian(d.AsSpan(at), 0));
        Assert.Equal("automaton 1 is not used by any rule", ex.Detail);
    }

    [Fact]
    public void StringIndex_OutOfRange_Rejected()
    {
        var at = Record(2) + ArtifactRuleRecord.Description;
        var ex = Reject(d => BinaryPrimitives.WriteUInt32LittleEndian(d.AsSpan(at), 100_000));
        Assert.StartsWith("rule 2 'always-on': Description refers to string 100000, but there are ", ex.Detail);
        Assert.Equal(at, ex.Offset);
    }

    [Fact]
    public void DuplicateId_Rejected()
    {
        var at = Record(1) + ArtifactRuleRecord.Id;
        var ex = Reject(d => s_valid.AsSpan(Record(0) + ArtifactRuleRecord.Id, 4).CopyTo(d.AsSpan(at)));
        Expect(ex, "rule 1 'demo-token': Id duplicates an earlier rule's", at);
    }

    [Fact]
    public void ListRange_PastPool_Rejected()
    {
        var at = Record(0) + ArtifactRuleRecord.Keywords + 4;
        var ex = Reject(d => BinaryPrimitives.WriteUInt32LittleEndian(d.AsSpan(at), uint.MaxValue));
        Assert.StartsWith("rule 0 'demo-token': Keywords spans list entries", ex.Detail);
        Assert.Equal(at - 4, ex.Offset);
    }

    [Fact]
    public void InvalidUtf8String_Rejected()
    {
        // String 0 is the policy name "handmade": its bytes follow the pool count and its length.
        var at = SectionOffset(ArtifactSectionKind.Strings) + 8;
        var ex = Reject(d => d[at] = 0xC3);
        Expect(ex, "string 0 is not valid UTF-8", at);
    }

    [Fact]
    public void UpperCaseLiteral_Rejected()
    {
        var blobs = SectionOffset(ArtifactSectionKind.Blobs);
        var at = blobs + s_valid.AsSpan(blobs).IndexOf("destroy"u8);
        var ex = Reject(d => d[at] = (byte)'D');
        Assert.Equal("rule 1 'hold-destroy': Prefilter.Literals[0] contains an ASCII upper-case byte, but literals "
            + "are stored lower-cased", ex.Detail);
    }

    [Fact]
    public void RuleCount_AboveCap_Rejected()
    {
        var at = SectionOffset(ArtifactSectionKind.Rules) + 8;
        var ex = Reject(d => BinaryPrimitives.WriteUInt32LittleEndian(d.AsSpan(at), 100_001));
        Expect(ex, "rules section declares 100001 rules, more than the limit of 100000", at);
    }

    [Fact]
    public void StringCount_AboveSectionCapacity_RejectedBeforeAllocating()
    {
        var at = SectionOffset(ArtifactSectionKind.Strings);
        var ex = Reject(d => BinaryPrimitives.WriteUInt32LittleEndian(d.AsSpan(at), int.MaxValue));
        Assert.StartsWith($"Strings section declares {int.MaxValue} entries, but its", ex.Detail);
    }

    [Fact]
    public void AutomatonStateCount_Huge_RejectedBeforeAllocating()
    {
        var at = FirstAutomaton + 8;
        var before = GC.GetAllocatedBytesForCurrentThread();
        var ex = Reject(d => BinaryPrimitives.WriteUInt32LittleEndian(d.AsSpan(at), Dfa.MaxStates));
        Assert.InRange(GC.GetAllocatedBytesForCurrentThread() - before, 0, 1 << 20);
        Assert.StartsWith($"automaton 0 (of rule 0 'demo-token'): {Dfa.MaxStates} states with stride 4 need", ex.Detail);
        Assert.Equal(at, ex.Offset);
    }

    [Fact]
    public void AutomatonStateCount_AboveMax_Rejected()
    {
        var at = FirstAutomaton + 8;
        var ex = Reject(d => BinaryPrimitives.WriteUInt32LittleEndian(d.AsSpan(at), Dfa.MaxStates + 1));
        Expect(ex, $"automaton 0 (of rule 0 'demo-token'): state count {Dfa.MaxStates + 1} is outside 1..{Dfa.MaxStates}", at);
    }

    [Fact]
    public void AutomatonClassCount_Zero_Rejected()
    {
        var at = FirstAutomaton;
        var ex = Reject(d => BinaryPrimitives.WriteUInt32LittleEndian(d.AsSpan(at), 0));
        Expect(ex, "automaton 0 (of rule 0 'demo-token'): class count 0 is outside 1..256", at);
    }

    [Fact]
    public void Transition_InvalidTarget_RejectedByDfaValidate()
    {
        // 3 states: flags (3 bytes + 1 padding) follow the 288-byte block header; entry 4 is state 1, class 0.
        var at = FirstAutomaton + ArtifactFormat.AutomatonHeaderLength + 4 + 4 * sizeof(int);
        var ex = Reject(d => BinaryPrimitives.WriteInt32LittleEndian(d.AsSpan(at), 3));
        Expect(ex, "automaton 0 (of rule 0 'demo-token'): transition 4 (state 1, class 0) targets invalid id 3",
            FirstAutomaton);
    }

    [Fact]
    public void StateFlags_UndefinedBits_Rejected()
    {
        var at = FirstAutomaton + ArtifactFormat.AutomatonHeaderLength + 1;
        var ex = Reject(d => d[at] = 0x40);
        Expect(ex, "automaton 0 (of rule 0 'demo-token'): state 1 has undefined flag bits 0x40", at);
    }

    [Fact]
    public void SectionOverlap_Rejected()
    {
        var entry = ArtifactFormat.FixedHeaderLength + ArtifactFormat.SectionEntryLength + 8;
        var ex = Reject(d => BinaryPrimitives.WriteUInt64LittleEndian(d.AsSpan(entry), (ulong)SectionOffset(ArtifactSectionKind.Strings)));
        Assert.Contains("section Blobs at offset", ex.Detail);
        Assert.Contains("overlaps section Strings", ex.Detail);
        Assert.Equal(entry, ex.Offset);
    }

    [Fact]
    public void SectionPastEnd_Rejected()
    {
        var entry = ArtifactFormat.FixedHeaderLength + 4 * ArtifactFormat.SectionEntryLength + 16;
        var ex = Reject(d => BinaryPrimitives.WriteUInt64LittleEndian(d.AsSpan(entry), ulong.MaxValue));
        Assert.StartsWith("section Automata (offset", ex.Detail);
        Assert.Contains("extends past the checksum", ex.Detail);
    }

    [Fact]
    public void SectionKind_Wrong_Rejected()
    {
        var entry = ArtifactFormat.FixedHeaderLength;
        var ex = Reject(d => d[entry] = 9);
        Expect(ex, "section table entry 0 has kind 9, expected 1 (Strings)", entry);
    }
}
