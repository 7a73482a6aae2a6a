using System.Text.Json;

namespace Hush.ExtProc.Tests.Api;

/// <summary>Assertions on the API's JSON answers.</summary>
internal static class ApiJsonAssert
{
    /// <summary>Asserts <paramref name="status"/> and <c>application/json</c>, and returns the parsed body.</summary>
    public static async Task<JsonElement> Json(HttpResponseMessage response, int status)
    {
        var body = await response.Content.ReadAsStringAsync().WaitAsync(ApiTestServer.Timeout);
        Assert.True((int)response.StatusCode == status, $"expected {status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>Asserts an error answer with <paramref name="status"/> and <paramref name="type"/>; returns its message.</summary>
    public static async Task<string> Error(HttpResponseMessage response, int status, string type)
    {
        var json = await Json(response, status);
        var error = json.GetProperty("error");
        Assert.Equal(type, error.GetProperty("type").GetString());
        var message = error.GetProperty("message").GetString();
        Assert.False(string.IsNullOrEmpty(message));
        return message!;
    }
}
