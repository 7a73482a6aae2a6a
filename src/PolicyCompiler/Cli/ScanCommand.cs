using System.Buffers;
using System.CommandLine;
using Hush.Policy.Matching;
using Hush.Policy.Rules;

namespace Hush.PolicyCompiler.Cli;

/// <summary>
/// <c>hushc scan ARTIFACT [FILE] [--chunk N] [--direction request|response]</c>: masks FILE (or standard input) to
/// standard output, streaming chunk by chunk; hold verdicts go to standard error without the matched text.
/// </summary>
internal static class ScanCommand
{
    /// <summary>Default chunk size.</summary>
    public const int DefaultChunk = 64 * 1024;

    /// <summary>Creates the command.</summary>
    public static Command Create(CliConsole console)
    {
        var artifact = new Argument<string>("ARTIFACT") { Description = "Compiled policy artifact." };
        var file = new Argument<string?>("FILE") { Description = "Input file; standard input when omitted.", Arity = ArgumentArity.ZeroOrOne };
        var chunk = new Option<int>("--chunk") { Description = "Bytes per write.", DefaultValueFactory = _ => DefaultChunk };
        var direction = new Option<string>("--direction") { Description = "Traffic direction.", DefaultValueFactory = _ => "response" };
        direction.AcceptOnlyFromAmong("request", "response");
        var command = new Command("scan", "Mask a file or standard input with a compiled policy.") { artifact, file, chunk, direction };
        command.SetAction(parse =>
        {
            var chunkSize = parse.GetValue(chunk);
            if (chunkSize < 1 || chunkSize > (64 << 20))
            {
                throw new CliException(ExitCodes.Usage, $"--chunk must be between 1 and {64 << 20}, got {chunkSize}");
            }

            var policy = ArtifactInput.Read(parse.GetRequiredValue(artifact));
            var dir = parse.GetValue(direction) == "request" ? RuleDirection.Request : RuleDirection.Response;
            var path = parse.GetValue(file);
            Stream input;
            try
            {
                input = path is null or "-" ? console.StdIn : new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new CliException(ExitCodes.IoError, $"cannot read {path}: {e.Message}");
            }

            try
            {
                Scan(new PolicyMatcher(policy, dir), input, console, chunkSize);
            }
            finally
            {
                if (!ReferenceEquals(input, console.StdIn))
                {
                    input.Dispose();
                }
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>Streams <paramref name="input"/> through a new stream of <paramref name="matcher"/>.</summary>
    public static void Scan(PolicyMatcher matcher, Stream input, CliConsole console, int chunkSize)
    {
        console.Out.Flush();
        var stream = matcher.CreateStream();
        var output = new ArrayBufferWriter<byte>(chunkSize + 256);
        var buffer = ArrayPool<byte>.Shared.Rent(chunkSize);
        try
        {
            while (true)
            {
                var read = ReadChunk(input, buffer.AsSpan(0, chunkSize));
                if (read == 0)
                {
                    break;
                }

                stream.Write(buffer.AsSpan(0, read), output);
                Flush(matcher, stream, output, console);
            }

            stream.Complete(output);
            Flush(matcher, stream, output, console);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Fills <paramref name="buffer"/> as far as the input allows, so `--chunk N` means N-byte writes.</summary>
    private static int ReadChunk(Stream input, Span<byte> buffer)
    {
        var total = 0;
        while (total < buffer.Length)
        {
            var n = input.Read(buffer[total..]);
            if (n == 0)
            {
                break;
            }

            total += n;
        }

        return total;
    }

    private static void Flush(PolicyMatcher matcher, StreamingMatcher stream, ArrayBufferWriter<byte> output, CliConsole console)
    {
        console.StdOut.Write(output.WrittenSpan);
        output.ResetWrittenCount();
        foreach (var e in stream.Events)
        {
            if (e.Action == RuleAction.Hold)
            {
                var rule = matcher.Policy.Rules[e.RuleIndex];
                console.Error.WriteLine($"hold: {rule.Id} at {e.Start}-{e.End}: {rule.Reason}");
            }
        }

        stream.ClearEvents();
    }
}
