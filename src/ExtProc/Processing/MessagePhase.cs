namespace Hush.ExtProc.Processing;

/// <summary>Which part of the HTTP stream an ext_proc message carries; the metric label of per-phase series.</summary>
internal enum MessagePhase
{
    /// <summary>request_headers.</summary>
    RequestHeaders = 0,

    /// <summary>request_body.</summary>
    RequestBody = 1,

    /// <summary>request_trailers.</summary>
    RequestTrailers = 2,

    /// <summary>response_headers.</summary>
    ResponseHeaders = 3,

    /// <summary>response_body.</summary>
    ResponseBody = 4,

    /// <summary>response_trailers.</summary>
    ResponseTrailers = 5,
}
