namespace Hush.ExtProc.Hosting;

/// <summary>Registers the PostgreSQL stores (<c>Hush:Storage=postgres</c>, settings under <c>Hush:Postgres</c>).</summary>
internal static class PostgresSetup
{
    /// <summary>Registers the PostgreSQL audit and hold stores.</summary>
    public static void Add(IServiceCollection services) =>
        throw new InvalidOperationException("Hush:Storage=postgres is not available in this build.");
}
