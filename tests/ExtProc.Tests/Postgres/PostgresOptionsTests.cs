using Hush.ExtProc.Postgres;

namespace Hush.ExtProc.Tests.Postgres;

/// <summary>Validation of <see cref="PostgresOptions"/> (no server needed).</summary>
public sealed class PostgresOptionsTests
{
    [Fact]
    public void Validate_Defaults_SchemaHushButConnectionStringRequired()
    {
        var options = new PostgresOptions();
        Assert.Equal("hush", options.Schema);
        var ex = Assert.Throws<ArgumentException>(options.Validate);
        Assert.Contains("ConnectionString", ex.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(new PostgresOptions { ConnectionString = "   " }.Validate);
    }

    [Theory]
    [InlineData("")]
    [InlineData("1abc")]
    [InlineData("hush\"; DROP TABLE x; --")]
    [InlineData("pg_catalog")]
    [InlineData("a-b")]
    public void Validate_BadSchema_Throws(string schema)
    {
        var ex = Assert.Throws<ArgumentException>(new PostgresOptions { ConnectionString = "Host=127.0.0.1", Schema = schema }.Validate);
        Assert.Equal("Schema", ex.ParamName);
    }

    [Fact]
    public void Validate_UnknownKeyword_ThrowsWithoutEchoingValues()
    {
        var options = new PostgresOptions { ConnectionString = "Host=127.0.0.1;Password=fake-pw-7731;Bogus=1" };
        var ex = Assert.Throws<ArgumentException>(options.Validate);
        Assert.DoesNotContain("fake-pw-7731", ex.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_GoodOptions_Pass()
    {
        new PostgresOptions { ConnectionString = "Host=127.0.0.1;Username=hush", Schema = "Hush_2" }.Validate();
        Assert.Equal("\"Hush_2\"", new PostgresOptions { Schema = "Hush_2" }.QuotedSchema);
    }
}
