using Hush.ExtProc.Audit;
using Hush.ExtProc.Metrics;
using Hush.ExtProc.Sinks;
using Hush.ExtProc.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Hush.ExtProc.Tests.Sinks;

/// <summary>Binding, validation and lifetime of the configured sinks.</summary>
public sealed class AuditSinkHostTests
{
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task AddHushAuditSinks_BindsEverySinkAndDeliversThroughTheHostedService()
    {
        await using var receiver = await HttpTestReceiver.StartAsync();
        await using var collector = SyslogTestCollector.Start();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Hush:Audit:Sinks:0:Name"] = "splunk",
            ["Hush:Audit:Sinks:0:Type"] = "http",
            ["Hush:Audit:Sinks:0:Url"] = receiver.Url.ToString(),
            ["Hush:Audit:Sinks:0:Headers:Authorization"] = "Splunk test-token",
            ["Hush:Audit:Sinks:0:FlushInterval"] = "00:00:00.020",
            ["Hush:Audit:Sinks:1:Name"] = "rsyslog",
            ["Hush:Audit:Sinks:1:Type"] = "syslog",
            ["Hush:Audit:Sinks:1:Host"] = "127.0.0.1",
            ["Hush:Audit:Sinks:1:Port"] = collector.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Hush:Audit:Sinks:1:Facility"] = "10",
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(new HushMetrics(Prometheus.Metrics.NewCustomRegistry()));
        services.AddHushAuditSinks(configuration);
        await using var provider = services.BuildServiceProvider();

        var sinks = provider.GetRequiredService<IReadOnlyList<IAuditSink>>();
        Assert.Equal(["splunk", "rsyslog"], sinks.Select(s => s.Name));
        Assert.IsType<HttpJsonLinesSink>(sinks[0]);
        Assert.IsType<SyslogSink>(sinks[1]);
        Assert.Equal(sinks, provider.GetServices<IAuditSink>());

        var hosted = provider.GetServices<IHostedService>().OfType<AuditSinkHost>().Single();
        await hosted.StartAsync(CancellationToken.None).WaitAsync(Guard);
        var host = provider.GetRequiredService<AuditSinkHost>();
        Assert.Same(hosted, host);
        foreach (var record in SinkTestRecords.Chain(3))
        {
            host.Publish(record);
        }

        await receiver.WaitForAsync(1);
        await collector.WaitForAsync(3);
        await Eventually.TrueAsync(() => Task.FromResult(receiver.Requests.Sum(r => r.Text.Count(c => c == '\n')) == 3));
        Assert.Equal("Splunk test-token", receiver.Requests[0].Headers["Authorization"]);
        Assert.StartsWith("<86>1 ", collector.Messages[0], StringComparison.Ordinal);

        var metrics = provider.GetRequiredService<SinkMetrics>();
        await hosted.StopAsync(CancellationToken.None).WaitAsync(Guard);
        Assert.Equal(3, SinkTestRecords.Value(metrics.Sent, "splunk"));
        Assert.Equal(3, SinkTestRecords.Value(metrics.Sent, "rsyslog"));
        Assert.Equal(0, SinkTestRecords.Value(metrics.Dropped, "rsyslog"));

        // The sink series land in the server's registry, the one /metrics exports.
        using var exported = new MemoryStream();
        await provider.GetRequiredService<HushMetrics>().Registry.CollectAndExportAsTextAsync(exported).WaitAsync(Guard);
        var text = System.Text.Encoding.UTF8.GetString(exported.ToArray());
        Assert.Equal(3, MetricsScrape.Value(text, "hush_siem_sink_sent_records_total{sink=\"rsyslog\"}"));
        Assert.Equal(0, MetricsScrape.Value(text, "hush_siem_sink_lag_records{sink=\"rsyslog\"}"));
    }

    [Fact]
    public void AddHushAuditSinks_NoSinksConfigured_RegistersAnEmptyList()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(new HushMetrics(Prometheus.Metrics.NewCustomRegistry()));
        services.AddHushAuditSinks(new ConfigurationBuilder().Build());
        using var provider = services.BuildServiceProvider();
        Assert.Empty(provider.GetRequiredService<IReadOnlyList<IAuditSink>>());
        Assert.Empty(provider.GetServices<IAuditSink>());
    }

    [Fact]
    public void AddHushAuditSinks_InvalidSettings_ThrowsListingEveryProblemWithoutEchoingUrls()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Hush:Audit:Sinks:0:Name"] = "a",
            ["Hush:Audit:Sinks:0:Type"] = "http",
            ["Hush:Audit:Sinks:0:Url"] = "ftp://collector.example/secret-token-path",
            ["Hush:Audit:Sinks:1:Name"] = "a",
            ["Hush:Audit:Sinks:1:Type"] = "syslog",
            ["Hush:Audit:Sinks:1:Port"] = "70000",
            ["Hush:Audit:Sinks:1:Facility"] = "24",
            ["Hush:Audit:Sinks:1:QueueCapacity"] = "0",
        }).Build();
        var ex = Assert.Throws<OptionsValidationException>(() => new ServiceCollection().AddHushAuditSinks(configuration));
        var message = string.Join("\n", ex.Failures);
        Assert.Contains("Hush:Audit:Sinks:0:Url must be an absolute http or https URL.", message, StringComparison.Ordinal);
        Assert.Contains("Hush:Audit:Sinks:1:Name 'a' is used by another sink.", message, StringComparison.Ordinal);
        Assert.Contains("Hush:Audit:Sinks:1:Host is empty.", message, StringComparison.Ordinal);
        Assert.Contains("Hush:Audit:Sinks:1:Port 70000 is outside 1..65535.", message, StringComparison.Ordinal);
        Assert.Contains("Hush:Audit:Sinks:1:Facility 24 is outside 0..23.", message, StringComparison.Ordinal);
        Assert.Contains("Hush:Audit:Sinks:1:QueueCapacity must be at least 1.", message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-token-path", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Backoff_DoublesFromInitialAndCapsAtMax()
    {
        var initial = TimeSpan.FromSeconds(1);
        var max = TimeSpan.FromSeconds(60);
        Assert.Equal([1, 2, 4, 8, 16, 32, 60, 60], Enumerable.Range(1, 8).Select(r => Backoff.Delay(r, initial, max).TotalSeconds));
        Assert.Equal(max, Backoff.Delay(int.MaxValue, initial, max));
        Assert.Equal(TimeSpan.Zero, Backoff.Delay(3, TimeSpan.Zero, max));
    }

    [Fact]
    public void Backoff_RetryAfterReadsSecondsOrDateAndCaps()
    {
        var now = new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);
        var max = TimeSpan.FromSeconds(60);
        using var seconds = new HttpResponseMessage(System.Net.HttpStatusCode.TooManyRequests);
        seconds.Headers.TryAddWithoutValidation("Retry-After", "7");
        Assert.Equal(TimeSpan.FromSeconds(7), Backoff.RetryAfter(seconds, now, max));
        using var date = new HttpResponseMessage(System.Net.HttpStatusCode.ServiceUnavailable);
        date.Headers.TryAddWithoutValidation("Retry-After", now.AddSeconds(20).ToString("R", System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(TimeSpan.FromSeconds(20), Backoff.RetryAfter(date, now, max));
        using var huge = new HttpResponseMessage(System.Net.HttpStatusCode.TooManyRequests);
        huge.Headers.TryAddWithoutValidation("Retry-After", "86400");
        Assert.Equal(max, Backoff.RetryAfter(huge, now, max));
        using var none = new HttpResponseMessage(System.Net.HttpStatusCode.TooManyRequests);
        Assert.Null(Backoff.RetryAfter(none, now, max));
    }
}
