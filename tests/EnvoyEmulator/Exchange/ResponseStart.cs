namespace Hush.EnvoyEmulator.Exchange;

/// <summary>When the scripted upstream starts answering.</summary>
public enum ResponseStart
{
    /// <summary>After the whole request reached the upstream (default).</summary>
    AfterRequestComplete,

    /// <summary>As soon as the request headers reached the upstream; the request body follows the response headers.</summary>
    AfterRequestHeaders,
}
