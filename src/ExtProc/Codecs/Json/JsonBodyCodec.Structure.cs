using System.Buffers;

namespace Hush.ExtProc.Codecs.Json;

/// <summary>The structural tokenizer: containers, keys, numbers and literals, written through unchanged.</summary>
internal sealed partial class JsonBodyCodec
{
    /// <summary>
    /// Tokenizes <paramref name="chunk"/>, writing what is safe to <paramref name="output"/>. Returns -1 when the chunk
    /// was consumed, or the index of the first byte of the chunk the raw fallback must take over from.
    /// </summary>
    private int Parse(ReadOnlySpan<byte> chunk, IBufferWriter<byte> output)
    {
        // Start of the run of pass-through bytes (structure, whitespace) not yet written; -1 while a string, number
        // or literal is being withheld.
        var pass = _state is JsonParseState.Number or JsonParseState.Literal or JsonParseState.String ? -1 : 0;
        var i = 0;
        while (i < chunk.Length)
        {
            switch (_state)
            {
                case JsonParseState.String:
                    var scan = ScanString(chunk, ref i, output);
                    if (scan == JsonFallbackReason.None)
                    {
                        if (i == chunk.Length)
                        {
                            break;
                        }

                        // i is at the closing quote, which starts the next pass-through run.
                        if (_inKey)
                        {
                            EmitToken(output);
                            _state = JsonParseState.Colon;
                        }
                        else
                        {
                            EndValueString(output);
                            _state = JsonParseState.AfterValue;
                        }

                        pass = i;
                        i++;
                        break;
                    }

                    return FailAt(scan, chunk, pass, i, output);
                case JsonParseState.Number:
                    var next = NextNumber(_numberState, chunk[i]);
                    if (next != JsonNumberState.Invalid)
                    {
                        _numberState = next;
                        AppendToken(chunk[i], output);
                        i++;
                        break;
                    }

                    if (_numberState is JsonNumberState.Minus or JsonNumberState.Dot or JsonNumberState.Exponent or JsonNumberState.ExponentSign)
                    {
                        return FailAt(JsonFallbackReason.UnexpectedByte, chunk, pass, i, output);
                    }

                    EmitToken(output);
                    _state = JsonParseState.AfterValue;
                    pass = i;
                    break;
                case JsonParseState.Literal:
                    var literal = Literal(_literalKind);
                    if (chunk[i] != literal[_literalIndex])
                    {
                        return FailAt(JsonFallbackReason.UnexpectedByte, chunk, pass, i, output);
                    }

                    AppendToken(chunk[i], output);
                    i++;
                    if (++_literalIndex == literal.Length)
                    {
                        EmitToken(output);
                        _state = JsonParseState.AfterValue;
                        pass = i;
                    }

                    break;
                default:
                    var b = chunk[i];
                    if (b is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r')
                    {
                        i++;
                        break;
                    }

                    var reason = Structural(b, chunk, ref pass, i, output);
                    if (reason != JsonFallbackReason.None)
                    {
                        return FailAt(reason, chunk, pass, i, output);
                    }

                    i++;
                    break;
            }
        }

        if (pass >= 0)
        {
            output.Write(chunk[pass..]);
        }

        if (_state == JsonParseState.String && !_inKey)
        {
            Feed(output, complete: false);
        }

        return -1;
    }

    /// <summary>Handles the structural byte <paramref name="b"/> at <paramref name="i"/>; returns why it is invalid, or None.</summary>
    private JsonFallbackReason Structural(byte b, ReadOnlySpan<byte> chunk, ref int pass, int i, IBufferWriter<byte> output)
    {
        var expectsValue = _state is JsonParseState.Value or JsonParseState.ArrayFirst
            || (_state == JsonParseState.AfterValue && _depth == 0);
        if (expectsValue)
        {
            switch (b)
            {
                case (byte)'{':
                case (byte)'[':
                    if (_depth == _maxDepth)
                    {
                        return JsonFallbackReason.TooDeep;
                    }

                    _containers[_depth++] = b == (byte)'{';
                    _state = b == (byte)'{' ? JsonParseState.ObjectFirst : JsonParseState.ArrayFirst;
                    return JsonFallbackReason.None;
                case (byte)']' when _state == JsonParseState.ArrayFirst:
                    _depth--;
                    _state = JsonParseState.AfterValue;
                    return JsonFallbackReason.None;
                case (byte)'"':
                    // The opening quote is written now; the content is withheld as the matcher decides.
                    output.Write(chunk[pass..(i + 1)]);
                    pass = -1;
                    BeginString(isKey: false);
                    return JsonFallbackReason.None;
                case (byte)'-' or (>= (byte)'0' and <= (byte)'9'):
                    output.Write(chunk[pass..i]);
                    pass = -1;
                    _state = JsonParseState.Number;
                    _numberState = NextNumber(JsonNumberState.Invalid, b);
                    _tokenLength = 0;
                    AppendToken(b, output);
                    return JsonFallbackReason.None;
                case (byte)'t' or (byte)'f' or (byte)'n':
                    output.Write(chunk[pass..i]);
                    pass = -1;
                    _state = JsonParseState.Literal;
                    _literalKind = b == (byte)'t' ? 0 : b == (byte)'f' ? 1 : 2;
                    _literalIndex = 1;
                    _tokenLength = 0;
                    AppendToken(b, output);
                    return JsonFallbackReason.None;
                default:
                    return JsonFallbackReason.UnexpectedByte;
            }
        }

        switch (_state)
        {
            case JsonParseState.ObjectFirst when b == (byte)'}':
                _depth--;
                _state = JsonParseState.AfterValue;
                return JsonFallbackReason.None;
            case JsonParseState.ObjectFirst or JsonParseState.Key when b == (byte)'"':
                // Keys are not scanned but are withheld until they end, so a fallback inside one rescans it.
                output.Write(chunk[pass..i]);
                pass = -1;
                _tokenLength = 0;
                AppendToken(b, output);
                BeginString(isKey: true);
                return JsonFallbackReason.None;
            case JsonParseState.Colon when b == (byte)':':
                _state = JsonParseState.Value;
                return JsonFallbackReason.None;
            case JsonParseState.AfterValue when b == (byte)',':
                _state = _containers[_depth - 1] ? JsonParseState.Key : JsonParseState.Value;
                return JsonFallbackReason.None;
            case JsonParseState.AfterValue when (b == (byte)'}' && _containers[_depth - 1]) || (b == (byte)']' && !_containers[_depth - 1]):
                _depth--;
                _state = JsonParseState.AfterValue;
                return JsonFallbackReason.None;
            default:
                return JsonFallbackReason.UnexpectedByte;
        }
    }

    /// <summary>The number state after <paramref name="b"/> (from <see cref="JsonNumberState.Invalid"/>: the first byte).</summary>
    private static JsonNumberState NextNumber(JsonNumberState state, byte b)
    {
        var digit = b is >= (byte)'0' and <= (byte)'9';
        return state switch
        {
            JsonNumberState.Invalid => b == (byte)'-' ? JsonNumberState.Minus : b == (byte)'0' ? JsonNumberState.Zero : JsonNumberState.Integer,
            JsonNumberState.Minus => b == (byte)'0' ? JsonNumberState.Zero : digit ? JsonNumberState.Integer : JsonNumberState.Invalid,
            JsonNumberState.Zero => b == (byte)'.' ? JsonNumberState.Dot : b is (byte)'e' or (byte)'E' ? JsonNumberState.Exponent : JsonNumberState.Invalid,
            JsonNumberState.Integer => digit ? JsonNumberState.Integer : b == (byte)'.' ? JsonNumberState.Dot
                : b is (byte)'e' or (byte)'E' ? JsonNumberState.Exponent : JsonNumberState.Invalid,
            JsonNumberState.Dot => digit ? JsonNumberState.Fraction : JsonNumberState.Invalid,
            JsonNumberState.Fraction => digit ? JsonNumberState.Fraction : b is (byte)'e' or (byte)'E' ? JsonNumberState.Exponent : JsonNumberState.Invalid,
            JsonNumberState.Exponent => b is (byte)'+' or (byte)'-' ? JsonNumberState.ExponentSign : digit ? JsonNumberState.ExponentDigits : JsonNumberState.Invalid,
            JsonNumberState.ExponentSign or JsonNumberState.ExponentDigits => digit ? JsonNumberState.ExponentDigits : JsonNumberState.Invalid,
            _ => JsonNumberState.Invalid,
        };
    }

    private static ReadOnlySpan<byte> Literal(int kind) => kind switch
    {
        0 => "true"u8,
        1 => "false"u8,
        _ => "null"u8,
    };

    private void AppendToken(byte b, IBufferWriter<byte> output)
    {
        if (_tokenLength == MaxTokenHold)
        {
            // Only numbers and keys get this long; both are validated and never masked.
            EmitToken(output);
        }

        if (_tokenLength == _token.Length)
        {
            Array.Resize(ref _token, _token.Length * 2);
        }

        _token[_tokenLength++] = b;
    }

    private void AppendToken(ReadOnlySpan<byte> data, IBufferWriter<byte> output)
    {
        if (_tokenLength + data.Length > MaxTokenHold)
        {
            EmitToken(output);
            if (data.Length > MaxTokenHold)
            {
                output.Write(data);
                return;
            }
        }

        if (_tokenLength + data.Length > _token.Length)
        {
            Array.Resize(ref _token, Math.Max(_token.Length * 2, _tokenLength + data.Length));
        }

        data.CopyTo(_token.AsSpan(_tokenLength));
        _tokenLength += data.Length;
    }

    private void EmitToken(IBufferWriter<byte> output)
    {
        output.Write(_token.AsSpan(0, _tokenLength));
        _tokenLength = 0;
    }

    /// <summary>Writes the pass-through run before <paramref name="i"/>, falls back and returns where the raw matcher resumes.</summary>
    private int FailAt(JsonFallbackReason reason, ReadOnlySpan<byte> chunk, int pass, int i, IBufferWriter<byte> output)
    {
        if (pass >= 0)
        {
            output.Write(chunk[pass..i]);
        }

        FallBack(reason, output);
        return i;
    }
}
