using System.Buffers;
using System.Text.Json;

namespace Hush.ExtProc.Api;

/// <summary>Writes the API's JSON answers: <c>{"error":{"type":…,"message":…}}</c> for errors, any JSON body otherwise.</summary>
internal static class ApiErrors
{
    /// <summary>The media type of every JSON answer.</summary>
    public const string JsonContentType = "application/json; charset=utf-8";

    /// <summary>Writes an error answer with <paramref name="status"/>.</summary>
    public static Task WriteAsync(HttpContext context, int status, string type, string message)
    {
        ArgumentNullException.ThrowIfNull(context);
        return WriteJsonAsync(context, status, writer =>
        {
            writer.WriteStartObject();
            writer.WriteStartObject("error");
            writer.WriteString("type", type);
            writer.WriteString("message", message);
            writer.WriteEndObject();
            writer.WriteEndObject();
        });
    }

    /// <summary>Writes <paramref name="write"/>'s JSON with <paramref name="status"/>, uncached.</summary>
    public static async Task WriteJsonAsync(HttpContext context, int status, Action<Utf8JsonWriter> write)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(write);
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }

        var response = context.Response;
        response.StatusCode = status;
        response.ContentType = JsonContentType;
        response.ContentLength = buffer.WrittenCount;
        ApiHeaders.NoStore(response);
        await response.Body.WriteAsync(buffer.WrittenMemory, context.RequestAborted).ConfigureAwait(false);
    }
}
