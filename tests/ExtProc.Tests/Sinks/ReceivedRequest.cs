using System.Text;

namespace Hush.ExtProc.Tests.Sinks;

/// <summary>One request an <see cref="HttpTestReceiver"/> got.</summary>
internal sealed record ReceivedRequest(string Path, string? ContentType, IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    /// <summary>The body as UTF-8 text.</summary>
    public string Text => Encoding.UTF8.GetString(Body);
}
