using System.Globalization;
using System.Text;
using System.Text.Json;
using Hush.ExtProc.Audit;
using Hush.ExtProc.Sinks;
using Hush.ExtProc.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace Hush.ExtProc.Tests.Sinks;

/// <summary>The RFC 5424 / RFC 6587 syslog sink against a real TCP collector.</summary>
public sealed class SyslogSinkTests
{
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task SyslogSink_SendsOctetCountedRfc5424Messages_WithCanonicalJson()
    {
        await using var collector = SyslogTestCollector.Start();
        var metrics = SinkTestRecords.Metrics();
        await using var sink = Syslog(collector.Port, metrics);
        sink.Start();
        var records = SinkTestRecords.Chain(5);
        records[4] = Rehash(records[4] with { Subject = "odd \"sub\\ject]" });
        foreach (var record in records)
        {
            sink.Publish(record);
        }

        await collector.WaitForAsync(5);
        var messages = collector.Messages;
        Assert.Equal(5, messages.Count);
        for (var i = 0; i < records.Count; i++)
        {
            var m = Parse(messages[i]);
            var r = records[i];
            Assert.Equal((13 * 8) + SyslogFormatter.Severity(r.Verdict), m.Pri);
            Assert.Equal(r.Time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture), m.Timestamp);
            Assert.Equal("hush-test", m.Hostname);
            Assert.Equal("hush", m.AppName);
            Assert.Equal(Environment.ProcessId.ToString(CultureInfo.InvariantCulture), m.ProcId);
            Assert.Equal("audit", m.MsgId);
            Assert.Equal("hush@32473", m.SdId);
            Assert.Equal(r.Sequence.ToString(CultureInfo.InvariantCulture), m.Params["seq"]);
            Assert.Equal(AuditVerdicts.ToWire(r.Verdict), m.Params["verdict"]);
            Assert.Equal(r.Hash, m.Params["hash"]);
            Assert.Equal(r.Subject, m.Params["subject"]);
            Assert.Equal(AuditCanonical.Form(r, includeHash: true), m.Json);
            using var doc = JsonDocument.Parse(m.Json);
            Assert.Equal(AuditCanonical.ComputeHash(r), doc.RootElement.GetProperty("hash").GetString());
        }

        Assert.Equal(110, Parse(messages[0]).Pri);
        Assert.Equal(109, Parse(messages[2]).Pri);
        Assert.Equal(108, Parse(messages[4]).Pri);
        Assert.Equal("hold_" + new string('b', 26), Parse(messages[2]).Params["hold_id"]);
        Assert.Contains("subject=\"odd \\\"sub\\\\ject\\]\"", messages[4], StringComparison.Ordinal);
        await Eventually.TrueAsync(() => SinkTestRecords.Settled(metrics, "syslog", 5));
        Assert.Equal(1, collector.Connections);
    }

    [Fact]
    public async Task SyslogSink_CollectorRestarts_ReconnectsAndDeliversWhatWaited()
    {
        var first = SyslogTestCollector.Start();
        var port = first.Port;
        var metrics = SinkTestRecords.Metrics();
        await using var sink = Syslog(port, metrics);
        sink.Start();
        var records = SinkTestRecords.Chain(6);
        for (var i = 0; i < 3; i++)
        {
            sink.Publish(records[i]);
        }

        await first.WaitForAsync(3);
        await Eventually.TrueAsync(() => SinkTestRecords.Settled(metrics, "syslog", 3));
        await first.DisposeAsync();

        for (var i = 3; i < 6; i++)
        {
            sink.Publish(records[i]);
        }

        await Eventually.TrueAsync(() => Task.FromResult(SinkTestRecords.Value(metrics.Errors, "syslog") >= 1));
        Assert.Equal(3, SinkTestRecords.Value(metrics.Lag, "syslog"));
        await using var second = SyslogTestCollector.Start(port);
        await second.WaitForAsync(3);
        await Eventually.TrueAsync(() => SinkTestRecords.Settled(metrics, "syslog", 6));
        Assert.Equal(["4", "5", "6"], second.Messages.Select(m => Parse(m).Params["seq"]));
        Assert.Equal(0, SinkTestRecords.Value(metrics.Dropped, "syslog"));
    }

    [Fact]
    public void SyslogFormatter_EscapesParamValuesAndSanitisesHeaderFields()
    {
        var sb = new StringBuilder();
        SyslogFormatter.AppendParamValue(sb, "a\"b\\c]d=e");
        Assert.Equal("a\\\"b\\\\c\\]d=e", sb.ToString());
        Assert.Equal("host_name_", SyslogFormatter.HeaderField("host name\u00e9", 255));
        Assert.Equal("-", SyslogFormatter.HeaderField("", 48));
        Assert.Equal(new string('x', 48), SyslogFormatter.HeaderField(new string('x', 60), 48));
        Assert.Equal("-", SyslogFormatter.Timestamp(default));
        Assert.Equal(6, SyslogFormatter.Severity(AuditVerdict.Approved));
        Assert.Equal(5, SyslogFormatter.Severity(AuditVerdict.Denied));
        Assert.Equal(4, SyslogFormatter.Severity(AuditVerdict.Error));
    }

    [Fact]
    public void SyslogSink_FrameLengthCountsUtf8Bytes()
    {
        var options = SinkTestRecords.Options("syslog", SinkType.Syslog);
        options.Host = "127.0.0.1";
        var sink = new SyslogSink(options, SinkTestRecords.Metrics(), TimeProvider.System, NullLogger.Instance);
        var frames = Encoding.UTF8.GetString(sink.Frames(SinkTestRecords.Chain(1)));
        var space = frames.IndexOf(' ', StringComparison.Ordinal);
        var length = int.Parse(frames.AsSpan(0, space), CultureInfo.InvariantCulture);
        var message = frames[(space + 1)..];
        // The sample record holds non-ASCII text, so bytes and chars differ: the prefix must count bytes.
        Assert.NotEqual(message.Length, length);
        Assert.Equal(Encoding.UTF8.GetByteCount(message), length);
    }

    private static SyslogSink Syslog(int port, SinkMetrics metrics)
    {
        var options = SinkTestRecords.Options("syslog", SinkType.Syslog);
        options.Host = "127.0.0.1";
        options.Port = port;
        options.Hostname = "hush-test";
        return new SyslogSink(options, metrics, TimeProvider.System, NullLogger.Instance);
    }

    private static AuditRecord Rehash(AuditRecord record) => record with { Hash = AuditCanonical.ComputeHash(record) };

    private static SyslogMessage Parse(string message) => SyslogMessage.Parse(message);
}
