using System.Globalization;

namespace Hush.Benchmarks.Corpus;

/// <summary>JSON: API payloads (pretty or minified), chat completion responses and their SSE chunk streams.</summary>
internal sealed partial class CorpusGenerator
{
    private static readonly string[] s_statusWords = ["active", "pending", "shipped", "cancelled", "failed", "completed"];

    private void WriteJsonDocument(int end)
    {
        switch (_rng.Next(4))
        {
            case 0:
            case 1:
                while (_sink.Length < end)
                {
                    var pretty = _rng.Chance(0.5);
                    ApiPayload(pretty ? "" : null, 0);
                    _sink.Line();
                }

                break;
            case 2:
                while (_sink.Length < end)
                {
                    ChatCompletion();
                }

                break;
            default:
                ChatStream(end);
                break;
        }
    }

    /// <summary>
    /// Writes one object. <paramref name="indent"/> is null for minified output, otherwise the current indent.
    /// </summary>
    private void ApiPayload(string? indent, int depth)
    {
        var inner = indent is null ? null : indent + "  ";
        _sink.Append('{');
        var members = _rng.Between(3, depth == 0 ? 10 : 6);
        for (var i = 0; i < members; i++)
        {
            if (i > 0)
            {
                _sink.Append(',');
            }

            if (inner is not null)
            {
                _sink.Line().Append(inner);
            }

            if (depth > 0 && TryPlant(SecretSyntax.Json, ""))
            {
                continue;
            }

            _sink.Append('"').Append(Ident.Snake(IdentWords(1, 2))).Append(inner is null ? "\":" : "\": ");
            JsonValue(inner, depth);
        }

        if (indent is not null)
        {
            _sink.Line().Append(indent);
        }

        _sink.Append('}');
    }

    private void JsonValue(string? indent, int depth)
    {
        switch (_rng.Next(depth < 2 ? 12 : 9))
        {
            case 0: _sink.Append('"').Append(_rng.Uuid()).Append('"'); break;
            case 1: _sink.Append('"').Append(Timestamp()).Append('"'); break;
            case 2: _sink.Append(_rng.Between(0, 100000)); break;
            case 3: _sink.Append(_rng.Between(0, 9999)).Append('.').Append(_rng.Between(10, 99)); break;
            case 4: _sink.Append(_rng.Chance(0.5) ? "true" : _rng.Chance(0.5) ? "false" : "null"); break;
            case 5: _sink.Append('"').Append(_rng.Pick(s_statusWords)).Append('"'); break;
            case 6:
                _sink.Append('"').Append(_rng.Pick(WordLists.FirstNames)).Append(' ').Append(_rng.Pick(WordLists.LastNames)).Append('"');
                break;
            case 7:
                _sink.Append("\"https://").Append(_rng.Pick(WordLists.Hosts)).Append(_rng.Pick(WordLists.Paths)).Append('/')
                    .Append(_rng.Alnum(8)).Append('"');
                break;
            case 8: _sink.Append('"').Append(Sentence()).Append('"'); break;
            case 9:
                _sink.Append('[');
                for (var i = _rng.Between(1, 4); i > 0; i--)
                {
                    ApiPayload(indent, depth + 1);
                    if (i > 1)
                    {
                        _sink.Append(indent is null ? "," : ", ");
                    }
                }

                _sink.Append(']');
                break;
            default: ApiPayload(indent, depth + 1); break;
        }
    }

    private void ChatCompletion()
    {
        var created = (long)(_clock - DateTime.UnixEpoch).TotalSeconds;
        Tick(5000);
        _sink.Append("{\"id\":\"chatcmpl-").Append(_rng.Alnum(29)).Append("\",\"object\":\"chat.completion\",\"created\":").Append(created)
            .Append(",\"model\":\"").Append(_rng.Pick(WordLists.Models)).Append("\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"");
        var parts = _rng.Between(2, 6);
        for (var i = 0; i < parts; i++)
        {
            if (TryPlant(SecretSyntax.ChatContent, ""))
            {
                continue;
            }

            var chunk = _rng.Chance(0.35)
                ? Capture(() => { _sink.Line("```"); WriteCode(_rng.Between(300, 1500)); _sink.Line("```"); })
                : Capture(() => { _sink.Append(Sentence()).Append(' ').Append(Sentence()).Line().Line(); });
            _sink.AppendJsonEscaped(chunk);
        }

        var prompt = _rng.Between(20, 4000);
        var completion = _rng.Between(20, 1500);
        _sink.Append("\"},\"logprobs\":null,\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":").Append(prompt)
            .Append(",\"completion_tokens\":").Append(completion).Append(",\"total_tokens\":").Append(prompt + completion)
            .Append("},\"system_fingerprint\":\"fp_").Append(_rng.Hex(10)).Line("\"}");
    }

    private void ChatStream(int end)
    {
        var id = "chatcmpl-" + _rng.Alnum(29);
        var model = _rng.Pick(WordLists.Models);
        var created = ((long)(_clock - DateTime.UnixEpoch).TotalSeconds).ToString(CultureInfo.InvariantCulture);
        var head = "data: {\"id\":\"" + id + "\",\"object\":\"chat.completion.chunk\",\"created\":" + created + ",\"model\":\"" + model +
            "\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"";
        while (_sink.Length < end)
        {
            _sink.Append(head);
            if (!TryPlant(SecretSyntax.ChatContent, ""))
            {
                for (var i = _rng.Between(1, 3); i > 0; i--)
                {
                    _sink.Append(' ').Append(_rng.PickSkewed(WordLists.English));
                }
            }

            _sink.Append("\"},\"finish_reason\":null}]}").Line().Line();
        }

        _sink.Append("data: [DONE]").Line().Line();
    }
}
