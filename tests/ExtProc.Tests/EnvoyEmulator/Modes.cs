using Envoy.Extensions.Filters.Http.ExtProc.V3;
using Hush.EnvoyEmulator.Filter;
using BodyMode = Envoy.Extensions.Filters.Http.ExtProc.V3.ProcessingMode.Types.BodySendMode;
using HeaderMode = Envoy.Extensions.Filters.Http.ExtProc.V3.ProcessingMode.Types.HeaderSendMode;

namespace Hush.ExtProc.Tests.EnvoyEmulator;

/// <summary>Filter configs used by the emulator self-tests.</summary>
internal static class Modes
{
    public static readonly TimeSpan Long = TimeSpan.FromSeconds(10);

    public static ProcessingMode Mode(
        BodyMode requestBody = BodyMode.None,
        BodyMode responseBody = BodyMode.None,
        HeaderMode requestTrailers = HeaderMode.Skip,
        HeaderMode responseTrailers = HeaderMode.Skip,
        HeaderMode requestHeaders = HeaderMode.Send,
        HeaderMode responseHeaders = HeaderMode.Send) => new()
        {
            RequestHeaderMode = requestHeaders,
            ResponseHeaderMode = responseHeaders,
            RequestBodyMode = requestBody,
            ResponseBodyMode = responseBody,
            RequestTrailerMode = requestTrailers,
            ResponseTrailerMode = responseTrailers,
        };

    /// <summary>Default modes with a message timeout long enough for real-time tests.</summary>
    public static ExtProcFilterConfig Config(ProcessingMode? mode = null) => new()
    {
        ProcessingMode = mode ?? Mode(),
        MessageTimeout = Long,
    };

    public static ExtProcFilterConfig StreamedResponse() => Config(Mode(responseBody: BodyMode.Streamed));
}
