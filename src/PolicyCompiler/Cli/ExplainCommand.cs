using System.CommandLine;
using System.Text;
using Hush.Policy.Format;
using Hush.Policy.Matching;
using Hush.Policy.Rules;

namespace Hush.PolicyCompiler.Cli;

/// <summary><c>hushc explain ARTIFACT</c>: what an artifact contains, rule by rule.</summary>
internal static class ExplainCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create(CliConsole console)
    {
        var artifact = new Argument<string>("ARTIFACT") { Description = "Compiled policy artifact." };
        var command = new Command("explain", "Describe a compiled artifact: rules, automata, sizes, hold-back bounds.") { artifact };
        command.SetAction(parse =>
        {
            var policy = ArtifactInput.Read(parse.GetRequiredValue(artifact));
            Write(console.Out, policy);
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>The worst-case bytes one rule can hold back in a stream: a pending candidate, 2·L.</summary>
    public static long HoldBackBound(CompiledRule rule) => 2L * rule.MaxMatchLength;

    /// <summary>Writes the description of <paramref name="policy"/>.</summary>
    public static void Write(TextWriter output, CompiledPolicy policy)
    {
        output.WriteLine($"policy:  {policy.Name}");
        output.WriteLine($"version: {policy.Version}");
        output.WriteLine($"sha256:  {policy.SourceSha256Hex}");
        output.WriteLine($"rules:   {policy.Rules.Count}");
        output.WriteLine();
        output.WriteLine($"{"#",4}  {"id",-36} {"action",-6} {"dir",-8} {"states",7} {"classes",7} {"table",9} {"dfa",-7} {"max_len",7} {"holdback",8}  prefilter");
        long states = 0, bytes = 0, holdBack = 0;
        int relaxed = 0, alwaysOn = 0;
        for (var i = 0; i < policy.Rules.Count; i++)
        {
            var rule = policy.Rules[i];
            var dfa = rule.Automaton;
            states += dfa.StateCount;
            bytes += dfa.MemoryBytes;
            holdBack = Math.Max(holdBack, HoldBackBound(rule));
            relaxed += rule.ExactAutomaton ? 0 : 1;
            alwaysOn += rule.Prefilter.AlwaysOn ? 1 : 0;
            output.WriteLine(
                $"{i,4}  {rule.Id,-36} {Action(rule.Action),-6} {Direction(rule.Direction),-8} {dfa.StateCount,7} " +
                $"{dfa.ClassCount,7} {dfa.MemoryBytes,9} {(rule.ExactAutomaton ? "exact" : "relaxed"),-7} " +
                $"{rule.MaxMatchLength,7} {HoldBackBound(rule),8}  {Prefilter(rule.Prefilter)}");
        }

        output.WriteLine();
        output.WriteLine($"total: {policy.Rules.Count} rules, {states} DFA states, {bytes} table bytes, " +
            $"{relaxed} relaxed, {alwaysOn} always-on, largest rule hold-back {holdBack} bytes");
        // The stream bound adds the longest partial prefilter literal that may be held at a chunk end.
        output.WriteLine($"stream hold-back bound: {new PolicyMatcher(policy, RuleDirection.Both).HoldBackBound} bytes");
    }

    private static string Action(RuleAction action) => action == RuleAction.Hold ? "hold" : "mask";

    private static string Direction(RuleDirection direction) => direction switch
    {
        RuleDirection.Request => "request",
        RuleDirection.Response => "response",
        _ => "both",
    };

    private static string Prefilter(RulePrefilter prefilter)
    {
        if (prefilter.AlwaysOn)
        {
            return "always-on";
        }

        var sb = new StringBuilder();
        sb.Append("literals ");
        for (var i = 0; i < prefilter.Literals.Length; i++)
        {
            if (i > 0)
            {
                sb.Append(' ');
            }

            if (i == 8)
            {
                sb.Append($"(+{prefilter.Literals.Length - 8} more)");
                break;
            }

            sb.Append('"');
            foreach (var b in prefilter.Literals[i])
            {
                // Literals are rule text, not secrets, but may hold any byte: keep the line printable.
                if (b is >= 0x20 and < 0x7F && b != '"' && b != '\\')
                {
                    sb.Append((char)b);
                }
                else
                {
                    sb.Append($"\\x{b:X2}");
                }
            }

            sb.Append('"');
        }

        sb.Append($" (max prefix {prefilter.MaxPrefix}");
        if (prefilter.LookBack > 0)
        {
            // Secret bytes may precede the literal: streams hold that many trailing bytes of the look-back set.
            sb.Append($", look-back {prefilter.LookBack}");
        }

        sb.Append(')');
        return sb.ToString();
    }
}
