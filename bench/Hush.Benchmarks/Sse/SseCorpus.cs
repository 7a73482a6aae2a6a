using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Hush.Benchmarks.Corpus;

namespace Hush.Benchmarks.Sse;

/// <summary>
/// A deterministic set of streamed LLM answers as SSE bodies: OpenAI Chat Completions chunks (token-sized
/// <c>delta.content</c> of 1–12 characters, some tool-call argument streams), OpenAI Responses events (deltas plus
/// the <c>…done</c>/<c>response.completed</c> events that repeat the text) and Anthropic Messages events. FAKE
/// secrets are planted in the text, most of them split across several events.
/// </summary>
internal sealed partial class SseCorpus
{
    /// <summary>Default seed.</summary>
    public const int DefaultSeed = 20261128;

    private static readonly string[] s_words =
    [
        "the", "a", "to", "of", "and", "in", "is", "that", "for", "it", "with", "as", "on", "this", "be", "you", "can",
        "function", "return", "value", "request", "response", "stream", "token", "buffer", "example", "configure",
        "deployment", "environment", "variable", "credentials", "service", "cluster", "container", "python", "import",
        "const", "await", "async", "string", "number", "result", "error", "handler", "client", "server", "config",
    ];

    private static readonly string[] s_punct = [".", ",", ":", ";", "!", "?", "\n", "\n\n", "`", "```", "(", ")", " -", "\"", "{", "}", "=", " ="];

    // Relaxed escaping writes quotes as \" like the providers do (the default encoder writes \u0022).
    private static readonly JsonSerializerOptions s_json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly CorpusRandom _rng;
    private readonly SecretFactory _secrets;
    private readonly List<byte[]> _bodies = [];
    private int _events;
    private int _planted;

    private SseCorpus(int seed)
    {
        _rng = new CorpusRandom(seed);
        _secrets = new SecretFactory(_rng);
    }

    /// <summary>The SSE bodies, one streamed answer each.</summary>
    public IReadOnlyList<byte[]> Bodies => _bodies;

    /// <summary>Total bytes of all bodies.</summary>
    public long TotalBytes { get; private set; }

    /// <summary>Total SSE events (including <c>[DONE]</c>).</summary>
    public int Events => _events;

    /// <summary>FAKE secrets planted in the text.</summary>
    public int Planted => _planted;

    /// <summary>Generates about <paramref name="targetBytes"/> of bodies: 60 % Chat Completions, 20 % Responses, 20 % Anthropic.</summary>
    public static SseCorpus Generate(int seed, long targetBytes)
    {
        var corpus = new SseCorpus(seed);
        while (corpus.TotalBytes < targetBytes)
        {
            var roll = corpus._rng.Next(10);
            var body = roll < 6 ? corpus.Chat() : roll < 8 ? corpus.Responses() : corpus.Anthropic();
            corpus._bodies.Add(body);
            corpus.TotalBytes += body.Length;
        }

        return corpus;
    }

    /// <summary>The text pieces of one answer: tokens of 1–12 characters, a planted secret split across pieces.</summary>
    private List<string> Tokens(int count)
    {
        var tokens = new List<string>(count + 8);
        var plantAt = _rng.Chance(0.5) ? _rng.Next(count) : -1;
        for (var i = 0; i < count; i++)
        {
            if (i == plantAt)
            {
                Plant(tokens);
            }

            var roll = _rng.Next(10);
            var token = roll < 7 ? " " + _rng.Pick(s_words) : roll < 9 ? _rng.Pick(s_punct) : _rng.Alnum(_rng.Between(1, 6));
            tokens.Add(token.Length > 12 ? token[..12] : token);
        }

        return tokens;
    }

    /// <summary>Adds a FAKE secret, split into pieces of 1–12 characters (so most secrets span events).</summary>
    private void Plant(List<string> tokens)
    {
        var secret = _rng.Next(3) switch
        {
            0 => _secrets.AwsAccessKeyId(),
            1 => _secrets.GithubToken(),
            _ => _secrets.SlackBotToken(),
        };
        tokens.Add(" ");
        for (var at = 0; at < secret.Length;)
        {
            var n = Math.Min(secret.Length - at, _rng.Between(1, 12));
            tokens.Add(secret.Substring(at, n));
            at += n;
        }

        tokens.Add(" ");
        _planted++;
    }

    private byte[] Finish(StringBuilder sb) => Encoding.UTF8.GetBytes(sb.ToString());

    private void Event(StringBuilder sb, string? eventName, string data)
    {
        if (eventName is not null)
        {
            sb.Append("event: ").Append(eventName).Append('\n');
        }

        sb.Append("data: ").Append(data).Append("\n\n");
        _events++;
    }

    private static string Json(string text) => JsonSerializer.Serialize(text, s_json);
}
