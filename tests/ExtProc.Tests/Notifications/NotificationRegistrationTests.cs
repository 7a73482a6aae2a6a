using Hush.ExtProc.Approvals;
using Hush.ExtProc.Metrics;
using Hush.ExtProc.Notifications;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Hush.ExtProc.Tests.Notifications;

/// <summary>Binding <c>Hush:Notifications</c> and registering the notifier.</summary>
public sealed class NotificationRegistrationTests
{
    [Fact]
    public void AddHushNotifications_BindsSettingsAndRegistersOneNotifier()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Hush:Notifications:ReviewUrl"] = "https://hush-admin.example/ui/",
            ["Hush:Notifications:QueueCapacity"] = "50",
            ["Hush:Notifications:MaxAttempts"] = "3",
            ["Hush:Notifications:InitialBackoff"] = "00:00:02",
            ["Hush:Notifications:Webhooks:0:Url"] = "https://hooks.example/hush",
            ["Hush:Notifications:Webhooks:0:Headers:Authorization"] = "Bearer test-token",
            ["Hush:Notifications:Webhooks:1:Url"] = "https://hooks.slack.example/services/T0/B0/fake",
            ["Hush:Notifications:Webhooks:1:Format"] = "slack",
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(new HushMetrics(Prometheus.Metrics.NewCustomRegistry()));
        services.AddHushNotifications(configuration);
        using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<NotificationOptions>();
        Assert.Equal(50, options.QueueCapacity);
        Assert.Equal(3, options.MaxAttempts);
        Assert.Equal(TimeSpan.FromSeconds(2), options.InitialBackoff);
        Assert.Equal(TimeSpan.FromSeconds(60), options.MaxBackoff);
        Assert.Equal(2, options.Webhooks.Count);
        Assert.Equal(WebhookFormat.Json, options.Webhooks[0].Format);
        Assert.Equal("Bearer test-token", options.Webhooks[0].Headers["Authorization"]);
        Assert.Equal(WebhookFormat.Slack, options.Webhooks[1].Format);
        var notifier = provider.GetRequiredService<HoldNotifier>();
        Assert.Same(notifier, provider.GetRequiredService<IHoldNotifier>());
        Assert.Same(notifier, provider.GetServices<IHostedService>().OfType<HoldNotifier>().Single());
    }

    [Fact]
    public void AddHushNotifications_ReplacesAnEarlierNotifier()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(new HushMetrics(Prometheus.Metrics.NewCustomRegistry()));
        services.AddSingleton<IHoldNotifier>(new NullNotifier());
        services.AddHushNotifications(new ConfigurationBuilder().Build());
        using var provider = services.BuildServiceProvider();
        Assert.IsType<HoldNotifier>(provider.GetRequiredService<IHoldNotifier>());
        Assert.Single(provider.GetServices<IHoldNotifier>());
    }

    [Fact]
    public void AddHushNotifications_InvalidSettings_ThrowsListingEveryProblemWithoutEchoingUrls()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Hush:Notifications:Webhooks:0:Url"] = "hooks.slack.example/services/T0/B0/secret-path",
            ["Hush:Notifications:QueueCapacity"] = "0",
            ["Hush:Notifications:MaxAttempts"] = "0",
            ["Hush:Notifications:Timeout"] = "00:00:00",
        }).Build();
        var ex = Assert.Throws<OptionsValidationException>(() => new ServiceCollection().AddHushNotifications(configuration));
        var message = string.Join("\n", ex.Failures);
        Assert.Contains("Hush:Notifications:Webhooks:0:Url must be an absolute http or https URL.", message, StringComparison.Ordinal);
        Assert.Contains("Hush:Notifications:QueueCapacity must be at least 1.", message, StringComparison.Ordinal);
        Assert.Contains("Hush:Notifications:MaxAttempts must be at least 1.", message, StringComparison.Ordinal);
        Assert.Contains("Hush:Notifications:Timeout must be positive.", message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-path", message, StringComparison.Ordinal);
    }

    private sealed class NullNotifier : IHoldNotifier
    {
        public void Notify(HoldRecord hold)
        {
        }
    }
}
