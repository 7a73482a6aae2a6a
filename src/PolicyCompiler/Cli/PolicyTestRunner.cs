using System.Buffers;
using System.Text;
using Hush.Policy.Matching;
using Hush.Policy.Rules;
using Hush.PolicyCompiler.Policies;

namespace Hush.PolicyCompiler.Cli;

/// <summary>Runs a policy's <c>tests:</c> cases through the compiled matcher.</summary>
internal static class PolicyTestRunner
{
    /// <summary>Runs every case of <paramref name="tests"/> against <paramref name="policy"/>.</summary>
    public static List<PolicyTestResult> Run(CompiledPolicy policy, IReadOnlyList<PolicyTestCase> tests)
    {
        PolicyMatcher? request = null, response = null;
        var results = new List<PolicyTestResult>(tests.Count);
        foreach (var test in tests)
        {
            var matcher = test.Direction == RuleDirection.Request
                ? request ??= new PolicyMatcher(policy, RuleDirection.Request)
                : response ??= new PolicyMatcher(policy, RuleDirection.Response);
            results.Add(RunOne(matcher, test));
        }

        return results;
    }

    private static PolicyTestResult RunOne(PolicyMatcher matcher, PolicyTestCase test)
    {
        var output = new ArrayBufferWriter<byte>();
        var stream = matcher.CreateStream();
        stream.Write(Encoding.UTF8.GetBytes(test.Input), output);
        stream.Complete(output);
        var fired = new List<string>();
        foreach (var e in stream.Events)
        {
            var id = matcher.Policy.Rules[e.RuleIndex].Id;
            if (e.Action == RuleAction.Hold && !fired.Contains(id))
            {
                fired.Add(id);
            }
        }

        var actual = Encoding.UTF8.GetString(output.WrittenSpan);
        bool passed;
        if (test.ExpectHold is { } expected)
        {
            passed = true;
            foreach (var id in expected)
            {
                passed &= fired.Contains(id);
            }

            // An empty expect_hold list asserts that no hold fires.
            passed &= expected.Count > 0 || fired.Count == 0;
        }
        else
        {
            passed = actual == test.Expect;
        }

        return new PolicyTestResult(test, passed, actual, fired);
    }
}
