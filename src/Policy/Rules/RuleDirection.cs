namespace Hush.Policy.Rules;

/// <summary>Which traffic direction a rule applies to.</summary>
[Flags]
public enum RuleDirection : byte
{
    /// <summary>Requests (prompts) going to the provider.</summary>
    Request = 1,

    /// <summary>Responses (answers) coming back from the provider.</summary>
    Response = 2,

    /// <summary>Both directions.</summary>
    Both = Request | Response,
}
