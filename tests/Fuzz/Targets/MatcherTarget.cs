using Hush.Policy.Matching;
using Hush.Policy.Rules;

namespace Hush.Fuzz.Targets;

/// <summary>
/// <c>matcher</c>: the default policy (compiled once) streams the input's text at the chunking the input chooses;
/// output and confirmed matches must equal those of one whole-buffer write (<see cref="StreamingOracle"/>).
/// </summary>
/// <remarks>
/// Input layout: byte 0: bits 0–2 = k − 1 chunk sizes follow, bit 3 = direction (0 response, 1 request);
/// bytes 1..k: chunk sizes minus one (1..256), cycled; the rest is the text. No exception is allowed.
/// </remarks>
internal sealed class MatcherTarget : IFuzzTarget
{
    private readonly Lazy<PolicyMatcher> _response = new(() => FuzzPolicies.DefaultMatcher(RuleDirection.Response));
    private readonly Lazy<PolicyMatcher> _request = new(() => FuzzPolicies.DefaultMatcher(RuleDirection.Request));

    /// <inheritdoc />
    public string Name => "matcher";

    /// <inheritdoc />
    public int MaxInputLength => 16384;

    /// <inheritdoc />
    public void Run(ReadOnlySpan<byte> input)
    {
        if (input.IsEmpty)
        {
            return;
        }

        var count = Math.Min((input[0] & 7) + 1, input.Length - 1);
        if (count <= 0)
        {
            return;
        }

        Span<int> sizes = stackalloc int[count];
        for (var i = 0; i < count; i++)
        {
            sizes[i] = input[1 + i] + 1;
        }

        var matcher = (input[0] & 8) != 0 ? _request.Value : _response.Value;
        StreamingOracle.CheckChunked(matcher, input[(1 + count)..], sizes);
    }
}
