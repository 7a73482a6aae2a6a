using System.Security.Cryptography;
using System.Text.Json;
using Hush.EnvoyEmulator.JwtAuthn;

namespace Hush.EnvoyEmulator.Cli;

/// <summary><c>gen-key</c> and <c>mint-jwt</c>: test identities for the demo (fake keys only).</summary>
internal static class KeyCommands
{
    /// <summary>Usage text.</summary>
    public const string Usage =
        "gen-key --out DIR\n" +
        "mint-jwt --key PEM --kid K --iss X --aud Y --sub S [--claim k=v ...] [--ttl 3600]";

    /// <summary>Writes DIR/jwt-private.pem and DIR/jwks.json; prints the kid.</summary>
    public static async Task<int> GenKeyAsync(CliArguments args)
    {
        var dir = args.Required("--out");
        var kid = JwtMinter.GenerateKeyFiles(dir);
        await Console.Out.WriteLineAsync(kid).ConfigureAwait(false);
        return 0;
    }

    /// <summary>Prints a signed RS256 token.</summary>
    public static async Task<int> MintAsync(CliArguments args, TimeProvider time)
    {
        using var rsa = RSA.Create();
        rsa.ImportFromPem(await File.ReadAllTextAsync(args.Required("--key")).ConfigureAwait(false));
        var extra = new Dictionary<string, object?>();
        foreach (var claim in args.All("--claim"))
        {
            var eq = claim.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                throw new ArgumentException($"claim '{claim}' is not k=v");
            }

            extra[claim[..eq]] = ClaimValue(claim[(eq + 1)..]);
        }

        var ttl = TimeSpan.FromSeconds(double.Parse(args.Get("--ttl", "3600")!, System.Globalization.CultureInfo.InvariantCulture));
        var claims = JwtMinter.Claims(args.Required("--iss"), args.Required("--aud"), args.Required("--sub"), time.GetUtcNow(), ttl, extra);
        await Console.Out.WriteLineAsync(JwtMinter.Mint(rsa, args.Required("--kid"), claims)).ConfigureAwait(false);
        return 0;
    }

    /// <summary>JSON values (numbers, booleans, arrays, objects) stay typed; anything else is a string.</summary>
    private static object? ClaimValue(string text)
    {
        try
        {
            return JsonSerializer.Deserialize<JsonElement>(text);
        }
        catch (JsonException)
        {
            return text;
        }
    }
}
