namespace Hush.EnvoyEmulator.JwtAuthn;

/// <summary>Unpadded base64url (RFC 7515 §2).</summary>
public static class Base64Url
{
    /// <summary>Encodes without padding.</summary>
    public static string Encode(ReadOnlySpan<byte> data) => System.Buffers.Text.Base64Url.EncodeToString(data);

    /// <summary>Decodes, padded or not; throws <see cref="FormatException"/> on bad input.</summary>
    public static byte[] Decode(string text) => System.Buffers.Text.Base64Url.DecodeFromChars(text.TrimEnd('='));
}
