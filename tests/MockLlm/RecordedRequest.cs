using System.Text;

namespace Hush.MockLlm;

/// <summary>One request as the mock received it (after any proxy in front), so tests can assert what reached the provider.</summary>
/// <param name="Sequence">1-based arrival number; matches <see cref="RecordedResponse.Sequence"/>.</param>
/// <param name="Method">HTTP method.</param>
/// <param name="Path">Request path (no query).</param>
/// <param name="Query">Query string including <c>?</c>, or empty.</param>
/// <param name="Headers">Headers with lower-case names; repeated values joined with <c>", "</c>.</param>
/// <param name="Body">Body bytes exactly as received (after transfer decoding).</param>
public sealed record RecordedRequest(
    long Sequence,
    string Method,
    string Path,
    string Query,
    IReadOnlyDictionary<string, string> Headers,
    byte[] Body)
{
    /// <summary>The body decoded as UTF-8.</summary>
    public string BodyText => Encoding.UTF8.GetString(Body);

    /// <summary>Whether <paramref name="value"/> occurs in any header value or in the body (ordinal, UTF-8).</summary>
    public bool Contains(string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(value);
        foreach (var header in Headers)
        {
            if (header.Value.Contains(value, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return Body.AsSpan().IndexOf(Encoding.UTF8.GetBytes(value)) >= 0;
    }
}
