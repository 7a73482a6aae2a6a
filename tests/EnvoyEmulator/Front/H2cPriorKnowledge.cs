using System.Buffers;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core.Features;

namespace Hush.EnvoyEmulator.Front;

/// <summary>
/// Lets one cleartext Kestrel port serve HTTP/1.1 and h2c (prior knowledge), like Envoy's <c>codec_type: AUTO</c>.
/// Kestrel only chooses HTTP/2 on a mixed cleartext endpoint when ALPN says so, so this connection middleware peeks
/// at the first bytes and, on the HTTP/2 connection preface, presents an ALPN result of <c>h2</c>.
/// </summary>
internal sealed class H2cPriorKnowledge : ITlsConnectionFeature, ITlsApplicationProtocolFeature
{
    private static readonly byte[] s_preface = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"u8.ToArray();

    /// <inheritdoc/>
    public ReadOnlyMemory<byte> ApplicationProtocol => "h2"u8.ToArray();

    /// <inheritdoc/>
    public X509Certificate2? ClientCertificate
    {
        get => null;
        set { }
    }

    /// <inheritdoc/>
    public Task<X509Certificate2?> GetClientCertificateAsync(CancellationToken cancellationToken) => Task.FromResult<X509Certificate2?>(null);

    /// <summary>The connection middleware.</summary>
    public static Func<ConnectionDelegate, ConnectionDelegate> Middleware => next => async connection =>
    {
        if (await StartsWithPrefaceAsync(connection).ConfigureAwait(false))
        {
            var feature = new H2cPriorKnowledge();
            connection.Features.Set<ITlsConnectionFeature>(feature);
            connection.Features.Set<ITlsApplicationProtocolFeature>(feature);
        }

        await next(connection).ConfigureAwait(false);
    };

    private static async Task<bool> StartsWithPrefaceAsync(ConnectionContext connection)
    {
        var input = connection.Transport.Input;
        while (true)
        {
            var result = await input.ReadAsync(connection.ConnectionClosed).ConfigureAwait(false);
            var buffer = result.Buffer;
            var length = (int)Math.Min(buffer.Length, s_preface.Length);
            var head = buffer.Slice(0, length).ToArray();
            var matches = head.AsSpan().SequenceEqual(s_preface.AsSpan(0, length));

            var decided = !matches || length == s_preface.Length || result.IsCompleted || result.IsCanceled;
            if (decided)
            {
                // Consume and examine nothing: Kestrel's protocol handler reads the same bytes right away.
                input.AdvanceTo(buffer.Start);
                return matches && length == s_preface.Length;
            }

            // Too few bytes to decide: mark them examined so the next read waits for more.
            input.AdvanceTo(buffer.Start, buffer.End);
        }
    }
}
