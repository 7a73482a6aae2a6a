using System.Globalization;

using System.Text.Json;
using Envoy.Config.Core.V3;
using Google.Protobuf.WellKnownTypes;

namespace Hush.ExtProc.Identity;

/// <summary>Reads the caller's identity and CI provenance from jwt_authn's payload (metadata, or the header fallback).</summary>
internal sealed class IdentityExtractor
{
    private const string GitHubIssuer = "https://token.actions.githubusercontent.com";
    private readonly IdentityOptions _options;

    /// <summary>Creates the extractor.</summary>
    public IdentityExtractor(IdentityOptions options) => _options = options;

    /// <summary>The options in use.</summary>
    public IdentityOptions Options => _options;

    /// <summary>The identity in <paramref name="metadata"/>, or null when jwt_authn's payload is absent.</summary>
    public CallerIdentity? FromMetadata(Metadata? metadata)
    {
        if (metadata is null
            || !metadata.FilterMetadata.TryGetValue(_options.MetadataNamespace, out var ns)
            || !ns.Fields.TryGetValue(_options.PayloadKey, out var payload)
            || payload.KindCase != Value.KindOneofCase.StructValue)
        {
            return null;
        }

        var claims = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (key, value) in payload.StructValue.Fields)
        {
            claims[key] = FromValue(value);
        }

        return Build(claims, "metadata");
    }

    /// <summary>
    /// The identity in a base64url JSON payload header (jwt_authn <c>forward_payload_header</c>), or null when it
    /// is not valid. Only consulted when <see cref="IdentityOptions.HeaderFallback"/> is on.
    /// </summary>
    public CallerIdentity? FromHeader(string? value)
    {
        if (!_options.HeaderFallback || string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        try
        {
            var base64 = value.Trim().Replace('-', '+').Replace('_', '/');
            base64 = base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '=');
            using var json = JsonDocument.Parse(Convert.FromBase64String(base64));
            if (json.RootElement.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            var claims = new Dictionary<string, object?>(StringComparer.Ordinal);
            foreach (var property in json.RootElement.EnumerateObject())
            {
                claims[property.Name] = FromJson(property.Value);
            }

            return Build(claims, "header");
        }
        catch (Exception ex) when (ex is FormatException or JsonException)
        {
            return null;
        }
    }

    private CallerIdentity Build(Dictionary<string, object?> claims, string source)
    {
        var issuer = Text(claims, "iss");
        return new CallerIdentity
        {
            Source = source,
            Issuer = issuer,
            Subject = Text(claims, "sub"),
            Email = Text(claims, "email"),
            Audiences = List(claims, "aud"),
            Groups = List(claims, "groups"),
            Ci = Provenance(claims, issuer),
        };
    }

    private CiProvenance? Provenance(Dictionary<string, object?> claims, string? issuer)
    {
        if (issuer == GitHubIssuer || (claims.ContainsKey("run_id") && claims.ContainsKey("repository") && claims.ContainsKey("workflow")))
        {
            return new CiProvenance
            {
                System = "github-actions",
                Repository = Text(claims, "repository"),
                RunId = Text(claims, "run_id"),
                RunAttempt = Text(claims, "run_attempt"),
                Sha = Text(claims, "sha"),
                Ref = Text(claims, "ref"),
                Workflow = Text(claims, "workflow"),
                JobWorkflowRef = Text(claims, "job_workflow_ref"),
                Actor = Text(claims, "actor"),
            };
        }

        if (claims.ContainsKey("project_path") && claims.ContainsKey("pipeline_id"))
        {
            return new CiProvenance
            {
                System = "gitlab-ci",
                Repository = Text(claims, "project_path"),
                RunId = Text(claims, "pipeline_id"),
                JobId = Text(claims, "job_id"),
                Sha = Text(claims, "sha"),
                Ref = Text(claims, "ref"),
                Actor = Text(claims, "user_login"),
            };
        }

        var map = _options.ClaimMapping;
        if (map.Count == 0)
        {
            return null;
        }

        string? Mapped(string field) => map.TryGetValue(field, out var claim) ? Text(claims, claim) : null;
        var provenance = new CiProvenance
        {
            System = _options.MappedSystemName,
            Repository = Mapped("repository"),
            RunId = Mapped("run_id"),
            RunAttempt = Mapped("run_attempt"),
            JobId = Mapped("job_id") ?? Mapped("pipeline_id"),
            Sha = Mapped("sha"),
            Ref = Mapped("ref"),
            Workflow = Mapped("workflow"),
            Actor = Mapped("actor"),
        };
        return provenance.Repository is null && provenance.RunId is null ? null : provenance;
    }

    private static string? Text(Dictionary<string, object?> claims, string name) =>
        claims.TryGetValue(name, out var value) ? value switch
        {
            string s => s,
            double d => d.ToString("R", CultureInfo.InvariantCulture),
            bool b => b ? "true" : "false",
            _ => null,
        } : null;

    private static IReadOnlyList<string> List(Dictionary<string, object?> claims, string name)
    {
        if (!claims.TryGetValue(name, out var value))
        {
            return [];
        }

        return value switch
        {
            string s => s.Split([' ', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            List<object?> list => list.OfType<string>().ToArray(),
            _ => [],
        };
    }

    private static object? FromValue(Value value) => value.KindCase switch
    {
        Value.KindOneofCase.StringValue => value.StringValue,
        Value.KindOneofCase.NumberValue => value.NumberValue,
        Value.KindOneofCase.BoolValue => value.BoolValue,
        Value.KindOneofCase.ListValue => value.ListValue.Values.Select(FromValue).ToList(),
        _ => null,
    };

    private static object? FromJson(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Number => value.GetDouble(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Array => value.EnumerateArray().Select(FromJson).ToList(),
        _ => null,
    };
}
