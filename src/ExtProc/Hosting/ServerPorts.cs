namespace Hush.ExtProc.Hosting;

/// <summary>The ports Kestrel actually bound (port 0 in the options means "any free port"), known after start.</summary>
public sealed class ServerPorts
{
    /// <summary>Bound ext_proc gRPC port.</summary>
    public int Grpc { get; internal set; }

    /// <summary>Bound admin HTTP port.</summary>
    public int Admin { get; internal set; }
}
