using System.Globalization;
using System.Text;

namespace Hush.ExtProc.Tests.Sinks;

/// <summary>An RFC 5424 message split into its header fields, one SD element's params (unescaped) and the MSG.</summary>
internal sealed record SyslogMessage(int Pri, string Timestamp, string Hostname, string AppName, string ProcId, string MsgId,
    string SdId, IReadOnlyDictionary<string, string> Params, string Json)
{
    /// <summary>Parses <paramref name="message"/>, failing the test on any syntax error.</summary>
    public static SyslogMessage Parse(string message)
    {
        Assert.StartsWith("<", message, StringComparison.Ordinal);
        var close = message.IndexOf('>', StringComparison.Ordinal);
        var pri = int.Parse(message.AsSpan(1, close - 1), CultureInfo.InvariantCulture);
        Assert.Equal("1 ", message.Substring(close + 1, 2));
        var pos = close + 3;
        var header = new string[5];
        for (var i = 0; i < header.Length; i++)
        {
            var space = message.IndexOf(' ', pos);
            header[i] = message[pos..space];
            pos = space + 1;
        }

        Assert.Equal('[', message[pos]);
        var idEnd = message.IndexOf(' ', pos);
        var sdId = message[(pos + 1)..idEnd];
        pos = idEnd;
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        while (message[pos] == ' ')
        {
            var eq = message.IndexOf('=', pos);
            var name = message[(pos + 1)..eq];
            Assert.Equal('"', message[eq + 1]);
            pos = eq + 2;
            var value = new StringBuilder();
            while (message[pos] != '"')
            {
                if (message[pos] == '\\')
                {
                    pos++;
                }

                value.Append(message[pos++]);
            }

            parameters[name] = value.ToString();
            pos++;
        }

        Assert.Equal("] ", message.Substring(pos, 2));
        return new SyslogMessage(pri, header[0], header[1], header[2], header[3], header[4], sdId, parameters, message[(pos + 2)..]);
    }
}
