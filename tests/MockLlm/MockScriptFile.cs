using System.Text.Json;

namespace Hush.MockLlm;

/// <summary>
/// A JSON script file for the CLI (<c>--script FILE.json</c>):
/// <c>{"default": {…}, "scripts": {"name": {…}}, "paths": {"/v1/messages": {…}}}</c>, each value a
/// <see cref="MockScript"/> with camelCase property names (<c>writeDelay</c> as <c>"00:00:00.050"</c>).
/// </summary>
public sealed class MockScriptFile
{
    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web)
    {
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    /// <summary>Replaces the default script when set.</summary>
    public MockScript? Default { get; init; }

    /// <summary>Named scripts, selected by the <c>x-mock-script</c> header.</summary>
    public Dictionary<string, MockScript> Scripts { get; init; } = [];

    /// <summary>Scripts per request path.</summary>
    public Dictionary<string, MockScript> Paths { get; init; } = [];

    /// <summary>Parses a script file's text; throws <see cref="JsonException"/> with the position on bad input.</summary>
    public static MockScriptFile Parse(string json) =>
        JsonSerializer.Deserialize<MockScriptFile>(json, s_json) ?? throw new JsonException("The script file is empty (null).");

    /// <summary>Reads and parses a script file.</summary>
    public static MockScriptFile Load(string path) => Parse(File.ReadAllText(path));

    /// <summary>Options for a server using this file's scripts.</summary>
    public MockLlmOptions ToOptions(System.Net.IPEndPoint listen)
    {
        var options = new MockLlmOptions { Listen = listen, DefaultScript = Default ?? MockScript.Demo };
        foreach (var named in Scripts)
        {
            options.Scripts[named.Key] = named.Value;
        }

        foreach (var byPath in Paths)
        {
            options.PathScripts[byPath.Key] = byPath.Value;
        }

        return options;
    }
}
