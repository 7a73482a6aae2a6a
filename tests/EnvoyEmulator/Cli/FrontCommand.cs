using System.Net;
using Envoy.Extensions.Filters.Http.ExtProc.V3;
using Hush.EnvoyEmulator.Filter;
using Hush.EnvoyEmulator.Front;
using Hush.EnvoyEmulator.JwtAuthn;

namespace Hush.EnvoyEmulator.Cli;

/// <summary><c>front</c>: runs the emulated Envoy front proxy until Ctrl-C / SIGTERM.</summary>
internal static class FrontCommand
{
    /// <summary>Usage text.</summary>
    public const string Usage =
        "front --listen 127.0.0.1:10000 --upstream http://127.0.0.1:8080 --ext-proc http://127.0.0.1:50051 --jwks FILE\n" +
        "      [--issuer X] [--audience Y] [--payload-key jwt_payload] [--jwt-prefix /v1/]\n" +
        "      [--request-body-mode NONE] [--response-body-mode STREAMED] [--message-timeout 2s] [--max-message-timeout 3600s]\n" +
        "      [--failure-mode-allow false] [--forwarding-namespace envoy.filters.http.jwt_authn ...]";

    /// <summary>Parses the options (exposed for tests).</summary>
    public static FrontProxyOptions ParseOptions(CliArguments args)
    {
        var jwks = args.Get("--jwks");
        var namespaces = args.All("--forwarding-namespace");
        return new FrontProxyOptions
        {
            Listen = IPEndPoint.Parse(args.Get("--listen", "127.0.0.1:10000")!),
            Upstream = new Uri(args.Required("--upstream")),
            ExtProc = new Uri(args.Get("--ext-proc", "http://127.0.0.1:50051")!),
            Jwt = jwks is null ? null : new JwtProviderOptions
            {
                Jwks = Jwks.Load(jwks),
                Issuer = args.Get("--issuer"),
                Audiences = args.All("--audience"),
                PayloadInMetadata = args.Get("--payload-key", "jwt_payload")!,
                RequiredPrefixes = args.All("--jwt-prefix") is { Count: > 0 } prefixes ? prefixes : ["/v1/"],
            },
            Filter = new ExtProcFilterConfig
            {
                ProcessingMode = new ProcessingMode
                {
                    RequestHeaderMode = ProcessingMode.Types.HeaderSendMode.Send,
                    ResponseHeaderMode = ProcessingMode.Types.HeaderSendMode.Send,
                    RequestBodyMode = ParseBodyMode(args.Get("--request-body-mode", "NONE")!),
                    ResponseBodyMode = ParseBodyMode(args.Get("--response-body-mode", "STREAMED")!),
                    RequestTrailerMode = ProcessingMode.Types.HeaderSendMode.Skip,
                    ResponseTrailerMode = ProcessingMode.Types.HeaderSendMode.Skip,
                },
                MessageTimeout = CliArguments.ParseDuration(args.Get("--message-timeout", "2s")!),
                MaxMessageTimeout = CliArguments.ParseDuration(args.Get("--max-message-timeout", "3600s")!),
                FailureModeAllow = bool.Parse(args.Get("--failure-mode-allow", "false")!),
                ForwardingNamespacesUntyped = namespaces.Count > 0 ? namespaces : [JwtAuthnFilter.MetadataNamespace],
                ReceivingNamespacesUntyped = ["llm.secret_masker"],
                RequestAttributes = ["request.path", "request.method", "connection.id"],
                ResponseAttributes = ["response.code"],
            },
        };
    }

    /// <summary>Runs the front.</summary>
    public static async Task<int> RunAsync(CliArguments args, CancellationToken ct)
    {
        var options = ParseOptions(args);
        await using var front = await FrontProxy.StartAsync(options, ct).ConfigureAwait(false);
        await Console.Out.WriteLineAsync($"envoy-emulator front listening on {front.Address} -> upstream {options.Upstream}, ext_proc {options.ExtProc}").ConfigureAwait(false);
        try
        {
            await Task.Delay(Timeout.Infinite, ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Ctrl-C / SIGTERM.
        }

        return 0;
    }

    private static ProcessingMode.Types.BodySendMode ParseBodyMode(string text) => text.ToUpperInvariant() switch
    {
        "NONE" => ProcessingMode.Types.BodySendMode.None,
        "STREAMED" => ProcessingMode.Types.BodySendMode.Streamed,
        "BUFFERED" => ProcessingMode.Types.BodySendMode.Buffered,
        "BUFFERED_PARTIAL" => ProcessingMode.Types.BodySendMode.BufferedPartial,
        "FULL_DUPLEX_STREAMED" => ProcessingMode.Types.BodySendMode.FullDuplexStreamed,
        _ => throw new ArgumentException($"unknown body mode '{text}'"),
    };
}
