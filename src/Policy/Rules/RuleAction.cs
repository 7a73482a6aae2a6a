namespace Hush.Policy.Rules;

/// <summary>What a confirmed match of a rule does.</summary>
public enum RuleAction : byte
{
    /// <summary>The secret span is replaced by the rule's replacement.</summary>
    Mask = 0,

    /// <summary>The bytes pass unchanged and a hold verdict is raised for a human approver.</summary>
    Hold = 1,
}
