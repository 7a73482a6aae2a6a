using Hush.ExtProc.Auth;
using Microsoft.AspNetCore.Http;

namespace Hush.ExtProc.Tests.Auth;

/// <summary>Reading <c>Authorization: Bearer …</c>.</summary>
public sealed class BearerTokenTests
{
    [Theory]
    [InlineData("Bearer abc.def.ghi", "abc.def.ghi")]
    [InlineData("bearer abc.def.ghi", "abc.def.ghi")]
    [InlineData("BEARER   abc.def.ghi  ", "abc.def.ghi")]
    public void Read_BearerHeader_ReturnsToken(string header, string expected)
    {
        var context = new DefaultHttpContext();
        context.Request.Headers.Authorization = header;
        Assert.Equal(expected, BearerToken.Read(context));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Basic dXNlcjpwYXNz")]
    [InlineData("Bearer")]
    [InlineData("Bearer    ")]
    [InlineData("Bearerabc")]
    public void Read_NoBearerToken_Null(string? header)
    {
        var context = new DefaultHttpContext();
        if (header is not null)
        {
            context.Request.Headers.Authorization = header;
        }

        Assert.Null(BearerToken.Read(context));
    }

    [Fact]
    public void Read_TwoAuthorizationHeaders_Null()
    {
        var context = new DefaultHttpContext();
        context.Request.Headers.Authorization = new Microsoft.Extensions.Primitives.StringValues(["Bearer a.b.c", "Bearer d.e.f"]);
        Assert.Null(BearerToken.Read(context));
    }
}
