using System.Net;
using Grpc.HealthCheck;
using Hush.ExtProc.Admin;
using Hush.ExtProc.Api;
using Hush.ExtProc.Ui;
using Hush.ExtProc.Metrics;
using Hush.ExtProc.Notifications;
using Hush.ExtProc.Sinks;
using Hush.ExtProc.Policies;
using Hush.ExtProc.Processing;
using Hush.ExtProc.Service;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Hush.ExtProc.Hosting;

/// <summary>
/// Builds and starts the Hush server: the ext_proc gRPC service (h2c only) on one port and the admin HTTP side
/// (/metrics, /healthz, /readyz) on another, each endpoint answering only on its own port.
/// </summary>
public static class HushServer
{
    /// <summary>
    /// Builds the application from <paramref name="args"/> (appsettings.json, environment, command line, in
    /// increasing precedence). Throws <see cref="OptionsValidationException"/> listing every invalid setting.
    /// </summary>
    public static WebApplication Build(string[] args, Action<IServiceCollection>? configureServices = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ContentRootPath = AppContext.BaseDirectory,
        });
        var options = builder.Configuration.GetSection(HushOptions.Section).Get<HushOptions>() ?? new HushOptions();
        var validation = new HushOptionsValidator().Validate(null, options);
        var (audit, holds, storageErrors) = StorageSetup.Read(builder.Configuration);
        Postgres.PostgresOptions? postgres = null;
        if (string.Equals(options.Storage, "postgres", StringComparison.OrdinalIgnoreCase))
        {
            (postgres, var postgresErrors) = PostgresSetup.Read(builder.Configuration);
            storageErrors.AddRange(postgresErrors);
        }

        if (validation.Failed || storageErrors.Count > 0)
        {
            var failures = new List<string>(validation.Failures ?? []);
            failures.AddRange(storageErrors);
            throw new OptionsValidationException(HushOptions.Section, typeof(HushOptions), failures);
        }

        var ports = new ServerPorts();
        ListenOptions? grpcListen = null;
        ListenOptions? adminListen = null;
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            var address = IPAddress.Parse(options.BindAddress);
            kestrel.AddServerHeader = false;
            // Envoy multiplexes every ext_proc stream of a worker over one HTTP/2 connection.
            kestrel.Limits.Http2.MaxStreamsPerConnection = options.MaxConcurrentStreams;
            kestrel.Limits.MinRequestBodyDataRate = null;
            kestrel.Limits.KeepAliveTimeout = TimeSpan.FromMinutes(10);
            kestrel.Listen(address, options.GrpcPort, l =>
            {
                l.Protocols = HttpProtocols.Http2;
                grpcListen = l;
            });
            kestrel.Listen(address, options.AdminPort, l =>
            {
                l.Protocols = HttpProtocols.Http1;
                adminListen = l;
            });
        });

        builder.Services.AddSingleton<IValidateOptions<HushOptions>, HushOptionsValidator>();
        builder.Services.AddOptions<HushOptions>().Bind(builder.Configuration.GetSection(HushOptions.Section)).ValidateOnStart();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(ports);
        builder.Services.AddSingleton(new HushMetrics(Prometheus.Metrics.NewCustomRegistry()));
        builder.Services.AddSingleton<HealthServiceImpl>();
        builder.Services.AddSingleton(sp => new PolicyStore(sp.GetRequiredService<HealthServiceImpl>(), sp.GetRequiredService<HushMetrics>(),
            options.Routes.Select(r => r.Name).ToArray()));
        builder.Services.AddSingleton(sp => new ProcessorSettings(sp.GetRequiredService<IOptions<HushOptions>>().Value)
        {
            Holds = new HoldSettings(holds),
            AuditBodyBytes = audit.MaxMaskedBytes,
        });
        // Sinks before the audit writer: hosted services stop in reverse order, so the writer's last records still reach them.
        builder.Services.AddHushNotifications(builder.Configuration);
        builder.Services.AddHushAuditSinks(builder.Configuration);
        builder.Services.AddHushApi(builder.Configuration);
        StorageSetup.Add(builder.Services, options.Storage, audit, holds, postgres);
        builder.Services.AddSingleton(sp => new StreamLimiter(sp.GetRequiredService<IOptions<HushOptions>>().Value.MaxConcurrentStreams));
        builder.Services.AddSingleton(new RouteSelector(options.Routes));
        builder.Services.AddSingleton<PolicyReloader>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<PolicyReloader>());
        builder.Services.AddGrpc(o =>
        {
            o.EnableDetailedErrors = false;
            // Room above Hush:MaxBufferedBodyBytes so an oversized buffered body reaches the 413 answer instead of
            // failing as a gRPC message-size error.
            o.MaxReceiveMessageSize = (int)Math.Min(int.MaxValue, Math.Max(64L * 1024 * 1024, 4L * options.MaxBufferedBodyBytes));
            o.MaxSendMessageSize = null;
        });
        builder.Services.AddGrpcReflection();
        configureServices?.Invoke(builder.Services);

        var app = builder.Build();
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            ports.Grpc = (grpcListen?.IPEndPoint?.Port) ?? options.GrpcPort;
            ports.Admin = (adminListen?.IPEndPoint?.Port) ?? options.AdminPort;
            Log.Listening(app.Logger, $"{options.BindAddress}:{ports.Grpc}", $"{options.BindAddress}:{ports.Admin}");
            if (options.PassThrough)
            {
                Log.PassThroughOn(app.Logger);
            }
        });
        app.UseMiddleware<PortRouter>();
        app.MapGrpcService<ExternalProcessorService>();
        app.MapGrpcService<HealthServiceImpl>();
        app.MapGrpcReflectionService();
        AdminEndpoints.Map(app);
        ApiEndpoints.Map(app);
        UiEndpoints.Map(app);
        return app;
    }
}
