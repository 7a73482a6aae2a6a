using System.Text;
using Hush.ExtProc.Hosting;

namespace Hush.ExtProc.Policies;

/// <summary>The resolved <c>{hmac}</c> placeholder key (configured, or none: the matcher then uses a per-process key).</summary>
internal sealed class PlaceholderKey
{
    private PlaceholderKey(byte[]? bytes) => Bytes = bytes;

    /// <summary>The key, or null when none is configured.</summary>
    public byte[]? Bytes { get; }

    /// <summary>Reads the key from <see cref="HushOptions.PlaceholderKey"/> or <see cref="HushOptions.PlaceholderKeyFile"/>.</summary>
    public static PlaceholderKey From(HushOptions options)
    {
        if (!string.IsNullOrEmpty(options.PlaceholderKey))
        {
            return new PlaceholderKey(Encoding.UTF8.GetBytes(options.PlaceholderKey));
        }

        if (!string.IsNullOrEmpty(options.PlaceholderKeyFile))
        {
            var text = File.ReadAllText(options.PlaceholderKeyFile).TrimEnd('\r', '\n');
            var bytes = Encoding.UTF8.GetBytes(text);
            if (bytes.Length < 16)
            {
                throw new PolicyLoadException($"placeholder key file '{options.PlaceholderKeyFile}' holds fewer than 16 bytes");
            }

            return new PlaceholderKey(bytes);
        }

        return new PlaceholderKey(null);
    }
}
