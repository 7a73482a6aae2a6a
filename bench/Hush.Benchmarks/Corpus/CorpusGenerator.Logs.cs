using System.Globalization;

namespace Hush.Benchmarks.Corpus;

/// <summary>Logs: application lines, access logs, JSON structured lines and stack traces.</summary>
internal sealed partial class CorpusGenerator
{
    private static readonly string[] s_methods = ["GET", "GET", "GET", "POST", "PUT", "DELETE", "PATCH"];
    private static readonly int[] s_statuses = [200, 200, 200, 200, 201, 204, 301, 304, 400, 401, 403, 404, 429, 500, 502, 503];
    private static readonly string[] s_components = ["api.orders", "auth", "billing.worker", "gateway", "scheduler", "db.pool", "cache"];

    private void WriteLogs(int end)
    {
        var style = _rng.Next(3);
        while (_sink.Length < end)
        {
            switch (style)
            {
                case 0: AppLogLine(); break;
                case 1: AccessLogLine(); break;
                default: JsonLogLine(); break;
            }
        }
    }

    private string Timestamp() => Tick(400).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private void AppLogLine()
    {
        var level = _rng.PickSkewed(WordLists.Levels);
        _sink.Append(Timestamp()).Append(' ').Append(level.PadRight(5)).Append(" [").Append(_rng.Hex(16)).Append("] ")
            .Append(_rng.Pick(s_components)).Append(": ");
        if (TryPlant(SecretSyntax.Log, ""))
        {
            _sink.Line();
            return;
        }

        switch (_rng.Next(5))
        {
            case 0:
                _sink.Append(_rng.Pick(s_methods)).Append(' ').Append(_rng.Pick(WordLists.Paths)).Append('/').Append(_rng.Between(1, 99999))
                    .Append(' ').Append(_rng.Pick(s_statuses)).Append(' ').Append(_rng.Between(1, 900)).Append("ms ip=").Append(_rng.Ip())
                    .Append(" request_id=").Line(_rng.Uuid());
                break;
            case 1:
                _sink.Append("user=").Append(_rng.Pick(WordLists.FirstNames).ToLowerInvariant()).Append('@').Append(_rng.Pick(WordLists.Hosts))
                    .Append(" action=").Append(Ident.Snake(IdentWords(1, 2))).Append(" duration_ms=").Append(_rng.Between(1, 5000)).Line();
                break;
            case 2:
                _sink.Append("connected to ").Append(_rng.Pick(WordLists.Hosts)).Append(':').Append(_rng.Pick(new[] { 443, 5432, 6379, 9092 }))
                    .Append(" pool=").Append(_rng.Between(1, 64)).Append('/').Append(64).Append(" sha=").Line(_rng.Hex(40));
                break;
            default:
                _sink.Line(Sentence());
                if (level == "ERROR")
                {
                    StackTrace();
                }

                break;
        }
    }

    private void StackTrace()
    {
        _sink.Append("System.InvalidOperationException: ").Line(Sentence());
        for (var i = _rng.Between(3, 9); i > 0; i--)
        {
            _sink.Append("   at ").Append(Ident.Pascal(IdentWords(1, 2))).Append('.').Append(Ident.Pascal(IdentWords(1, 2))).Append('.')
                .Append(Ident.Pascal(IdentWords(1, 3))).Append("Async(").Append(Ident.Pascal(IdentWords(1, 1))).Append(" ")
                .Append(Ident.Camel(IdentWords(1, 2))).Append(") in /src/").Append(Ident.Pascal(IdentWords(1, 2))).Append(".cs:line ")
                .Append(_rng.Between(10, 900)).Line();
        }
    }

    private void AccessLogLine()
    {
        var t = Tick(300).ToString("dd/MMM/yyyy:HH:mm:ss", CultureInfo.InvariantCulture);
        _sink.Append(_rng.Ip()).Append(" - - [").Append(t).Append(" +0000] \"").Append(_rng.Pick(s_methods)).Append(' ')
            .Append(_rng.Pick(WordLists.Paths));
        if (_rng.Chance(0.4))
        {
            _sink.Append("?page=").Append(_rng.Between(1, 40)).Append("&q=").Append(_rng.PickSkewed(WordLists.English));
        }

        _sink.Append(" HTTP/1.1\" ").Append(_rng.Pick(s_statuses)).Append(' ').Append(_rng.Between(0, 90000)).Append(" \"-\" \"")
            .Append(_rng.Pick(WordLists.UserAgents)).Append("\" ").Append(_rng.Between(1, 2000)).Append("ms");
        if (_sink.Length >= _nextSecretAt && !_capturing)
        {
            _sink.Append(' ');
            TryPlant(SecretSyntax.Log, "");
        }

        _sink.Line();
    }

    private void JsonLogLine()
    {
        _sink.Append("{\"ts\":\"").Append(Timestamp()).Append("\",\"level\":\"").Append(_rng.PickSkewed(WordLists.Levels).ToLowerInvariant())
            .Append("\",\"logger\":\"").Append(_rng.Pick(s_components)).Append("\",\"msg\":\"").Append(Sentence())
            .Append("\",\"request_id\":\"").Append(_rng.Uuid()).Append("\",\"latency_ms\":").Append(_rng.Between(1, 3000));
        if (PlantDue)
        {
            _sink.Append(',');
            TryPlant(SecretSyntax.Json, "");
        }

        _sink.Line("}");
    }
}
