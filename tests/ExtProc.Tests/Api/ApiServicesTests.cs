using Hush.ExtProc.Api;
using Hush.ExtProc.Auth;
using Hush.ExtProc.Tests.Auth;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Hush.ExtProc.Tests.Api;

/// <summary><c>AddHushApi</c>: binding <c>Hush:Auth</c> and building the validator.</summary>
public sealed class ApiServicesTests
{
    [Fact]
    public void AddHushApi_BindsEverySetting()
    {
        using var jwt = TestJwt.Create();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Hush:Auth:Jwks"] = jwt.Jwks,
            ["Hush:Auth:Issuer"] = "https://idp.example.test",
            ["Hush:Auth:Audiences:0"] = "a1",
            ["Hush:Auth:Audiences:1"] = "a2",
            ["Hush:Auth:GroupsClaim"] = "roles",
            ["Hush:Auth:ClockSkew"] = "00:00:05",
            ["Hush:Auth:AuditorGroups:0"] = "compliance",
        }).Build();
        using var provider = new ServiceCollection().AddSingleton<TimeProvider>(new FakeTimeProvider(TestJwt.Now))
            .AddHushApi(configuration).BuildServiceProvider();
        var validator = provider.GetRequiredService<JwtValidator>();
        var options = validator.Options;
        Assert.True(validator.Configured);
        Assert.Equal("https://idp.example.test", options.Issuer);
        Assert.Equal(["a1", "a2"], options.Audiences);
        Assert.Equal("roles", options.GroupsClaim);
        Assert.Equal(TimeSpan.FromSeconds(5), options.ClockSkew);
        Assert.Equal(["compliance"], options.EffectiveAuditorGroups);
    }

    [Fact]
    public void AddHushApi_NothingConfigured_DefaultsAndRefusesEveryToken()
    {
        using var jwt = TestJwt.Create();
        using var provider = new ServiceCollection().AddSingleton<TimeProvider>(new FakeTimeProvider(TestJwt.Now))
            .AddHushApi(new ConfigurationBuilder().Build()).BuildServiceProvider();
        var validator = provider.GetRequiredService<JwtValidator>();
        Assert.False(validator.Configured);
        Assert.Equal("groups", validator.Options.GroupsClaim);
        Assert.Equal(TimeSpan.FromSeconds(60), validator.Options.ClockSkew);
        Assert.Equal(["security", "auditors"], validator.Options.EffectiveAuditorGroups);
        Assert.Equal(JwtErrors.NotConfigured, validator.Validate(jwt.Mint("alice")).Error);
    }

    [Fact]
    public void Validator_BadSettings_Throw()
    {
        var time = new FakeTimeProvider(TestJwt.Now);
        Assert.Throws<InvalidOperationException>(() => new JwtValidator(new AuthOptions { ClockSkew = TimeSpan.FromSeconds(-1) }, time));
        Assert.Throws<InvalidOperationException>(() => new JwtValidator(new AuthOptions { GroupsClaim = " " }, time));
    }
}
