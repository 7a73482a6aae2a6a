using System.Buffers;
using System.Diagnostics;
using Hush.ExtProc.Codecs.Sse;
using Hush.Policy.Matching;

namespace Hush.Benchmarks.Sse;

/// <summary>TEMPORARY: cost breakdown.</summary>
internal static class SseExperiments
{
    /// <summary>Runs.</summary>
    public static void Run(SseCorpus corpus, PolicyMatcher matcher, TextWriter log)
    {
        var bodies = corpus.Bodies.Where(b => b.AsSpan().StartsWith("data: {\"id\":\"chatcmpl"u8)).ToList();
        var datas = new List<byte[]>();
        foreach (var b in bodies)
        {
            foreach (var line in System.Text.Encoding.UTF8.GetString(b).Split('\n'))
            {
                if (line.StartsWith("data: {", StringComparison.Ordinal))
                {
                    datas.Add(System.Text.Encoding.UTF8.GetBytes(line[6..]));
                }
            }
        }

        var bytes = bodies.Sum(b => (long)b.Length);
        using var scanner = new SseJsonScanner();
        var aux = new ArrayBufferWriter<byte>();
        var text = new ArrayBufferWriter<byte>();
        foreach (var d in datas)
        {
            scanner.Scan(d);
            foreach (var t in scanner.Tokens)
            {
                if (t.Role == JsonStringRole.ChatContent)
                {
                    text.Write(scanner.Decoded(t));
                }
                else
                {
                    aux.Write(scanner.Decoded(t));
                    aux.Write("\n"u8);
                }
            }
        }

        for (var round = 0; round < 3; round++)
        {
            var sw = Stopwatch.StartNew();
            for (var i = 0; i < 10; i++)
            {
                foreach (var d in datas)
                {
                    scanner.Scan(d);
                }
            }

            log.WriteLine($"scan: {sw.Elapsed.TotalMicroseconds / 10 / datas.Count:0.000} µs/event");
            sw.Restart();
            for (var i = 0; i < 10; i++)
            {
                foreach (var d in datas)
                {
                    var r = new System.Text.Json.Utf8JsonReader(d);
                    while (r.Read())
                    {
                    }
                }
            }

            log.WriteLine($"reader only: {sw.Elapsed.TotalMicroseconds / 10 / datas.Count:0.000} µs/event");
            foreach (var (name, buf) in new[] { ("aux", aux), ("text", text) })
            {
                var output = new Infrastructure.CountingBufferWriter();
                sw.Restart();
                for (var i = 0; i < 10; i++)
                {
                    var m = matcher.CreateStream();
                    m.RecordReplacements = true;
                    var span = buf.WrittenSpan;
                    for (var at = 0; at < span.Length; at += 1600)
                    {
                        m.Write(span.Slice(at, Math.Min(1600, span.Length - at)), output);
                        m.ClearEvents();
                        m.ClearReplacements();
                    }
                }

                log.WriteLine($"{name} matcher: {buf.WrittenCount / datas.Count} B/event, {sw.Elapsed.TotalMicroseconds / 10 / datas.Count:0.000} µs/event");
            }

            sw.Restart();
            for (var i = 0; i < 10; i++)
            {
                SseRunner.RunAll(bodies, SseMode.Raw, matcher, new CountingMatchSink(), 4096, new Infrastructure.CountingBufferWriter());
            }

            log.WriteLine($"raw codec: {sw.Elapsed.TotalMicroseconds / 10 / datas.Count:0.000} µs/event, {bytes / datas.Count} B/event");
            sw.Restart();
            for (var i = 0; i < 10; i++)
            {
                SseRunner.RunAll(bodies, SseMode.Sse, matcher, new CountingMatchSink(), 4096, new Infrastructure.CountingBufferWriter());
            }

            log.WriteLine($"sse codec: {sw.Elapsed.TotalMicroseconds / 10 / datas.Count:0.000} µs/event");
        }
    }
}
