using System.Globalization;
using Envoy.Service.ExtProc.V3;

namespace Hush.EnvoyEmulator.Filter;

/// <summary>
/// Applies a <see cref="HeaderMutation"/> the way Envoy's <c>MutationUtils</c> does: <c>raw_value</c> only, the
/// deprecated <c>append</c> BoolValue only (append_action ignored), default mutation rules (§2.11).
/// </summary>
internal static class HeaderMutator
{
    /// <summary>
    /// Mutates <paramref name="headers"/>; returns null on success or the error message Envoy would turn into a
    /// <c>status_on_error</c> local reply. Ignored mutations are counted in <paramref name="counters"/>.
    /// </summary>
    public static string? Apply(
        HttpHeaderList headers,
        HeaderMutation? mutation,
        ExtProcFilterConfig config,
        ExtProcCounters counters,
        bool replacing,
        bool isTrailers)
    {
        if (mutation is null)
        {
            return null;
        }

        foreach (var name in mutation.RemoveHeaders)
        {
            var key = name.ToLowerInvariant();

            // Removal of pseudo-headers and host is never allowed, whatever the rules say.
            if (key.StartsWith(':') || key == "host")
            {
                counters.IncRejectedHeaderMutations();
                continue;
            }

            if (!IsAllowed(key, config, replacing))
            {
                counters.IncRejectedHeaderMutations();
                if (config.DisallowIsError)
                {
                    return "Invalid attempt to remove " + key;
                }

                continue;
            }

            headers.Remove(key);
        }

        foreach (var option in mutation.SetHeaders)
        {
            var header = option.Header;
            if (header is null)
            {
                continue;
            }

            var key = header.Key.ToLowerInvariant();
            var value = header.RawValue.ToStringUtf8();
            if (!IsValidName(key) || !IsValidValue(value))
            {
                counters.IncRejectedHeaderMutations();
                return "Invalid character in set_headers mutation: " + key;
            }

            if (!IsAllowed(key, config, replacing) || (isTrailers && key.StartsWith(':')))
            {
                counters.IncRejectedHeaderMutations();
                if (config.DisallowIsError)
                {
                    return "Invalid attempt to modify " + key;
                }

                continue;
            }

            // An invalid :status (non-numeric, outside 200..599) is skipped; other mutations still apply.
            if (key == ":status" && !IsValidStatus(value))
            {
                counters.IncRejectedHeaderMutations();
                continue;
            }

            // Envoy reads only the deprecated append BoolValue: unset/false overwrites, true adds (§1.5).
#pragma warning disable CS0612
            var append = option.Append == true;
#pragma warning restore CS0612
            if (append && !key.StartsWith(':'))
            {
                headers.Add(key, value);
            }
            else
            {
                headers.Set(key, value);
            }
        }

        if (headers.Count > config.MaxHeadersCount || headers.ByteSize() > config.MaxHeadersKb * 1024)
        {
            return "Header mutation would exceed the header count or size limit";
        }

        return null;
    }

    /// <summary>Envoy's default <c>HeaderMutationRules</c> check, widened by allow_all_routing / allow_envoy.</summary>
    public static bool IsAllowed(string key, ExtProcFilterConfig config, bool replacing)
    {
        if (key is ":authority" or "host" or ":scheme")
        {
            return config.AllowAllRouting;
        }

        if (key == ":method")
        {
            return config.AllowAllRouting || replacing;
        }

        if (key.StartsWith("x-envoy", StringComparison.Ordinal))
        {
            return config.AllowEnvoy;
        }

        return true;
    }

    private static bool IsValidStatus(string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var status) && status is >= 200 and <= 599;

    private static bool IsValidName(string key)
    {
        if (key.Length == 0)
        {
            return false;
        }

        for (var i = 0; i < key.Length; i++)
        {
            var c = key[i];
            if (c <= ' ' || c >= 0x7f || (c == ':' && i > 0) || c is '"' or '(' or ')' or ',' or '/' or ';' or '<' or '=' or '>' or '?' or '@' or '[' or '\\' or ']' or '{' or '}')
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsValidValue(string value)
    {
        foreach (var c in value)
        {
            if (c is '\0' or '\r' or '\n')
            {
                return false;
            }
        }

        return true;
    }
}
