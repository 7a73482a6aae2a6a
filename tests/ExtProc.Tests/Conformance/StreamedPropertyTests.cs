using System.Text;
using CsCheck;
using Hush.EnvoyEmulator.Exchange;
using Hush.ExtProc.Tests.Support;
using static Hush.ExtProc.Tests.Conformance.FilterConfigs;

namespace Hush.ExtProc.Tests.Conformance;

/// <summary>Random chunk boundaries through the emulator: streamed masking equals whole-body masking.</summary>
public sealed class StreamedPropertyTests(GoldenHushFixture hush) : IClassFixture<GoldenHushFixture>
{
    private static readonly Gen<string> s_filler = Gen.String[Gen.Char["abcdefghij klmnopqrstuvwxyz.,:{}\"\n"], 0, 60];

    /// <summary>A body of filler text with 1–3 keys, each set off by spaces so the rule's word boundaries hold.</summary>
    private static readonly Gen<string> s_body = Gen.Select(s_filler.Array[2, 4], fillers =>
        string.Join(" " + TestPolicies.AwsKey + " ", fillers));

    private static readonly Gen<int[]> s_cuts = Gen.Int[1, 40].Array[1, 12];

    [Fact]
    public async Task RandomChunkBoundaries_DownstreamEqualsWholeBodyMask_SecretNeverReleased()
    {
        await Gen.Select(s_body, s_cuts).SampleAsync(async (text, cuts) =>
        {
            var body = Encoding.UTF8.GetBytes(text);
            var result = await Conform.RunAsync(hush.Server.Channel, EnvoyYaml(), new ExchangeScript
            {
                RequestHeaders = Scripts.Get(),
                ResponseHeaders = Scripts.Response(),
                ResponseBody = Scripts.Cut(body, cuts),
                Timeout = Scripts.PhaseTimeout,
            });

            Assert.Equal(Encoding.UTF8.GetString(Scripts.MaskWhole(body)), result.Downstream.BodyText);
            ProtocolChecks.AssertNoSecret(result.Downstream, TestPolicies.AwsKey);
            Assert.True(result.Downstream.EndOfStream);
        }, iter: 30, threads: 1, print: x => $"{x.Item1.Length} bytes, cuts [{string.Join(",", x.Item2)}]").WaitAsync(TimeSpan.FromMinutes(3));
    }
}
