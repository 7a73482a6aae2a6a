using System.Globalization;
using System.Text;

namespace Hush.Benchmarks.Sse;

internal sealed partial class SseCorpus
{
    /// <summary>An OpenAI Chat Completions stream: role chunk, content (or tool-call argument) chunks, finish, [DONE].</summary>
    private byte[] Chat()
    {
        var sb = new StringBuilder();
        var id = "chatcmpl-" + _rng.Alnum(29);
        var created = (1764288000 + _rng.Next(100000)).ToString(CultureInfo.InvariantCulture);
        var fingerprint = "fp_" + _rng.Hex(10);
        var head = $"{{\"id\":\"{id}\",\"object\":\"chat.completion.chunk\",\"created\":{created},\"model\":\"gpt-4o-2024-08-06\",\"system_fingerprint\":\"{fingerprint}\",\"choices\":[{{\"index\":0,";
        Event(sb, null, head + "\"delta\":{\"role\":\"assistant\",\"content\":\"\",\"refusal\":null},\"logprobs\":null,\"finish_reason\":null}]}");
        var tool = _rng.Chance(0.1);
        if (tool)
        {
            Event(sb, null, head + $"\"delta\":{{\"tool_calls\":[{{\"index\":0,\"id\":\"call_{_rng.Alnum(24)}\",\"type\":\"function\",\"function\":{{\"name\":\"run_shell\",\"arguments\":\"\"}}}}]}},\"logprobs\":null,\"finish_reason\":null}}]}}");
        }

        foreach (var token in Tokens(_rng.Between(40, 400)))
        {
            var delta = tool
                ? $"{{\"tool_calls\":[{{\"index\":0,\"function\":{{\"arguments\":{Json(token)}}}}}]}}"
                : $"{{\"content\":{Json(token)}}}";
            Event(sb, null, head + $"\"delta\":{delta},\"logprobs\":null,\"finish_reason\":null}}]}}");
        }

        Event(sb, null, head + $"\"delta\":{{}},\"logprobs\":null,\"finish_reason\":\"{(tool ? "tool_calls" : "stop")}\"}}]}}");
        Event(sb, null, "[DONE]");
        return Finish(sb);
    }

    /// <summary>An OpenAI Responses stream: created, item/part added, text deltas, the …done events repeating the text, completed.</summary>
    private byte[] Responses()
    {
        var sb = new StringBuilder();
        var response = "resp_" + _rng.Hex(48);
        var item = "msg_" + _rng.Hex(48);
        var seq = 0;
        var shell = $"\"id\":\"{response}\",\"object\":\"response\",\"created_at\":{1764288000 + _rng.Next(100000)},\"model\":\"gpt-4.1-2025-04-14\"";
        Event(sb, "response.created", $"{{\"type\":\"response.created\",\"sequence_number\":{seq++},\"response\":{{{shell},\"status\":\"in_progress\",\"output\":[]}}}}");
        Event(sb, "response.output_item.added", $"{{\"type\":\"response.output_item.added\",\"sequence_number\":{seq++},\"output_index\":0,\"item\":{{\"id\":\"{item}\",\"type\":\"message\",\"status\":\"in_progress\",\"content\":[],\"role\":\"assistant\"}}}}");
        Event(sb, "response.content_part.added", $"{{\"type\":\"response.content_part.added\",\"sequence_number\":{seq++},\"item_id\":\"{item}\",\"output_index\":0,\"content_index\":0,\"part\":{{\"type\":\"output_text\",\"annotations\":[],\"text\":\"\"}}}}");
        var text = new StringBuilder();
        foreach (var token in Tokens(_rng.Between(40, 400)))
        {
            text.Append(token);
            Event(sb, "response.output_text.delta", $"{{\"type\":\"response.output_text.delta\",\"sequence_number\":{seq++},\"item_id\":\"{item}\",\"output_index\":0,\"content_index\":0,\"delta\":{Json(token)},\"logprobs\":[]}}");
        }

        var full = Json(text.ToString());
        Event(sb, "response.output_text.done", $"{{\"type\":\"response.output_text.done\",\"sequence_number\":{seq++},\"item_id\":\"{item}\",\"output_index\":0,\"content_index\":0,\"text\":{full},\"logprobs\":[]}}");
        Event(sb, "response.content_part.done", $"{{\"type\":\"response.content_part.done\",\"sequence_number\":{seq++},\"item_id\":\"{item}\",\"output_index\":0,\"content_index\":0,\"part\":{{\"type\":\"output_text\",\"annotations\":[],\"text\":{full}}}}}");
        var message = $"{{\"id\":\"{item}\",\"type\":\"message\",\"status\":\"completed\",\"content\":[{{\"type\":\"output_text\",\"annotations\":[],\"text\":{full}}}],\"role\":\"assistant\"}}";
        Event(sb, "response.output_item.done", $"{{\"type\":\"response.output_item.done\",\"sequence_number\":{seq++},\"output_index\":0,\"item\":{message}}}");
        Event(sb, "response.completed", $"{{\"type\":\"response.completed\",\"sequence_number\":{seq},\"response\":{{{shell},\"status\":\"completed\",\"output\":[{message}],\"usage\":{{\"input_tokens\":37,\"output_tokens\":{seq}}}}}}}");
        return Finish(sb);
    }

    /// <summary>An Anthropic Messages stream: message_start, a text block of text_delta events, ping, stop events.</summary>
    private byte[] Anthropic()
    {
        var sb = new StringBuilder();
        var id = "msg_01" + _rng.Alnum(22);
        Event(sb, "message_start", $"{{\"type\":\"message_start\",\"message\":{{\"id\":\"{id}\",\"type\":\"message\",\"role\":\"assistant\",\"content\":[],\"model\":\"claude-sonnet-4-5-20250929\",\"stop_reason\":null,\"stop_sequence\":null,\"usage\":{{\"input_tokens\":25,\"output_tokens\":1}}}}}}");
        Event(sb, "content_block_start", "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}");
        Event(sb, "ping", "{\"type\": \"ping\"}");
        var n = 0;
        foreach (var token in Tokens(_rng.Between(40, 400)))
        {
            Event(sb, "content_block_delta", $"{{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{{\"type\":\"text_delta\",\"text\":{Json(token)}}}}}");
            n++;
        }

        Event(sb, "content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}");
        Event(sb, "message_delta", $"{{\"type\":\"message_delta\",\"delta\":{{\"stop_reason\":\"end_turn\",\"stop_sequence\":null}},\"usage\":{{\"output_tokens\":{n}}}}}");
        Event(sb, "message_stop", "{\"type\":\"message_stop\"}");
        return Finish(sb);
    }
}
