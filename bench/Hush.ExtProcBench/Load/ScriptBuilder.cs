using System.Globalization;
using System.Text;

namespace Hush.ExtProcBench.Load;

/// <summary>Generates <see cref="SseScript"/>s: chat-completion SSE events with plain words and planted fake secrets.</summary>
internal static class ScriptBuilder
{
    private static readonly string[] s_words =
    [
        "the", "model", "returns", "a", "stream", "of", "small", "pieces", "and", "each", "one", "carries", "text",
        "for", "you", "here", "is", "answer", "to", "your", "question", "about", "deployment", "config", "please",
        "note", "that", "this", "value", "should", "be", "kept", "safe", "when", "running", "service", "in",
        "production", "we", "can", "use", "it", "with", "envoy", "filter", "request", "response", "example", "build",
        "step", "cluster", "route", "listener", "upstream", "health", "check", "timeout", "retry", "budget", "2",
        "42", "first", "then", "next", "finally", "because", "so", "while", "loop", "function", "returns", "list",
    ];

    /// <summary>
    /// A script of <paramref name="chunks"/> chunks of <paramref name="minBytes"/>–<paramref name="maxBytes"/> bytes
    /// with a fake secret about every <paramref name="secretEveryChunks"/> chunks (random gaps of 0.5–1.5 times that).
    /// </summary>
    public static SseScript Build(Random rng, int chunks, int minBytes, int maxBytes, int secretEveryChunks)
    {
        var starts = new int[chunks + 1];
        for (var i = 0; i < chunks; i++)
        {
            starts[i + 1] = starts[i] + rng.Next(minBytes, maxBytes + 1);
        }

        var total = starts[chunks];
        var meanGap = secretEveryChunks * (minBytes + maxBytes) / 2.0;
        var nextSecretAt = (int)(meanGap * (0.5 + rng.NextDouble()));
        var secrets = new List<(int Start, byte[] Value)>();
        var text = new StringBuilder(total + 512);
        var created = 1764288000L;
        while (text.Length < total)
        {
            text.Append("data: {\"id\":\"chatcmpl-bench\",\"object\":\"chat.completion.chunk\",\"created\":")
                .Append(created.ToString(CultureInfo.InvariantCulture))
                .Append(",\"model\":\"gpt-4o-mini\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"");
            AppendWords(text, rng);
            if (text.Length >= nextSecretAt)
            {
                var secret = FakeSecrets.Next(rng);
                text.Append(" use ");
                secrets.Add((text.Length, secret));
                text.Append(Encoding.ASCII.GetString(secret)).Append(" for it");
                nextSecretAt = text.Length + (int)(meanGap * (0.5 + rng.NextDouble()));
            }

            text.Append("\"},\"finish_reason\":null}]}\n\n");
            created += rng.Next(2);
        }

        var bytes = Encoding.ASCII.GetBytes(text.ToString(0, total));
        // A secret cut off by the end of the text was never complete: it is not a planted secret.
        secrets.RemoveAll(s => s.Start + s.Value.Length > total);
        return new SseScript(bytes, starts, secrets);
    }

    /// <summary>
    /// A script of <paramref name="chunks"/> chunks of one whole event each (how providers flush their streams), with a
    /// fake secret in about one event in <paramref name="secretEveryChunks"/>.
    /// </summary>
    public static SseScript BuildEventChunks(Random rng, int chunks, int secretEveryChunks)
    {
        var starts = new int[chunks + 1];
        var secrets = new List<(int Start, byte[] Value)>();
        var text = new StringBuilder(chunks * 256);
        var created = 1764288000L;
        for (var i = 0; i < chunks; i++)
        {
            text.Append("data: {\"id\":\"chatcmpl-bench\",\"object\":\"chat.completion.chunk\",\"created\":")
                .Append(created.ToString(CultureInfo.InvariantCulture))
                .Append(",\"model\":\"gpt-4o-mini\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"");
            AppendWords(text, rng);
            if (rng.Next(secretEveryChunks) == 0)
            {
                var secret = FakeSecrets.Next(rng);
                text.Append(" use ");
                secrets.Add((text.Length, secret));
                text.Append(Encoding.ASCII.GetString(secret)).Append(" for it");
            }

            text.Append("\"},\"finish_reason\":null}]}\n\n");
            created += rng.Next(2);
            starts[i + 1] = text.Length;
        }

        return new SseScript(Encoding.ASCII.GetBytes(text.ToString()), starts, secrets);
    }

    private static void AppendWords(StringBuilder text, Random rng)
    {
        var count = rng.Next(1, 9);
        for (var i = 0; i < count; i++)
        {
            text.Append(' ').Append(s_words[rng.Next(s_words.Length)]);
        }
    }
}
