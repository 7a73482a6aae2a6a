using System.Text;
using Envoy.Config.Core.V3;
using Google.Protobuf;

namespace Hush.EnvoyEmulator.Filter;

/// <summary>
/// An ordered, multi-valued HTTP header (or trailer) map with lower-case keys, pseudo-headers included, the way
/// Envoy's header maps present themselves to ext_proc.
/// </summary>
public sealed class HttpHeaderList
{
    private readonly List<KeyValuePair<string, string>> _entries = [];

    /// <summary>Every entry in order.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Entries => _entries;

    /// <summary>Number of entries.</summary>
    public int Count => _entries.Count;

    /// <summary>A request header map with the four pseudo-headers Envoy puts first.</summary>
    public static HttpHeaderList Request(string method, string path, string authority = "example.com", string scheme = "http")
    {
        var list = new HttpHeaderList();
        list.Add(":method", method).Add(":path", path).Add(":scheme", scheme).Add(":authority", authority);
        return list;
    }

    /// <summary>A response header map starting with <c>:status</c>.</summary>
    public static HttpHeaderList Response(int status)
    {
        var list = new HttpHeaderList();
        list.Add(":status", status.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return list;
    }

    /// <summary>Builds a map from an Envoy <see cref="HeaderMap"/>, reading <c>raw_value</c> only as Envoy does.</summary>
    public static HttpHeaderList FromHeaderMap(HeaderMap? map)
    {
        var list = new HttpHeaderList();
        if (map is not null)
        {
            foreach (var h in map.Headers)
            {
                list.Add(h.Key, h.RawValue.ToStringUtf8());
            }
        }

        return list;
    }

    /// <summary>Adds another value for <paramref name="key"/> (lower-cased).</summary>
    public HttpHeaderList Add(string key, string value)
    {
        _entries.Add(new(key.ToLowerInvariant(), value));
        return this;
    }

    /// <summary>Replaces every value of <paramref name="key"/> with one value, keeping the first position.</summary>
    public HttpHeaderList Set(string key, string value)
    {
        key = key.ToLowerInvariant();
        var index = _entries.FindIndex(e => e.Key == key);
        if (index < 0)
        {
            _entries.Add(new(key, value));
            return this;
        }

        _entries.RemoveAll(e => e.Key == key);
        _entries.Insert(Math.Min(index, _entries.Count), new(key, value));
        return this;
    }

    /// <summary>Removes every value of <paramref name="key"/>; returns whether any was present.</summary>
    public bool Remove(string key)
    {
        key = key.ToLowerInvariant();
        return _entries.RemoveAll(e => e.Key == key) > 0;
    }

    /// <summary>The first value of <paramref name="key"/>, or null.</summary>
    public string? Get(string key)
    {
        key = key.ToLowerInvariant();
        foreach (var e in _entries)
        {
            if (e.Key == key)
            {
                return e.Value;
            }
        }

        return null;
    }

    /// <summary>Every value of <paramref name="key"/> in order.</summary>
    public IReadOnlyList<string> GetAll(string key)
    {
        key = key.ToLowerInvariant();
        var values = new List<string>();
        foreach (var e in _entries)
        {
            if (e.Key == key)
            {
                values.Add(e.Value);
            }
        }

        return values;
    }

    /// <summary>Whether <paramref name="key"/> is present.</summary>
    public bool Contains(string key) => Get(key) is not null;

    /// <summary>A deep copy.</summary>
    public HttpHeaderList Clone()
    {
        var copy = new HttpHeaderList();
        copy._entries.AddRange(_entries);
        return copy;
    }

    /// <summary>Approximate encoded size in bytes (name + value per entry), for the HCM header size limit.</summary>
    public int ByteSize()
    {
        var size = 0;
        foreach (var e in _entries)
        {
            size += Encoding.UTF8.GetByteCount(e.Key) + Encoding.UTF8.GetByteCount(e.Value);
        }

        return size;
    }

    /// <summary>The Envoy wire form: values in <c>raw_value</c> only (protocol notes §1.5).</summary>
    public HeaderMap ToHeaderMap()
    {
        var map = new HeaderMap();
        foreach (var e in _entries)
        {
            map.Headers.Add(new HeaderValue { Key = e.Key, RawValue = ByteString.CopyFromUtf8(e.Value) });
        }

        return map;
    }

    /// <inheritdoc/>
    public override string ToString() => string.Join(", ", _entries.Select(e => e.Key + ": " + e.Value));
}
