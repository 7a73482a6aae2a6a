using System.ComponentModel.DataAnnotations;
using Hush.ExtProc.Identity;
using Hush.ExtProc.Policies;

namespace Hush.ExtProc.Hosting;

/// <summary>
/// Settings of the Hush server, bound from the <c>Hush</c> section of appsettings.json, environment
/// variables (<c>Hush__GrpcPort</c>) and the command line (<c>--Hush:GrpcPort=50051</c>). Validated at start-up.
/// </summary>
public sealed class HushOptions
{
    /// <summary>Configuration section name.</summary>
    public const string Section = "Hush";

    /// <summary>Address both listeners bind to (default all interfaces; tests use 127.0.0.1).</summary>
    public string BindAddress { get; set; } = "0.0.0.0";

    /// <summary>ext_proc gRPC port (HTTP/2 without TLS, as Envoy's envoy_grpc cluster expects). 0 picks a free port.</summary>
    [Range(0, 65535)]
    public int GrpcPort { get; set; } = 50051;

    /// <summary>Admin HTTP port: /metrics, /healthz, /readyz. 0 picks a free port.</summary>
    [Range(0, 65535)]
    public int AdminPort { get; set; } = 9080;

    /// <summary>Path of the compiled policy artifact (hushc compile output).</summary>
    public string PolicyPath { get; set; } = "out/default.hushpolicy";

    /// <summary>
    /// Per-route policies: requests matching a route's conditions (path prefix, authority, JWT audience or group) use
    /// that route's artifact; the first match wins, others use <see cref="PolicyPath"/>.
    /// </summary>
    public List<RoutePolicyOptions> Routes { get; set; } = [];

    /// <summary>Watch <see cref="PolicyPath"/> and swap in a new artifact after validating it.</summary>
    public bool WatchPolicy { get; set; } = true;

    /// <summary>How often the watcher re-reads the artifact's metadata when file events are missed (bind mounts, symlink swaps).</summary>
    public TimeSpan PolicyPollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// With a missing or invalid artifact at start-up: false (default) fails fast with a clear message; true starts
    /// NOT_SERVING (gRPC health, /readyz 503, every ext_proc stream refused with UNAVAILABLE) until a valid one appears.
    /// </summary>
    public bool StartWithoutPolicy { get; set; }

    /// <summary>
    /// Mask request bodies (prompts) before the provider sees them (on by default; per route with
    /// <c>Hush:Routes:N:MaskRequests</c>). Envoy must send request bodies (request_body_mode BUFFERED or STREAMED).
    /// </summary>
    public bool MaskRequests { get; set; } = true;

    /// <summary>Remove <c>accept-encoding</c> from requests so upstream responses arrive uncompressed.</summary>
    public bool StripAcceptEncoding { get; set; } = true;

    /// <summary>What to do with a body that arrives compressed anyway (gzip, deflate, br).</summary>
    public CompressedBodyHandling CompressedBodies { get; set; } = CompressedBodyHandling.Decompress;

    /// <summary>
    /// Content types (prefixes, lower case) whose bodies are not scanned: images, audio, video, fonts and archives.
    /// Skipped through <c>mode_override</c> when Envoy allows overrides; otherwise their chunks pass unchanged.
    /// </summary>
    public List<string> SkipContentTypes { get; set; } = [];

    /// <summary>Largest body accepted in BUFFERED mode; larger bodies get an immediate 413 with a JSON error.</summary>
    [Range(1, int.MaxValue)]
    public int MaxBufferedBodyBytes { get; set; } = 8 * 1024 * 1024;

    /// <summary>Most ext_proc streams served at once; further streams are refused with RESOURCE_EXHAUSTED (Envoy fails closed).</summary>
    [Range(1, 1_000_000)]
    public int MaxConcurrentStreams { get; set; } = 10_000;

    /// <summary>
    /// Most bytes one stream may hold back waiting for a possible secret to complete; beyond it the stream fails
    /// closed (gRPC RESOURCE_EXHAUSTED: Envoy replies 500 or resets). Must exceed the policy's hold-back bound.
    /// </summary>
    [Range(1024, int.MaxValue)]
    public int MaxHeldBackBytes { get; set; } = 1024 * 1024;

    /// <summary>
    /// Benchmark baseline only: answer every message with CONTINUE without scanning. Refused unless
    /// <see cref="AllowPassThrough"/> is also set, so it cannot be switched on by one stray variable.
    /// </summary>
    public bool PassThrough { get; set; }

    /// <summary>Second key for <see cref="PassThrough"/>.</summary>
    public bool AllowPassThrough { get; set; }

    /// <summary>
    /// Key of <c>{hmac}</c> placeholders (at least 16 bytes; give every replica the same one, e.g. from a secret in
    /// <c>Hush__PlaceholderKey</c>). Never logged or echoed. Without it a random per-process key is used.
    /// </summary>
    public string? PlaceholderKey { get; set; }

    /// <summary>File holding the placeholder key (alternative to <see cref="PlaceholderKey"/>; trailing newline ignored).</summary>
    public string? PlaceholderKeyFile { get; set; }

    /// <summary>
    /// Where audit records and holds live: <c>sqlite</c> (default; files under <c>Hush:Audit:DataFolder</c>, one
    /// replica) or <c>postgres</c> (<c>Hush:Postgres:ConnectionString</c>; several replicas share holds and one chain).
    /// </summary>
    public string Storage { get; set; } = "sqlite";

    /// <summary>Where the caller's identity comes from and whether it is required.</summary>
    public IdentityOptions Identity { get; set; } = new();

    /// <summary>
    /// Dynamic-metadata namespace Hush writes back to Envoy (caller, CI run, masks) for access logs; list it in the
    /// filter's <c>metadata_options.receiving_namespaces.untyped</c>. Empty turns it off.
    /// </summary>
    public string MetadataNamespace { get; set; } = "hush";

    /// <summary>The content types skipped when <see cref="SkipContentTypes"/> is left empty.</summary>
    public static IReadOnlyList<string> DefaultSkipContentTypes { get; } =
    [
        "image/", "audio/", "video/", "font/", "application/octet-stream", "application/zip",
        "application/gzip", "application/x-tar", "application/pdf", "application/wasm",
    ];
}
