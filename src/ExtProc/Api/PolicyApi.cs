using System.Text.Json;
using Hush.ExtProc.Policies;
using Hush.Policy.Rules;

namespace Hush.ExtProc.Api;

/// <summary>
/// <c>GET /api/policy</c> (the loaded policies: default and one per route, with their hold rules) and
/// <c>GET /api/me</c> (the caller as the token proves it). Any authenticated caller.
/// </summary>
internal sealed class PolicyApi
{
    private readonly PolicyStore _policies;
    private readonly IReadOnlyList<string> _routeNames;
    private readonly ApiAuth _auth;

    /// <summary>Creates the handlers; <paramref name="routeNames"/> are the configured <c>Hush:Routes</c> names.</summary>
    public PolicyApi(PolicyStore policies, IReadOnlyList<string> routeNames, ApiAuth auth)
    {
        _policies = policies;
        _routeNames = routeNames;
        _auth = auth;
    }

    /// <summary>Maps the routes.</summary>
    public void Map(IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/policy", new RequestDelegate(PolicyAsync));
        routes.MapGet("/api/me", new RequestDelegate(MeAsync));
    }

    private async Task PolicyAsync(HttpContext context)
    {
        if (await _auth.AuthenticateAsync(context).ConfigureAwait(false) is null)
        {
            return;
        }

        await ApiErrors.WriteJsonAsync(context, StatusCodes.Status200OK, writer =>
        {
            writer.WriteStartObject();
            writer.WriteStartArray("policies");
            WritePolicy(writer, null, _policies.Current);
            foreach (var route in _routeNames)
            {
                WritePolicy(writer, route, _policies.Get(route));
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }).ConfigureAwait(false);
    }

    private async Task MeAsync(HttpContext context)
    {
        if (await _auth.AuthenticateAsync(context).ConfigureAwait(false) is not { } caller)
        {
            return;
        }

        await ApiErrors.WriteJsonAsync(context, StatusCodes.Status200OK, writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("subject", caller.Subject);
            HoldJson.WriteNullable(writer, "email", caller.Email);
            HoldJson.WriteStrings(writer, "groups", caller.Groups);
            writer.WriteBoolean("auditor", _auth.Validator.IsAuditor(caller.Groups));
            writer.WriteEndObject();
        }).ConfigureAwait(false);
    }

    private static void WritePolicy(Utf8JsonWriter writer, string? route, LoadedPolicy? loaded)
    {
        writer.WriteStartObject();
        HoldJson.WriteNullable(writer, "route", route);
        writer.WriteBoolean("loaded", loaded is not null);
        if (loaded is null)
        {
            writer.WriteEndObject();
            return;
        }

        var policy = loaded.Policy;
        writer.WriteString("name", policy.Name);
        writer.WriteString("version", policy.Version);
        writer.WriteString("sha256", loaded.ArtifactSha256);
        writer.WriteString("source_sha256", policy.SourceSha256Hex);
        writer.WriteString("loaded_at", loaded.LoadedAt.ToUniversalTime());
        var mask = 0;
        var hold = 0;
        foreach (var rule in policy.Rules)
        {
            if (rule.Action == RuleAction.Hold)
            {
                hold++;
            }
            else
            {
                mask++;
            }
        }

        writer.WriteStartObject("rule_counts");
        writer.WriteNumber("total", policy.Rules.Count);
        writer.WriteNumber("mask", mask);
        writer.WriteNumber("hold", hold);
        writer.WriteEndObject();
        writer.WriteStartArray("hold_rules");
        foreach (var rule in policy.Rules)
        {
            if (rule.Action != RuleAction.Hold)
            {
                continue;
            }

            writer.WriteStartObject();
            writer.WriteString("id", rule.Id);
            writer.WriteString("description", rule.Description);
            writer.WriteString("reason", rule.Reason);
            HoldJson.WriteStrings(writer, "approvers", rule.Approvers);
            writer.WriteString("direction", Direction(rule.Direction));
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static string Direction(RuleDirection direction) => direction switch
    {
        RuleDirection.Request => "request",
        RuleDirection.Response => "response",
        _ => "both",
    };
}
