using System.Buffers;
using System.IO.Pipelines;
using System.Text.Json;

namespace Hush.ExtProc.Api;

/// <summary>The body of <c>POST /api/holds/{id}/approve|deny</c>: <c>{"justification":"…","digest":"…"}</c> (digest optional).</summary>
/// <param name="Justification">Why the approver decided so (may be blank here; the service refuses blank ones).</param>
/// <param name="Digest">The answer digest the approver saw, binding the decision to that answer.</param>
internal sealed record DecisionRequest(string? Justification, string? Digest)
{
    /// <summary>Largest body read; a justification is a sentence or two.</summary>
    public const int MaxBodyBytes = 64 * 1024;

    /// <summary>Longest justification kept (characters).</summary>
    public const int MaxJustificationLength = 4000;

    /// <summary>Reads and parses the request body: the request, or null and why it is not a valid one.</summary>
    public static async Task<(DecisionRequest? Request, string? Error)> ReadAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var reader = context.Request.BodyReader;
        while (true)
        {
            var read = await reader.ReadAsync(context.RequestAborted).ConfigureAwait(false);
            if (read.Buffer.Length > MaxBodyBytes)
            {
                reader.AdvanceTo(read.Buffer.Start, read.Buffer.End);
                return (null, "the body is larger than 64 KiB");
            }

            if (read.IsCompleted)
            {
                try
                {
                    return Parse(read.Buffer);
                }
                finally
                {
                    reader.AdvanceTo(read.Buffer.End);
                }
            }

            reader.AdvanceTo(read.Buffer.Start, read.Buffer.End);
        }
    }

    private static (DecisionRequest? Request, string? Error) Parse(ReadOnlySequence<byte> body)
    {
        if (body.IsEmpty)
        {
            return (null, "the body must be a JSON object with a justification");
        }

        try
        {
            using var doc = JsonDocument.Parse(body, new JsonDocumentOptions { AllowDuplicateProperties = false, MaxDepth = 8 });
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return (null, "the body must be a JSON object");
            }

            if (!TryString(root, "justification", out var justification) || !TryString(root, "digest", out var digest))
            {
                return (null, "justification and digest must be strings");
            }

            if (justification is { Length: > MaxJustificationLength })
            {
                return (null, "the justification is longer than 4000 characters");
            }

            return (new DecisionRequest(justification, string.IsNullOrWhiteSpace(digest) ? null : digest.Trim()), null);
        }
        catch (JsonException)
        {
            return (null, "the body is not valid JSON");
        }
    }

    private static bool TryString(JsonElement root, string name, out string? value)
    {
        value = null;
        if (!root.TryGetProperty(name, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return true;
        }

        if (element.ValueKind != JsonValueKind.String)
        {
            return false;
        }

        value = element.GetString();
        return true;
    }
}
