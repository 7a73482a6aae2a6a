using Hush.Policy.Automata;
using Hush.Policy.Rules;

namespace Hush.Policy.Format;

/// <summary>Parsing of the rules section: policy identity, then one fixed record per rule, every field checked.</summary>
public static partial class ArtifactReader
{
    private static CompiledPolicy ReadRules(ReadOnlySpan<byte> data, ArtifactSection section, string[] strings,
        byte[][] blobs, ArtifactListPool lists, Dfa[] automata, byte[] sourceSha256)
    {
        var at = section.Offset;
        if (section.Length < ArtifactFormat.RulesPreambleLength)
        {
            throw Fail($"rules section is {section.Length} bytes, too short for its preamble", at);
        }

        var name = ReadString(data, at, strings, "policy", "name");
        var version = ReadString(data, at + 4, strings, "policy", "version");
        var count = U32(data, at + 8);
        if (count > ArtifactFormat.MaxRules)
        {
            throw Fail($"rules section declares {count} rules, more than the limit of {ArtifactFormat.MaxRules}",
                at + 8);
        }

        ExpectU32(data, at + 12, ArtifactFormat.RuleRecordLength, "rule record length");
        var expected = ArtifactFormat.RulesPreambleLength + (long)count * ArtifactFormat.RuleRecordLength;
        if (section.Length != expected)
        {
            throw Fail($"rules section is {section.Length} bytes, but {count} rules need {expected}", at + 8);
        }

        var rules = new CompiledRule[count];
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var used = new bool[automata.Length];
        for (var i = 0; i < rules.Length; i++)
        {
            var record = at + ArtifactFormat.RulesPreambleLength + i * ArtifactFormat.RuleRecordLength;
            rules[i] = ReadRule(data, record, i, strings, blobs, lists, automata, ids, used);
        }

        var unused = Array.IndexOf(used, false);
        if (unused >= 0)
        {
            throw Fail($"automaton {unused} is not used by any rule", at + 8);
        }

        return new CompiledPolicy { Name = name, Version = version, SourceSha256 = sourceSha256, Rules = rules };
    }

    private static CompiledRule ReadRule(ReadOnlySpan<byte> data, int record, int index, string[] strings,
        byte[][] blobs, ArtifactListPool lists, Dfa[] automata, HashSet<string> ids, bool[] used)
    {
        var id = ReadString(data, record + ArtifactRuleRecord.Id, strings, $"rule {index}", "Id");
        if (id.Length == 0)
        {
            throw Fail($"rule {index}: Id is empty", record + ArtifactRuleRecord.Id);
        }

        var rule = $"rule {index} {Quote(id)}";
        if (!ids.Add(id))
        {
            throw Fail($"{rule}: Id duplicates an earlier rule's", record + ArtifactRuleRecord.Id);
        }

        var confirm = ReadString(data, record + ArtifactRuleRecord.ConfirmPattern, strings, rule, "ConfirmPattern");
        if (confirm.Length == 0)
        {
            throw Fail($"{rule}: ConfirmPattern is empty", record + ArtifactRuleRecord.ConfirmPattern);
        }

        CheckConfirmPattern(confirm, rule, record + ArtifactRuleRecord.ConfirmPattern);

        var maxMatch = I32(data, record + ArtifactRuleRecord.MaxMatchLength);
        if (maxMatch < 1)
        {
            throw Fail($"{rule}: MaxMatchLength {maxMatch} is not positive", record + ArtifactRuleRecord.MaxMatchLength);
        }

        var maxSecret = I32(data, record + ArtifactRuleRecord.MaxSecretLength);
        if (maxSecret < 1 || maxSecret > maxMatch)
        {
            throw Fail($"{rule}: MaxSecretLength {maxSecret} is outside 1..{maxMatch} (MaxMatchLength)",
                record + ArtifactRuleRecord.MaxSecretLength);
        }

        var minEntropy = F64(data, record + ArtifactRuleRecord.MinEntropy);
        if (!double.IsFinite(minEntropy) || minEntropy < 0 || minEntropy > ArtifactFormat.MaxEntropy)
        {
            throw Fail($"{rule}: MinEntropy {minEntropy} is not a finite value in [0, {ArtifactFormat.MaxEntropy}]",
                record + ArtifactRuleRecord.MinEntropy);
        }

        var automatonIndex = U32(data, record + ArtifactRuleRecord.Automaton);
        if (automatonIndex >= (uint)automata.Length)
        {
            throw Fail($"{rule}: Automaton index {automatonIndex} is out of range (there are {automata.Length})",
                record + ArtifactRuleRecord.Automaton);
        }

        used[automatonIndex] = true;
        return new CompiledRule
        {
            Id = id,
            Description = ReadString(data, record + ArtifactRuleRecord.Description, strings, rule, "Description"),
            Action = (RuleAction)ReadByte(data, record + ArtifactRuleRecord.Action, 0, 1, rule, "Action"),
            Direction = (RuleDirection)ReadByte(data, record + ArtifactRuleRecord.Direction, 1, 3, rule, "Direction"),
            Replacement = CheckReplacement(
                ReadString(data, record + ArtifactRuleRecord.Replacement, strings, rule, "Replacement"), id, rule,
                record + ArtifactRuleRecord.Replacement),
            Reason = ReadString(data, record + ArtifactRuleRecord.Reason, strings, rule, "Reason"),
            Approvers = ReadStringList(data, record + ArtifactRuleRecord.Approvers, lists, strings, rule, "Approvers"),
            ConfirmPattern = confirm,
            SecretGroup = ReadByte(data, record + ArtifactRuleRecord.SecretGroup, 0, 1, rule, "SecretGroup"),
            MinEntropy = minEntropy,
            AllowLiterals = ReadStringList(data, record + ArtifactRuleRecord.AllowLiterals, lists, strings, rule,
                "AllowLiterals"),
            AllowPatterns = CheckAllowPatterns(
                ReadStringList(data, record + ArtifactRuleRecord.AllowPatterns, lists, strings, rule, "AllowPatterns"),
                rule, record + ArtifactRuleRecord.AllowPatterns),
            Keywords = ReadStringList(data, record + ArtifactRuleRecord.Keywords, lists, strings, rule, "Keywords"),
            Validator = (ValidatorKind)ReadByte(data, record + ArtifactRuleRecord.Validator, 0, 3, rule, "Validator"),
            MaxMatchLength = maxMatch,
            MaxSecretLength = maxSecret,
            Automaton = automata[automatonIndex],
            ExactAutomaton = ReadByte(data, record + ArtifactRuleRecord.ExactAutomaton, 0, 1, rule,
                "ExactAutomaton") == 1,
            Prefilter = ReadPrefilter(data, record, lists, blobs, rule, maxMatch),
        };
    }

    private static RulePrefilter ReadPrefilter(ReadOnlySpan<byte> data, int record, ArtifactListPool lists,
        byte[][] blobs, string rule, int maxMatch)
    {
        ExpectZeroes(data, record + ArtifactRuleRecord.Reserved, record + ArtifactRuleRecord.PrefilterLookBack,
            rule + ": reserved bytes");
        var maxPrefix = I32(data, record + ArtifactRuleRecord.PrefilterMaxPrefix);
        if (maxPrefix < 0 || maxPrefix > maxMatch)
        {
            throw Fail($"{rule}: Prefilter.MaxPrefix {maxPrefix} is outside 0..{maxMatch} (MaxMatchLength)",
                record + ArtifactRuleRecord.PrefilterMaxPrefix);
        }

        var (lookBack, lookBackBytes) = ReadLookBack(data, record, rule, maxPrefix);
        var field = record + ArtifactRuleRecord.PrefilterLiterals;
        var (start, count) = ReadListRange(data, field, lists, rule, "Prefilter.Literals");
        if (count == 0)
        {
            if (lookBack > 0)
            {
                throw Fail($"{rule}: Prefilter.LookBack {lookBack} is set, but the rule has no literals",
                    record + ArtifactRuleRecord.PrefilterLookBack);
            }

            return maxPrefix == 0 ? RulePrefilter.AlwaysOnFilter : new RulePrefilter([], maxPrefix);
        }

        var literals = new byte[count][];
        for (var j = 0; j < literals.Length; j++)
        {
            var entry = lists.EntriesOffset + (start + j) * sizeof(uint);
            var blob = U32(data, entry);
            if (blob >= (uint)blobs.Length)
            {
                throw Fail($"{rule}: Prefilter.Literals[{j}] refers to blob {blob}, but there are {blobs.Length}",
                    entry);
            }

            var literal = blobs[blob];
            if (literal.Length < 1 || literal.Length > maxMatch)
            {
                throw Fail($"{rule}: Prefilter.Literals[{j}] is {literal.Length} bytes, outside 1..{maxMatch} "
                    + "(MaxMatchLength)", entry);
            }

            if (literal.AsSpan().IndexOfAnyInRange((byte)'A', (byte)'Z') >= 0)
            {
                throw Fail($"{rule}: Prefilter.Literals[{j}] contains an ASCII upper-case byte, but literals are "
                    + "stored lower-cased", entry);
            }

            literals[j] = literal;
        }

        return new RulePrefilter(literals, maxPrefix, lookBack, lookBackBytes);
    }

    /// <summary>
    /// Reads the look-back K and its byte set: K within 0..MaxPrefix (the literal starts at most MaxPrefix bytes
    /// into the match), the set all zero when K is 0 and non-empty otherwise.
    /// </summary>
    private static (int LookBack, byte[] Bytes) ReadLookBack(ReadOnlySpan<byte> data, int record, string rule,
        int maxPrefix)
    {
        var lookBack = I32(data, record + ArtifactRuleRecord.PrefilterLookBack);
        if (lookBack < 0 || lookBack > maxPrefix)
        {
            throw Fail($"{rule}: Prefilter.LookBack {lookBack} is outside 0..{maxPrefix} (Prefilter.MaxPrefix)",
                record + ArtifactRuleRecord.PrefilterLookBack);
        }

        var at = record + ArtifactRuleRecord.PrefilterLookBackBytes;
        var bytes = data.Slice(at, RulePrefilter.LookBackBitsetLength);
        if (lookBack == 0)
        {
            ExpectZeroes(data, at, at + RulePrefilter.LookBackBitsetLength,
                rule + ": Prefilter.LookBackBytes with LookBack 0");
        }
        else if (bytes.IndexOfAnyExcept((byte)0) < 0)
        {
            throw Fail($"{rule}: Prefilter.LookBackBytes is empty, but LookBack is {lookBack}", at);
        }

        return (lookBack, bytes.ToArray());
    }

    private static string ReadString(ReadOnlySpan<byte> data, int field, string[] strings, string owner,
        string name)
    {
        var index = U32(data, field);
        if (index >= (uint)strings.Length)
        {
            throw Fail($"{owner}: {name} refers to string {index}, but there are {strings.Length}", field);
        }

        return strings[index];
    }

    private static string[] ReadStringList(ReadOnlySpan<byte> data, int field, ArtifactListPool lists,
        string[] strings, string rule, string name)
    {
        var (start, count) = ReadListRange(data, field, lists, rule, name);
        if (count == 0)
        {
            return [];
        }

        var values = new string[count];
        for (var j = 0; j < values.Length; j++)
        {
            var entry = lists.EntriesOffset + (start + j) * sizeof(uint);
            var value = ReadString(data, entry, strings, rule, $"{name}[{j}]");
            if (value.Length == 0)
            {
                throw Fail($"{rule}: {name}[{j}] is empty", entry);
            }

            values[j] = value;
        }

        return values;
    }

    /// <summary>Reads a list field's start and count and checks the range lies inside the lists section.</summary>
    private static (int Start, int Count) ReadListRange(ReadOnlySpan<byte> data, int field, ArtifactListPool lists,
        string rule, string name)
    {
        var start = U32(data, field);
        var count = U32(data, field + 4);
        if ((ulong)start + count > (ulong)lists.Count)
        {
            throw Fail($"{rule}: {name} spans list entries {start}..{(ulong)start + count}, but the lists section "
                + $"has {lists.Count}", field);
        }

        return ((int)start, (int)count);
    }

    private static byte ReadByte(ReadOnlySpan<byte> data, int field, byte min, byte max, string rule, string name)
    {
        var value = data[field];
        if (value < min || value > max)
        {
            throw Fail($"{rule}: {name} value {value} is outside {min}..{max}", field);
        }

        return value;
    }
}
