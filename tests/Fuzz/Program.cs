using Hush.Fuzz;
using SharpFuzz;

// `Hush.Fuzz TARGET` is the program afl-fuzz runs (SharpFuzz's fork-server protocol, input on stdin);
// `Hush.Fuzz TARGET --replay DIR` runs every file of DIR in process and prints one line per input.
if (args.Length is not (1 or 3) || (args.Length == 3 && args[1] != "--replay") || FuzzTargets.Create(args[0]) is not { } target)
{
    await Console.Error.WriteLineAsync(
        $"usage: Hush.Fuzz TARGET [--replay DIR]   (targets: {string.Join(", ", FuzzTargets.Names)})").ConfigureAwait(false);
    return 2;
}

if (args.Length == 3)
{
    var failures = FuzzReplay.RunFolder(target, args[2], out var ran);
    foreach (var failure in failures)
    {
        Console.WriteLine($"{failure.File}: FAIL {failure.Error}");
    }

    Console.WriteLine($"{target.Name}: {ran} inputs, {failures.Count} failed");
    return failures.Count == 0 ? 0 : 1;
}

// Instrumented code may run only inside Fuzzer.OutOfProcess.Run, once SharpFuzz has mapped AFL's coverage bitmap
// (before that it writes through a null map: AccessViolationException). Fixed state such as the matcher target's
// default policy is therefore built lazily by the first input.
var buffer = new byte[target.MaxInputLength];
Fuzzer.OutOfProcess.Run(stream =>
{
    // Inputs longer than the target's bound are truncated, exactly as the replay does.
    var length = 0;
    int read;
    while (length < buffer.Length && (read = stream.Read(buffer, length, buffer.Length - length)) > 0)
    {
        length += read;
    }

    target.Run(buffer.AsSpan(0, length));
});
return 0;
