using System.Buffers;

namespace Hush.ExtProc.Codecs.Json;

/// <summary>The end of the body and the switch to raw-byte scanning when the input is not JSON.</summary>
internal sealed partial class JsonBodyCodec
{
    /// <summary>Resolves the end of a body that was valid so far; an unfinished document falls back as truncated.</summary>
    private void Finish(IBufferWriter<byte> output)
    {
        if (_state == JsonParseState.Number && _depth == 0 && _numberState is JsonNumberState.Zero
            or JsonNumberState.Integer or JsonNumberState.Fraction or JsonNumberState.ExponentDigits)
        {
            // A top-level number ends with the body.
            EmitToken(output);
            _state = JsonParseState.AfterValue;
        }

        if (_depth == 0 && _state is JsonParseState.Value or JsonParseState.AfterValue)
        {
            return;
        }

        FallBack(JsonFallbackReason.Truncated, output);
    }

    /// <summary>
    /// Switches the rest of the body to a raw matcher. The decoded units of an open string value are still scanned as
    /// text and written (their escapes may spell a secret the raw bytes do not show); the unit being decoded and a
    /// withheld key, number or literal are handed to the raw matcher ahead of the remaining input.
    /// </summary>
    private void FallBack(JsonFallbackReason reason, IBufferWriter<byte> output)
    {
        FallbackReason = reason;
        var fallback = _matcher.CreateStream();
        if (_state == JsonParseState.String && !_inKey)
        {
            Feed(output, complete: true);
            _encoder.Flush(output);
            fallback.Write(_raw.Span[_completeRaw..], output);
            ResetValueString();
        }
        else if (_state is JsonParseState.Number or JsonParseState.Literal or JsonParseState.String)
        {
            fallback.Write(_token.AsSpan(0, _tokenLength), output);
            _tokenLength = 0;
        }

        _fallback = fallback;
        _state = JsonParseState.Failed;
    }
}
