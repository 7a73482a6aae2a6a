namespace Hush.ExtProcBench.Load;

/// <summary>
/// Looks for planted secrets in the body a stream releases, chunk by chunk, without keeping the whole body: the
/// last <c>MaxLength - 1</c> bytes are carried over so a secret released across two answers is still seen, and a
/// match is counted only if it ends in the newly released bytes (so no secret is counted twice).
/// </summary>
internal sealed class LeakScanner
{
    private const int Carry = FakeSecrets.MaxLength - 1;
    private byte[] _buffer = new byte[2048];
    private int _carried;
    private byte[][] _secrets = [];

    /// <summary>Starts a new body that may contain <paramref name="secrets"/>.</summary>
    public void Reset(byte[][] secrets)
    {
        _secrets = secrets;
        _carried = 0;
    }

    /// <summary>Appends released bytes and returns how many planted secrets they complete.</summary>
    public int Scan(ReadOnlySpan<byte> released)
    {
        if (_secrets.Length == 0 || released.IsEmpty)
        {
            return 0;
        }

        var length = _carried + released.Length;
        if (length > _buffer.Length)
        {
            var bigger = new byte[Math.Max(length, _buffer.Length * 2)];
            _buffer.AsSpan(0, _carried).CopyTo(bigger);
            _buffer = bigger;
        }

        released.CopyTo(_buffer.AsSpan(_carried));
        var window = _buffer.AsSpan(0, length);
        var leaks = 0;
        foreach (var secret in _secrets)
        {
            var from = 0;
            while (from < window.Length)
            {
                var at = window[from..].IndexOf(secret);
                if (at < 0)
                {
                    break;
                }

                if (from + at + secret.Length > _carried)
                {
                    leaks++;
                }

                from += at + 1;
            }
        }

        var keep = Math.Min(length, Carry);
        window[(length - keep)..].CopyTo(_buffer);
        _carried = keep;
        return leaks;
    }
}
