using System.Text;
using System.Text.Json;
using CsCheck;
using Hush.ExtProc.Tests.Support;
using Hush.Policy.Matching;
using static Hush.ExtProc.Tests.Codecs.Json.JsonRun;

namespace Hush.ExtProc.Tests.Codecs.Json;

/// <summary>Random documents × random chunk boundaries: chunk-independent, valid, masked like whole strings, no secret out.</summary>
public sealed class JsonBodyCodecPropertyTests
{
    private static readonly Gen<int[]> s_sizes = Gen.Int[1, 48].Array[1, 8];

    [Fact]
    public void PlantedSecrets_AnyChunking_SameOutputValidJsonNoSecret()
    {
        var matcher = Golden.Response;
        Gen.Select(Gen.Int, s_sizes).Sample((seed, sizes) =>
        {
            var json = new RandomJson(seed, plant: true).Build();
            var body = Encoding.UTF8.GetBytes(json);

            var whole = Whole(matcher, body, out var codec);
            var chunked = Chunked(matcher, body, sizes);

            Assert.False(codec.FellBack);
            Assert.Equal(Encoding.UTF8.GetString(whole), Encoding.UTF8.GetString(chunked));
            var output = Encoding.UTF8.GetString(whole);
            Assert.DoesNotContain(TestPolicies.AwsKey, output, StringComparison.Ordinal);
            using var input = JsonDocument.Parse(body);
            using var masked = JsonDocument.Parse(whole);
            AssertMaskedLikeWholeStrings(matcher, input.RootElement, masked.RootElement);
        }, iter: 400, print: x => $"seed {x.Item1}, sizes [{string.Join(",", x.Item2)}]");
    }

    [Fact]
    public void SecretFreeDocuments_AnyChunking_ByteIdentical()
    {
        var matcher = Golden.Response;
        Gen.Select(Gen.Int, s_sizes).Sample((seed, sizes) =>
        {
            var json = new RandomJson(seed, plant: false).Build();
            var body = Encoding.UTF8.GetBytes(json);

            Assert.Equal(json, Encoding.UTF8.GetString(Whole(matcher, body)));
            Assert.Equal(json, Encoding.UTF8.GetString(Chunked(matcher, body, sizes)));
        }, iter: 400, print: x => $"seed {x.Item1}, sizes [{string.Join(",", x.Item2)}]");
    }

    [Fact]
    public void BrokenDocuments_AnyChunking_SameOutputNoSecret()
    {
        var matcher = Golden.Response;
        Gen.Select(Gen.Int, Gen.Int[0, 1000], s_sizes).Sample((seed, cutAt, sizes) =>
        {
            var json = new RandomJson(seed, plant: true).Build();
            // Truncate and append junk with a bare key: invalid JSON somewhere after a valid prefix.
            json = json[..Math.Min(cutAt, json.Length)] + " ~ " + TestPolicies.AwsKey + " ";
            if (json.Length > 0 && char.IsHighSurrogate(json[^1]))
            {
                json = json[..^1];
            }

            var body = Encoding.UTF8.GetBytes(json);
            var whole = Whole(matcher, body, out var codec);
            var chunked = Chunked(matcher, body, sizes);

            Assert.True(codec.FellBack);
            Assert.Equal(Convert.ToHexString(whole), Convert.ToHexString(chunked));
            Assert.DoesNotContain(TestPolicies.AwsKey, Encoding.UTF8.GetString(whole), StringComparison.Ordinal);
        }, iter: 300, print: x => $"seed {x.Item1}, cut {x.Item2}, sizes [{string.Join(",", x.Item3)}]");
    }

    /// <summary>
    /// Keys, numbers and literals are equal; each string value equals its decoded input masked on its own with
    /// <see cref="PolicyMatcher.MaskAll"/>, and no decoded output string holds the key.
    /// </summary>
    private static void AssertMaskedLikeWholeStrings(PolicyMatcher matcher, JsonElement input, JsonElement output)
    {
        Assert.Equal(input.ValueKind, output.ValueKind);
        switch (input.ValueKind)
        {
            case JsonValueKind.Object:
                var inputProperties = input.EnumerateObject().ToList();
                var outputProperties = output.EnumerateObject().ToList();
                Assert.Equal(inputProperties.Count, outputProperties.Count);
                for (var i = 0; i < inputProperties.Count; i++)
                {
                    Assert.Equal(inputProperties[i].Name, outputProperties[i].Name);
                    AssertMaskedLikeWholeStrings(matcher, inputProperties[i].Value, outputProperties[i].Value);
                }

                break;
            case JsonValueKind.Array:
                Assert.Equal(input.GetArrayLength(), output.GetArrayLength());
                for (var i = 0; i < input.GetArrayLength(); i++)
                {
                    AssertMaskedLikeWholeStrings(matcher, input[i], output[i]);
                }

                break;
            case JsonValueKind.String:
                var expected = Encoding.UTF8.GetString(matcher.MaskAll(Encoding.UTF8.GetBytes(input.GetString()!)));
                var actual = output.GetString()!;
                Assert.Equal(expected, actual);
                Assert.DoesNotContain(TestPolicies.AwsKey, actual, StringComparison.Ordinal);
                break;
            default:
                Assert.Equal(input.GetRawText(), output.GetRawText());
                break;
        }
    }
}
