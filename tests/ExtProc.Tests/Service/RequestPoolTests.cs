using System.Buffers;
using System.Collections;
using Envoy.Config.Core.V3;
using Envoy.Service.ExtProc.V3;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Google.Protobuf.WellKnownTypes;
using Hush.ExtProc.Service;
using static Hush.ExtProc.Tests.Support.Messages;

namespace Hush.ExtProc.Tests.Service;

/// <summary>Pooled ext_proc requests: a reused object never carries anything of the message read before it.</summary>
public sealed class RequestPoolTests
{
    public static TheoryData<string> RequestCases() => [.. ProcessingRequest.Descriptor.Oneofs[0].Fields.Select(f => f.Name)];

    [Theory]
    [MemberData(nameof(RequestCases))]
    public void Reset_EveryFieldSet_LeavesWhatANewRequestHas(string oneofMember)
    {
        var message = new ProcessingRequest();
        foreach (var field in ProcessingRequest.Descriptor.Fields.InDeclarationOrder())
        {
            if (field.ContainingOneof is null || field.Name == oneofMember)
            {
                Fill(message, field);
            }
        }

        Assert.NotEqual(new ProcessingRequest(), message);
        Assert.True(RequestPool.Reset(message));
        Assert.Equal(new ProcessingRequest(), message);
    }

    [Fact]
    public void Read_IntoAReturnedObject_EqualsAFreshParseOfTheNewMessage()
    {
        var pool = new RequestPool();
        var headers = RequestHeaders();
        headers.MetadataContext = new Metadata { FilterMetadata = { ["envoy.filters.http.jwt_authn"] = new Struct { Fields = { ["sub"] = Value.ForString("ci") } } } };
        headers.Attributes["envoy.filters.http.ext_proc"] = new Struct { Fields = { ["request.path"] = Value.ForString("/v1/chat/completions") } };
        headers.ProtocolConfig = new ProtocolConfiguration { SendBodyWithoutWaitingForHeaderResponse = true };
        headers.ObservabilityMode = true;
        var first = pool.Read(new ReadOnlySequence<byte>(headers.ToByteArray()));
        Assert.Equal(headers, first);
        pool.Return(first);

        var body = ResponseBody("data: x\n\n"u8.ToArray(), endOfStream: true);
        var second = pool.Read(new ReadOnlySequence<byte>(body.ToByteArray()));

        Assert.Same(first, second);
        Assert.Equal(body, second);
    }

    [Fact]
    public void Read_PayloadInSeveralSegments_ParsedWhole()
    {
        var body = ResponseBody(new byte[10_000], endOfStream: false);
        var bytes = body.ToByteArray();
        var payload = Segment.Chain(bytes.AsMemory(0, 7), bytes.AsMemory(7, 5000), bytes.AsMemory(5007));
        Assert.False(payload.IsSingleSegment);

        Assert.Equal(body, new RequestPool().Read(payload));
    }

    [Fact]
    public void Return_MessageWithFieldsUnknownToThisCopy_IsNotReused()
    {
        var pool = new RequestPool();
        // Field 99 (varint 1): something a newer Envoy might send.
        var bytes = ResponseBody("x"u8.ToArray(), endOfStream: false).ToByteArray().Concat(new byte[] { 0x98, 0x06, 0x01 }).ToArray();
        var unknown = pool.Read(new ReadOnlySequence<byte>(bytes));
        pool.Return(unknown);

        var next = pool.Read(new ReadOnlySequence<byte>(RequestHeaders().ToByteArray()));

        Assert.NotSame(unknown, next);
        Assert.Equal(RequestHeaders(), next);
    }

    [Fact]
    public void Read_Malformed_FailsAsTheGeneratedParserDoes_AndTheObjectGoesBack()
    {
        var pool = new RequestPool();
        byte[] truncated = [.. ResponseBody(new byte[100], endOfStream: false).ToByteArray()[..50]];

        Assert.Throws<InvalidProtocolBufferException>(() => ProcessingRequest.Parser.ParseFrom(truncated));
        Assert.Throws<InvalidProtocolBufferException>(() => pool.Read(new ReadOnlySequence<byte>(truncated)));
        var next = pool.Read(new ReadOnlySequence<byte>(RequestHeaders().ToByteArray()));
        Assert.Equal(RequestHeaders(), next);
    }

    [Fact]
    public void ProcessMethod_IsEnvoysPath()
    {
        Assert.Equal("/envoy.service.ext_proc.v3.ExternalProcessor/Process", ProcessMethod.Method.FullName);
        Assert.Equal(Grpc.Core.MethodType.DuplexStreaming, ProcessMethod.Method.Type);
    }

    private static void Fill(ProcessingRequest message, FieldDescriptor field)
    {
        if (field.IsMap)
        {
            ((IDictionary)field.Accessor.GetValue(message))["key"] = new Struct();
            return;
        }

        object value = field.FieldType switch
        {
            FieldType.Bool => true,
            FieldType.Message => field.MessageType.Parser.ParseFrom(ByteString.Empty),
            _ => throw new InvalidOperationException($"ProcessingRequest.{field.Name} has a type this test does not fill; extend it (and RequestPool.Reset)."),
        };
        field.Accessor.SetValue(message, value);
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        private Segment(ReadOnlyMemory<byte> memory, long runningIndex)
        {
            Memory = memory;
            RunningIndex = runningIndex;
        }

        public static ReadOnlySequence<byte> Chain(params ReadOnlyMemory<byte>[] parts)
        {
            var first = new Segment(parts[0], 0);
            var last = first;
            for (var i = 1; i < parts.Length; i++)
            {
                var next = new Segment(parts[i], last.RunningIndex + last.Memory.Length);
                last.Next = next;
                last = next;
            }

            return new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
        }
    }
}
