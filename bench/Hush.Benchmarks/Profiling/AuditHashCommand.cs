using System.Globalization;
using System.Text;
using Hush.ExtProc.Audit;

namespace Hush.Benchmarks.Profiling;

/// <summary>
/// <c>audit-hash [--seconds S]</c>: hashes audit records whose masked response is 64 KiB of Chat Completions SSE (a
/// quote every few bytes), the audit writer's cost per exchange; prints thread CPU per record.
/// </summary>
internal static class AuditHashCommand
{
    /// <summary>Runs the command; returns the process exit code.</summary>
    public static int Run(string[] args, TextWriter output)
    {
        var seconds = InterleaveCommand.Option(args, "--seconds") ?? 5;
        var (text, _) = InterleaveCommand.Build(new Random(5), 300, 50, 500);
        var body = Encoding.UTF8.GetString(text.AsSpan(0, Math.Min(text.Length, 64 * 1024)));
        var record = new AuditRecord { MaskedRequest = "{\"model\":\"gpt-4o-mini\",\"messages\":[]}", MaskedResponse = body };
        var hashed = 0L;
        for (var phase = 0; phase < 2; phase++)
        {
            var count = 0;
            var cpu = ThreadCpu.Now();
            var until = Environment.TickCount64 + (phase == 0 ? 1000 : seconds * 1000);
            while (Environment.TickCount64 < until)
            {
                hashed += AuditCanonical.ComputeHash(record).Length;
                count++;
            }

            if (phase == 1)
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"audit hash, {body.Length} chars of SSE: {count:N0} records, {(ThreadCpu.Now() - cpu).TotalNanoseconds / count:F0} ns CPU per record"));
            }
        }

        GC.KeepAlive(hashed);
        return 0;
    }
}
