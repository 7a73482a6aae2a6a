using System.Text;
using Hush.ExtProc.Approvals;
using Hush.ExtProc.Identity;
using Hush.ExtProc.Notifications;
using Microsoft.Extensions.Logging.Abstractions;

namespace Hush.ExtProc.Tests.Notifications;

/// <summary>A sample hold and notifier construction for the notification tests.</summary>
internal static class HoldSamples
{
    /// <summary>A fake value planted in the hold's masked answer: it must never appear in a notification.</summary>
    public const string PlantedAnswer = "PLANTED-ANSWER-VALUE-4d1c9e7a";

    /// <summary>When the sample hold was raised.</summary>
    public static readonly DateTimeOffset Created = new(2026, 11, 28, 13, 30, 0, TimeSpan.Zero);

    /// <summary>A pending hold with two rules, a CI requester and a masked excerpt full of characters that need escaping.</summary>
    public static HoldRecord Hold(string id = "hold_abcdefghijklmnopqrstuvwxyz") => new()
    {
        Id = id,
        CreatedAt = Created,
        ExpiresAt = Created.AddHours(1),
        Status = HoldStatus.Pending,
        Requester = new CallerIdentity
        {
            Source = "metadata",
            Subject = "repo:acme/app:ref:refs/heads/main",
            Email = "ci@acme.example",
            Ci = new CiProvenance
            {
                System = "github-actions",
                Repository = "acme/app",
                RunId = "4242",
                Sha = "0123456789abcdef0123456789abcdef01234567",
                Ref = "refs/heads/main",
                Workflow = "deploy",
                Actor = "octocat",
            },
        },
        Route = "openai",
        Provider = "openai",
        Model = "gpt-4o",
        Rules =
        [
            new HeldRule("aws-iam-mutation", "Changes IAM policies", ["security"], 2),
            new HeldRule("destructive-shell", "Deletes files <recursively> & forcibly", ["sre", "security"], 1),
        ],
        ApproverGroups = ["security", "sre"],
        Excerpt = "run ⟦aws iam attach-role-policy --policy-arn [MASKED:arn]⟧ then ```rm -rf /``` <b> & done",
        PolicySha256 = new string('c', 64),
        AnswerDigest = new string('d', 64),
        ContentType = "application/json",
        MaskedAnswer = Encoding.UTF8.GetBytes("{\"answer\":\"" + PlantedAnswer + "\"}"),
        Instance = "hush-1",
    };

    /// <summary>Fast settings: tiny backoffs, one webhook per URL given.</summary>
    public static NotificationOptions Options(params (Uri Url, WebhookFormat Format)[] webhooks)
    {
        var options = new NotificationOptions
        {
            ReviewUrl = "https://hush-admin.example/ui/",
            InitialBackoff = TimeSpan.FromMilliseconds(10),
            MaxBackoff = TimeSpan.FromMilliseconds(50),
        };
        foreach (var (url, format) in webhooks)
        {
            options.Webhooks.Add(new WebhookOptions { Url = url.ToString(), Format = format });
        }

        return options;
    }

    /// <summary>Fresh metrics in their own registry.</summary>
    public static NotificationMetrics Metrics() => new(Prometheus.Metrics.NewCustomRegistry());

    /// <summary>A notifier on <paramref name="time"/> (the system clock by default).</summary>
    public static HoldNotifier Notifier(NotificationOptions options, NotificationMetrics metrics, TimeProvider? time = null) =>
        new(options, metrics, time ?? TimeProvider.System, NullLogger<HoldNotifier>.Instance);
}
