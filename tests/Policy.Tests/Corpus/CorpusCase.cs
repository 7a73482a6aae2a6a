using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Hush.Policy.Rules;
using Hush.Policy.Tests.Matching;

namespace Hush.Policy.Tests.Corpus;

/// <summary>One case of tests/testdata/corpus/cases.json.</summary>
public sealed class CorpusCase
{
    [JsonPropertyName("name")]
    public string Name { get; set; } = "";

    [JsonPropertyName("rules")]
    public List<CorpusRule> Rules { get; set; } = [];

    [JsonPropertyName("input")]
    public string Input { get; set; } = "";

    [JsonPropertyName("expected_spans")]
    public List<JsonElement[]> ExpectedSpans { get; set; } = [];

    [JsonPropertyName("expected_output")]
    public string ExpectedOutput { get; set; } = "";

    public byte[] InputBytes => Encoding.UTF8.GetBytes(Input);

    public byte[] ExpectedOutputBytes => Encoding.UTF8.GetBytes(ExpectedOutput);

    /// <summary>Expected (start, end, rule id) triples, sorted.</summary>
    public List<(long Start, long End, string Rule)> Spans()
    {
        var spans = new List<(long, long, string)>();
        foreach (var s in ExpectedSpans)
        {
            spans.Add((s[0].GetInt64(), s[1].GetInt64(), s[2].GetString()!));
        }

        spans.Sort();
        return spans;
    }

    internal TestRule[] ToTestRules()
    {
        var rules = new TestRule[Rules.Count];
        for (var i = 0; i < rules.Length; i++)
        {
            rules[i] = Rules[i].ToTestRule();
        }

        return rules;
    }

    public override string ToString() => Name;
}

/// <summary>A rule of a corpus case, in the policy language's vocabulary.</summary>
public sealed class CorpusRule
{
    [JsonPropertyName("id")]
    public string Id { get; set; } = "";

    [JsonPropertyName("pattern")]
    public string Pattern { get; set; } = "";

    /// <summary>The pattern for oracles when it differs in spelling (e.g. UTF-8 literals as Latin-1 escapes).</summary>
    [JsonPropertyName("oracle_pattern")]
    public string? OraclePattern { get; set; }

    [JsonPropertyName("secret")]
    public int Secret { get; set; }

    [JsonPropertyName("keywords")]
    public string[] Keywords { get; set; } = [];

    [JsonPropertyName("min_entropy")]
    public double MinEntropy { get; set; }

    [JsonPropertyName("allow")]
    public string[] Allow { get; set; } = [];

    [JsonPropertyName("allow_regex")]
    public string[] AllowRegex { get; set; } = [];

    [JsonPropertyName("validate")]
    public string? Validate { get; set; }

    [JsonPropertyName("action")]
    public string Action { get; set; } = "mask";

    [JsonPropertyName("direction")]
    public string Direction { get; set; } = "both";

    [JsonPropertyName("replacement")]
    public string Replacement { get; set; } = "[MASKED:{id}]";

    internal TestRule ToTestRule() => new(Id, Pattern, Secret)
    {
        Keywords = Keywords,
        MinEntropy = MinEntropy,
        Allow = Allow,
        AllowRegex = AllowRegex,
        Validator = Validate switch
        {
            null => ValidatorKind.None,
            "github_crc32" => ValidatorKind.GithubCrc32,
            "jwt" => ValidatorKind.Jwt,
            "luhn" => ValidatorKind.Luhn,
            _ => throw new InvalidDataException($"unknown validator {Validate}"),
        },
        Action = Action == "hold" ? RuleAction.Hold : RuleAction.Mask,
        Direction = Direction switch
        {
            "request" => RuleDirection.Request,
            "response" => RuleDirection.Response,
            _ => RuleDirection.Both,
        },
        Replacement = Replacement,
    };
}

/// <summary>Loads the shared corpus (copied next to the test assembly).</summary>
public static class CorpusFile
{
    private static readonly Lazy<List<CorpusCase>> s_cases = new(Load);

    public static IReadOnlyList<CorpusCase> Cases => s_cases.Value;

    public static TheoryData<string> Names()
    {
        var data = new TheoryData<string>();
        foreach (var c in Cases)
        {
            data.Add(c.Name);
        }

        return data;
    }

    public static CorpusCase Get(string name) => Cases.Single(c => c.Name == name);

    private static List<CorpusCase> Load()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "testdata", "corpus", "cases.json");
        return JsonSerializer.Deserialize<List<CorpusCase>>(File.ReadAllText(path))
            ?? throw new InvalidDataException("empty corpus");
    }
}
