using System.Security.Cryptography;

namespace Hush.Benchmarks.Corpus;

/// <summary>
/// Generates the benchmark corpus: a deterministic mix of source code (C#, Python, JavaScript, Go), JSON (API
/// payloads, chat completion responses and their SSE chunks), English-like prose and logs, with FAKE secrets
/// planted about once per <see cref="MeanSecretGap"/> bytes and credential-shaped placeholders as often.
/// The same seed and size always give byte-identical output.
/// </summary>
internal sealed partial class CorpusGenerator
{
    /// <summary>Seed of the published benchmark corpus.</summary>
    public const int DefaultSeed = 20261128;

    /// <summary>Mean distance in bytes between planted secrets.</summary>
    public const int MeanSecretGap = 20 * 1024;

    private readonly CorpusRandom _rng;
    private readonly SecretFactory _secrets;
    private readonly List<PlantedSecret> _planted = [];
    private CorpusSink _sink;
    private long _nextSecretAt;
    private long _nextPlaceholderAt;
    private bool _capturing;
    private DateTime _clock = new(2026, 11, 28, 6, 0, 0, DateTimeKind.Utc);

    private CorpusGenerator(int seed, int capacity, bool plant)
    {
        _rng = new CorpusRandom(seed);
        _secrets = new SecretFactory(_rng);
        _sink = new CorpusSink(capacity);
        _nextSecretAt = plant ? NextGap(MeanSecretGap) : long.MaxValue;
        _nextPlaceholderAt = plant ? NextGap(MeanSecretGap) : long.MaxValue;
    }

    /// <summary>
    /// Generates exactly <paramref name="bytes"/> bytes of corpus for <paramref name="seed"/>; with
    /// <paramref name="plant"/> false, the same kinds of text with no secrets or placeholders planted.
    /// </summary>
    public static CorpusResult Generate(int seed, int bytes, bool plant = true)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(bytes);
        var generator = new CorpusGenerator(seed, bytes + (64 * 1024), plant);
        while (generator._sink.Length < bytes)
        {
            generator.WriteDocument();
        }

        generator._sink.Truncate(bytes);
        var data = generator._sink.Written.ToArray();

        // The last document is cut at the size limit; a secret it cut is no longer whole, so it is not listed.
        var planted = generator._planted.FindAll(p => p.Offset + p.Length <= bytes);
        return new CorpusResult(data, planted, Convert.ToHexStringLower(SHA256.HashData(data)));
    }

    private void WriteDocument()
    {
        var end = _sink.Length + _rng.Between(2 * 1024, 16 * 1024);
        var pick = _rng.Next(100);
        if (pick < 35)
        {
            WriteCode(end);
        }
        else if (pick < 60)
        {
            WriteJsonDocument(end);
        }
        else if (pick < 80)
        {
            WriteProse(end);
        }
        else
        {
            WriteLogs(end);
        }
    }

    private void WriteCode(int end)
    {
        switch (_rng.Next(4))
        {
            case 0: WriteCSharp(end); break;
            case 1: WritePython(end); break;
            case 2: WriteJavaScript(end); break;
            default: WriteGo(end); break;
        }
    }

    private long NextGap(int mean) => _sink.Length + (mean / 2) + _rng.Next(mean);

    /// <summary>Advances the synthetic clock used by logs and payloads by up to <paramref name="maxMs"/>.</summary>
    private DateTime Tick(int maxMs)
    {
        _clock = _clock.AddMilliseconds(_rng.Next(maxMs));
        return _clock;
    }

    /// <summary>Runs the nested generator <paramref name="write"/> into a fresh sink and returns its bytes.</summary>
    private byte[] Capture(Action write)
    {
        // Offsets recorded inside a nested sink would be wrong in the corpus, so nothing is planted there.
        var outer = _sink;
        _sink = new CorpusSink(4096);
        _capturing = true;
        try
        {
            write();
            return _sink.Written.ToArray();
        }
        finally
        {
            _sink = outer;
            _capturing = false;
        }
    }
}
