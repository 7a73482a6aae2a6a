using System.Net;
using Hush.ExtProc.Tests.Api;
using Hush.ExtProc.Ui;

namespace Hush.ExtProc.Tests.Ui;

/// <summary>The embedded review UI files: served under /ui/ with a strict CSP, nothing else.</summary>
public sealed class UiEndpointsTests
{
    [Fact]
    public void Load_EmbeddedAssets_AllPresent()
    {
        var assets = UiEndpoints.Load();
        Assert.Equal(["api.js", "app.css", "app.js", "audit.js", "dom.js", "holds.js", "index.html", "policy.js"], assets.Keys.Order(StringComparer.Ordinal));
        Assert.All(assets.Values, a => Assert.NotEmpty(a.Content));
    }

    [Fact]
    public async Task Index_Served_WithStrictCspAndNoExternalReferences()
    {
        await using var server = await ApiTestServer.StartAsync();
        var response = await server.Client.GetAsync("/ui/").WaitAsync(ApiTestServer.Timeout);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("default-src 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        var html = await response.Content.ReadAsStringAsync().WaitAsync(ApiTestServer.Timeout);
        Assert.Contains("<script type=\"module\" src=\"app.js\"", html, StringComparison.Ordinal);
        foreach (var asset in UiEndpoints.Load().Values)
        {
            var text = System.Text.Encoding.UTF8.GetString(asset.Content);
            Assert.DoesNotContain("http://", text, StringComparison.Ordinal);
            Assert.DoesNotContain("https://", text, StringComparison.Ordinal);
            Assert.DoesNotContain("innerHTML", text, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("/ui/app.js", "text/javascript")]
    [InlineData("/ui/holds.js", "text/javascript")]
    [InlineData("/ui/app.css", "text/css")]
    [InlineData("/ui/index.html", "text/html")]
    public async Task Asset_Served_WithItsType(string path, string mediaType)
    {
        await using var server = await ApiTestServer.StartAsync();
        var response = await server.Client.GetAsync(path).WaitAsync(ApiTestServer.Timeout);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("nosniff", string.Join(",", response.Headers.GetValues("X-Content-Type-Options")));
    }

    [Fact]
    public async Task Ui_WithoutSlash_RedirectsAndUnknownFile404()
    {
        await using var server = await ApiTestServer.StartAsync();
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = server.AdminAddress, Timeout = ApiTestServer.Timeout };
        var redirect = await client.GetAsync("/ui").WaitAsync(ApiTestServer.Timeout);
        Assert.Equal(HttpStatusCode.Redirect, redirect.StatusCode);
        Assert.Equal("/ui/", redirect.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/ui/secrets.json").WaitAsync(ApiTestServer.Timeout)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/ui/..%2Fappsettings.json").WaitAsync(ApiTestServer.Timeout)).StatusCode);
    }
}
