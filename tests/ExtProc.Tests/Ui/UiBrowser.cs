using Microsoft.Playwright;

namespace Hush.ExtProc.Tests.Ui;

/// <summary>
/// Headless Debian Chromium driven by Playwright. Never downloads a browser: the executable is the system's
/// <c>chromium</c> package, and the flags keep it off the network (no component updates, sync or QUIC probes).
/// </summary>
internal sealed class UiBrowser : IAsyncDisposable
{
    /// <summary>Where Debian's <c>chromium</c> package puts the browser.</summary>
    public const string ExecutablePath = "/usr/bin/chromium";

    /// <summary>Bound on every browser step.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private readonly IPlaywright _playwright;

    private UiBrowser(IPlaywright playwright, IBrowser browser, IPage page)
    {
        _playwright = playwright;
        Browser = browser;
        Page = page;
    }

    /// <summary>The browser.</summary>
    public IBrowser Browser { get; }

    /// <summary>One page in a fresh context (its own sessionStorage).</summary>
    public IPage Page { get; }

    /// <summary>Launches Chromium and opens a page; element waits and expectations time out after 15 s.</summary>
    public static async Task<UiBrowser> LaunchAsync()
    {
        Assert.True(File.Exists(ExecutablePath), "Debian's chromium is required (apt-get install -y chromium; .ci/run installs it)");
        var playwright = await Playwright.CreateAsync().WaitAsync(Timeout);
        try
        {
            var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = ExecutablePath,
                Headless = true,
                Args =
                [
                    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync",
                ],
                Timeout = (float)Timeout.TotalMilliseconds,
            }).WaitAsync(Timeout);
            var context = await browser.NewContextAsync().WaitAsync(Timeout);
            context.SetDefaultTimeout(15_000);
            var page = await context.NewPageAsync().WaitAsync(Timeout);
            Assertions.SetDefaultExpectTimeout(15_000);
            return new UiBrowser(playwright, browser, page);
        }
        catch
        {
            playwright.Dispose();
            throw;
        }
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await Browser.CloseAsync().WaitAsync(Timeout);
        await Browser.DisposeAsync();
        _playwright.Dispose();
    }
}
