using System.Text;
using Envoy.Config.Core.V3;
using Google.Protobuf.WellKnownTypes;
using Hush.ExtProc.Identity;

namespace Hush.ExtProc.Tests.Identity;

public sealed class IdentityExtractorTests
{
    [Fact]
    public void GitHubActionsToken_ProvenanceExtracted()
    {
        var identity = new IdentityExtractor(new IdentityOptions()).FromMetadata(Metadata(new()
        {
            ["iss"] = "https://token.actions.githubusercontent.com",
            ["sub"] = "repo:acme/api:ref:refs/heads/main",
            ["aud"] = "llm-gateway",
            ["repository"] = "acme/api",
            ["run_id"] = "9876543210",
            ["run_attempt"] = "2",
            ["sha"] = "0123456789abcdef0123456789abcdef01234567",
            ["ref"] = "refs/heads/main",
            ["workflow"] = "deploy",
            ["job_workflow_ref"] = "acme/workflows/.github/workflows/deploy.yml@refs/heads/main",
            ["actor"] = "octocat",
        }));
        Assert.NotNull(identity);
        Assert.Equal("metadata", identity.Source);
        Assert.Equal("repo:acme/api:ref:refs/heads/main", identity.Subject);
        Assert.Equal(["llm-gateway"], identity.Audiences);
        var ci = Assert.IsType<CiProvenance>(identity.Ci);
        Assert.Equal("github-actions", ci.System);
        Assert.Equal("acme/api", ci.Repository);
        Assert.Equal("9876543210", ci.RunId);
        Assert.Equal("2", ci.RunAttempt);
        Assert.Equal("deploy", ci.Workflow);
        Assert.Equal("acme/workflows/.github/workflows/deploy.yml@refs/heads/main", ci.JobWorkflowRef);
        Assert.Equal("octocat", ci.Actor);
    }

    [Fact]
    public void GitLabToken_ProvenanceExtracted()
    {
        var identity = new IdentityExtractor(new IdentityOptions()).FromMetadata(Metadata(new()
        {
            ["iss"] = "https://gitlab.example.com",
            ["sub"] = "project_path:group/app:ref_type:branch:ref:main",
            ["project_path"] = "group/app",
            ["pipeline_id"] = 4242.0,
            ["job_id"] = "777",
            ["sha"] = "abc",
            ["ref"] = "main",
            ["user_login"] = "dev1",
        }));
        var ci = Assert.IsType<CiProvenance>(identity?.Ci);
        Assert.Equal("gitlab-ci", ci.System);
        Assert.Equal("group/app", ci.Repository);
        Assert.Equal("4242", ci.RunId);
        Assert.Equal("777", ci.JobId);
        Assert.Equal("dev1", ci.Actor);
    }

    [Fact]
    public void HumanToken_SubjectEmailGroupsNoProvenance()
    {
        var identity = new IdentityExtractor(new IdentityOptions()).FromMetadata(Metadata(new()
        {
            ["sub"] = "alice",
            ["email"] = "alice@example.com",
            ["groups"] = new[] { "platform", "security" },
            ["aud"] = new[] { "a", "b" },
        }));
        Assert.Equal("alice@example.com", identity?.Email);
        Assert.Equal(["platform", "security"], identity?.Groups);
        Assert.Equal(["a", "b"], identity?.Audiences);
        Assert.Null(identity?.Ci);
    }

    [Fact]
    public void ConfiguredClaimMapping_OtherCiSystem()
    {
        var options = new IdentityOptions { MappedSystemName = "buildkite" };
        options.ClaimMapping["repository"] = "pipeline_slug";
        options.ClaimMapping["run_id"] = "build_number";
        var identity = new IdentityExtractor(options).FromMetadata(Metadata(new()
        {
            ["sub"] = "organization:acme:pipeline:api",
            ["pipeline_slug"] = "api",
            ["build_number"] = 17.0,
        }));
        var ci = Assert.IsType<CiProvenance>(identity?.Ci);
        Assert.Equal("buildkite", ci.System);
        Assert.Equal("api", ci.Repository);
        Assert.Equal("17", ci.RunId);
    }

    [Fact]
    public void NoPayload_Null()
    {
        var extractor = new IdentityExtractor(new IdentityOptions());
        Assert.Null(extractor.FromMetadata(null));
        Assert.Null(extractor.FromMetadata(new Metadata()));
        var other = new Metadata();
        other.FilterMetadata["envoy.filters.http.jwt_authn"] = new Struct { Fields = { ["other_key"] = Value.ForString("x") } };
        Assert.Null(extractor.FromMetadata(other));
    }

    [Fact]
    public void HeaderFallback_OffByDefault_OnReadsBase64UrlPayload()
    {
        var payload = Convert.ToBase64String(Encoding.UTF8.GetBytes("{\"sub\":\"bob\",\"email\":\"b@example.com\"}"))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');
        Assert.Null(new IdentityExtractor(new IdentityOptions()).FromHeader(payload));
        var identity = new IdentityExtractor(new IdentityOptions { HeaderFallback = true }).FromHeader(payload);
        Assert.Equal("bob", identity?.Subject);
        Assert.Equal("header", identity?.Source);
        Assert.Null(new IdentityExtractor(new IdentityOptions { HeaderFallback = true }).FromHeader("%%%not-base64"));
    }

    private static Metadata Metadata(Dictionary<string, object> claims)
    {
        var payload = new Struct();
        foreach (var (key, value) in claims)
        {
            payload.Fields[key] = value switch
            {
                string s => Value.ForString(s),
                double d => Value.ForNumber(d),
                string[] list => Value.ForList(list.Select(Value.ForString).ToArray()),
                _ => throw new ArgumentException(key),
            };
        }

        var metadata = new Metadata();
        metadata.FilterMetadata["envoy.filters.http.jwt_authn"] = new Struct { Fields = { ["jwt_payload"] = Value.ForStruct(payload) } };
        return metadata;
    }
}
