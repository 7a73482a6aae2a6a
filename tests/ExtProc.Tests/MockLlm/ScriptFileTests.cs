using System.Net;
using System.Text.Json;
using Hush.MockLlm;

namespace Hush.ExtProc.Tests.MockLlm;

/// <summary>The CLI's JSON script file and argument parsing.</summary>
public sealed class ScriptFileTests
{
    [Fact]
    public void Parse_ReadsDefaultNamedAndPathScripts()
    {
        var file = MockScriptFile.Parse("""
            {
              // comments allowed
              "default": { "text": "hello", "tokenSizes": [2] },
              "scripts": { "slow": { "tokens": ["a", "b"], "writeSizes": [5], "writeDelay": "00:00:00.050", "gzip": true } },
              "paths": { "/v1/messages": { "statusCode": 500, "text": "boom", "headers": { "retry-after": "1" } } },
            }
            """);

        Assert.Equal("hello", file.Default!.Text);
        var slow = file.Scripts["slow"];
        Assert.Equal(["a", "b"], slow.Tokens!);
        Assert.Equal([5], slow.WriteSizes);
        Assert.Equal(TimeSpan.FromMilliseconds(50), slow.WriteDelay);
        Assert.True(slow.Gzip);
        Assert.Equal(500, file.Paths["/v1/messages"].StatusCode);
        Assert.Equal("1", file.Paths["/v1/messages"].Headers["retry-after"]);

        var options = file.ToOptions(new IPEndPoint(IPAddress.Loopback, 0));
        Assert.Equal("hello", options.DefaultScript.Text);
        Assert.Same(slow, options.Scripts["slow"]);
    }

    [Fact]
    public void ExampleFile_ParsesAndDefaultSplitsTheDemoSecret()
    {
        var file = MockScriptFile.Load(Hush.ExtProc.Tests.EnvoyConfig.RepoFiles.PathOf("tests/MockLlm/scripts/example.json"));

        Assert.Equal(MockScript.Demo.SplitTokens().Skip(1).Take(2), file.Default!.SplitTokens().Skip(1).Take(2));
        Assert.Equal(["gzip", "random-cuts", "rate-limited", "slow"], file.Scripts.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(429, file.Scripts["rate-limited"].StatusCode);
    }

    [Fact]
    public void Parse_RejectsMalformedJson() =>
        Assert.ThrowsAny<JsonException>(() => MockScriptFile.Parse("{ \"default\": "));

    [Fact]
    public void CommandLine_ParsesListenAndScript()
    {
        Assert.True(CommandLine.TryParse(["--listen", "0.0.0.0:8080", "--script", "s.json"], out var parsed, out _));
        Assert.Equal(new IPEndPoint(IPAddress.Any, 8080), parsed!.Listen);
        Assert.Equal("s.json", parsed.ScriptPath);

        Assert.True(CommandLine.TryParse([], out var defaults, out _));
        Assert.Equal(new IPEndPoint(IPAddress.Loopback, 8080), defaults!.Listen);
    }

    [Theory]
    [InlineData("--listen")]
    [InlineData("--listen", "mock-llm")]
    [InlineData("--port", "1")]
    public void CommandLine_RejectsBadArguments(params string[] args)
    {
        Assert.False(CommandLine.TryParse(args, out _, out var error));
        Assert.False(string.IsNullOrEmpty(error));
    }
}
