using System.Text.Json;

namespace Hush.ExtProc.Tests.MockLlm;

/// <summary>One parsed server-sent event: optional <c>event:</c> name and its <c>data:</c> payload.</summary>
internal sealed record SseEvent(string? Name, string Data)
{
    /// <summary>The data parsed as JSON (throws if it is not valid JSON, which is what the shape tests want).</summary>
    public JsonElement Json() => JsonDocument.Parse(Data).RootElement.Clone();

    /// <summary>Splits an SSE body into events; fails on a line that is neither <c>event:</c> nor <c>data:</c>.</summary>
    public static List<SseEvent> ParseAll(string body)
    {
        var events = new List<SseEvent>();
        foreach (var block in body.Split("\n\n", StringSplitOptions.RemoveEmptyEntries))
        {
            string? name = null;
            string? data = null;
            foreach (var line in block.Split('\n'))
            {
                if (line.StartsWith("event: ", StringComparison.Ordinal))
                {
                    name = line["event: ".Length..];
                }
                else if (line.StartsWith("data: ", StringComparison.Ordinal))
                {
                    data = line["data: ".Length..];
                }
                else
                {
                    Assert.Fail($"unexpected SSE line: {line}");
                }
            }

            Assert.NotNull(data);
            events.Add(new SseEvent(name, data));
        }

        return events;
    }
}
