namespace Hush.ExtProc.Hosting;

/// <summary>
/// Keeps the two listeners apart: gRPC calls are served only on the gRPC port and admin pages only on the admin
/// port, so a scrape or probe cannot reach ext_proc and an ext_proc client cannot reach the admin side.
/// </summary>
internal sealed class PortRouter
{
    private readonly RequestDelegate _next;
    private readonly ServerPorts _ports;

    /// <summary>Creates the middleware.</summary>
    public PortRouter(RequestDelegate next, ServerPorts ports)
    {
        _next = next;
        _ports = ports;
    }

    /// <summary>Rejects a request that arrived on the wrong listener with 404.</summary>
    public Task InvokeAsync(HttpContext context)
    {
        var port = context.Connection.LocalPort;
        var grpc = context.Request.ContentType?.StartsWith("application/grpc", StringComparison.OrdinalIgnoreCase) == true;
        if ((grpc && port != _ports.Grpc) || (!grpc && port != _ports.Admin))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        }

        return _next(context);
    }
}
