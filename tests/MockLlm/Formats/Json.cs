using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Hush.MockLlm.Formats;

/// <summary>Small helpers to write provider JSON and SSE framing.</summary>
internal static class Json
{
    // Relaxed escaping keeps text such as '+' or non-ASCII verbatim in the bytes, as the real providers send it,
    // so secrets inside answers appear on the wire exactly as scripted.
    private static readonly JsonWriterOptions s_options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Serializes one JSON value written by <paramref name="write"/>.</summary>
    public static byte[] Write(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, s_options))
        {
            write(writer);
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>An unnamed SSE event: <c>data: json</c> and a blank line (OpenAI Chat Completions style).</summary>
    public static byte[] Data(byte[] json) => Frame(null, json);

    /// <summary>A named SSE event: <c>event: name</c>, <c>data: json</c> and a blank line (Responses and Anthropic style).</summary>
    public static byte[] Event(string name, byte[] json) => Frame(name, json);

    /// <summary>The OpenAI stream terminator <c>data: [DONE]</c>.</summary>
    public static byte[] Done() => Encoding.UTF8.GetBytes("data: [DONE]\n\n");

    /// <summary>Writes a usage-like integer pair object.</summary>
    public static void Usage(Utf8JsonWriter writer, string name, string inputName, int input, string outputName, int output, string? totalName)
    {
        writer.WriteStartObject(name);
        writer.WriteNumber(inputName, input);
        writer.WriteNumber(outputName, output);
        if (totalName is not null)
        {
            writer.WriteNumber(totalName, input + output);
        }

        writer.WriteEndObject();
    }

    private static byte[] Frame(string? name, byte[] json)
    {
        var head = name is null ? "data: " : "event: " + name + "\ndata: ";
        var headBytes = Encoding.UTF8.GetBytes(head);
        var frame = new byte[headBytes.Length + json.Length + 2];
        headBytes.CopyTo(frame, 0);
        json.CopyTo(frame, headBytes.Length);
        frame[^2] = (byte)'\n';
        frame[^1] = (byte)'\n';
        return frame;
    }
}
