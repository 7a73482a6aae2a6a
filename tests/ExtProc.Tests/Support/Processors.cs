using Hush.ExtProc.Hosting;
using Hush.ExtProc.Policies;
using Hush.ExtProc.Processing;

namespace Hush.ExtProc.Tests.Support;

/// <summary>Stream processors over the golden policy with test options.</summary>
internal static class Processors
{
    private static readonly Lazy<LoadedPolicy> s_golden = new(TestPolicies.Golden);

    /// <summary>The golden policy, loaded once.</summary>
    public static LoadedPolicy Golden => s_golden.Value;

    /// <summary>A processor with default options (optionally changed by <paramref name="configure"/>).</summary>
    public static StreamProcessor Create(Action<HushOptions>? configure = null, LoadedPolicy? policy = null)
    {
        var options = new HushOptions();
        configure?.Invoke(options);
        return new StreamProcessor(options.PassThrough ? policy : policy ?? Golden, new ProcessorSettings(options), TimeProvider.System,
            new Hush.ExtProc.Metrics.HushMetrics(Prometheus.Metrics.NewCustomRegistry()));
    }
}
