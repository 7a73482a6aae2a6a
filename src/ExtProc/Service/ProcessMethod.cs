using Envoy.Service.ExtProc.V3;
using Google.Protobuf;
using Grpc.Core;

namespace Hush.ExtProc.Service;

/// <summary>
/// Binds <c>ExternalProcessor/Process</c> in place of the generated binder: the same service and method names (so the
/// same HTTP/2 path and wire format), but requests are read into objects from <see cref="RequestPool.Shared"/>.
/// </summary>
internal static class ProcessMethod
{
    /// <summary>The service's descriptor; gRPC reflection reads it from the type named by the bind attribute.</summary>
    public static Google.Protobuf.Reflection.ServiceDescriptor Descriptor => ExternalProcessor.Descriptor;

    /// <summary>The duplex method, with the pooling request marshaller.</summary>
    public static Method<ProcessingRequest, ProcessingResponse> Method { get; } = new(MethodType.DuplexStreaming,
        ExternalProcessor.Descriptor.FullName, ExternalProcessor.Descriptor.Methods[0].Name,
        Marshallers.Create(Write, static context => RequestPool.Shared.Read(context.PayloadAsReadOnlySequence())),
        Marshallers.Create(Write, static context => ProcessingResponse.Parser.ParseFrom(context.PayloadAsReadOnlySequence())));

    /// <summary>Called by Grpc.AspNetCore (through <see cref="PooledProcessorBase"/>'s attribute) to add the method.</summary>
    public static void Bind(ServiceBinderBase binder, PooledProcessorBase? service)
    {
        ArgumentNullException.ThrowIfNull(binder);
        binder.AddMethod(Method, service is null ? null : service.Process);
    }

    private static void Write<T>(T message, SerializationContext context)
        where T : IBufferMessage
    {
        context.SetPayloadLength(message.CalculateSize());
        message.WriteTo(context.GetBufferWriter());
        context.Complete();
    }
}
