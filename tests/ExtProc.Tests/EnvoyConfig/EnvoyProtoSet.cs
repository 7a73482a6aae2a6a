using System.Diagnostics;
using System.Reflection;
using System.Runtime.InteropServices;
using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace Hush.ExtProc.Tests.EnvoyConfig;

/// <summary>
/// Envoy's real API protos (npm <c>@grpc/grpc-js-xds</c>, installed into <c>out/envoy-api/</c> by <c>.ci/test-deps</c>),
/// compiled by Grpc.Tools' protoc into a descriptor set and loaded as Google.Protobuf descriptors, once per test run.
/// </summary>
internal sealed class EnvoyProtoSet
{
    /// <summary>What to do when the protos or protoc are missing.</summary>
    public const string SetupHint = "run .ci/test-deps (it installs the npm package @grpc/grpc-js-xds@1.14.1 into out/envoy-api/)";

    /// <summary>The npm package folder, relative to the repository root.</summary>
    public const string PackageDir = "out/envoy-api/node_modules/@grpc/grpc-js-xds";

    /// <summary>The files compiled: the bootstrap, every extension whose <c>@type</c> the configs use, the ext_proc service.</summary>
    public static readonly IReadOnlyList<string> RootFiles =
    [
        "envoy/config/bootstrap/v3/bootstrap.proto",
        "envoy/extensions/filters/network/http_connection_manager/v3/http_connection_manager.proto",
        "envoy/extensions/filters/http/jwt_authn/v3/config.proto",
        "envoy/extensions/filters/http/ext_proc/v3/ext_proc.proto",
        "envoy/extensions/filters/http/router/v3/router.proto",
        "envoy/extensions/access_loggers/stream/v3/stream.proto",
        "envoy/extensions/upstreams/http/v3/http_protocol_options.proto",
        "envoy/extensions/transport_sockets/tls/v3/tls.proto",
        "envoy/service/ext_proc/v3/external_processor.proto",
    ];

    private static readonly TimeSpan s_protocTimeout = TimeSpan.FromSeconds(120);
    private static readonly Lazy<EnvoyProtoSet> s_shared = new(Build, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly Dictionary<string, MessageDescriptor> _messages = new(StringComparer.Ordinal);
    private readonly Dictionary<string, EnumDescriptor> _enums = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ServiceDescriptor> _services = new(StringComparer.Ordinal);

    private EnvoyProtoSet(IReadOnlyList<FileDescriptor> files)
    {
        Files = files;
        foreach (var file in files)
        {
            foreach (var message in file.MessageTypes)
            {
                AddMessage(message);
            }

            foreach (var type in file.EnumTypes)
            {
                _enums[type.FullName] = type;
            }

            foreach (var service in file.Services)
            {
                _services[service.FullName] = service;
            }
        }
    }

    /// <summary>The compiled set, built on first use; a missing install fails every caller with <see cref="SetupHint"/>.</summary>
    public static EnvoyProtoSet Shared => s_shared.Value;

    /// <summary>Every file of the set (roots and their imports), in dependency order.</summary>
    public IReadOnlyList<FileDescriptor> Files { get; }

    /// <summary>The message with this full name (e.g. <c>envoy.config.bootstrap.v3.Bootstrap</c>), or null.</summary>
    public MessageDescriptor? FindMessage(string fullName) => _messages.GetValueOrDefault(fullName);

    /// <summary>The enum with this full name, or null.</summary>
    public EnumDescriptor? FindEnum(string fullName) => _enums.GetValueOrDefault(fullName);

    /// <summary>The service with this full name, or null.</summary>
    public ServiceDescriptor? FindService(string fullName) => _services.GetValueOrDefault(fullName);

    /// <summary>The message with this full name; throws when the set lacks it.</summary>
    public MessageDescriptor Message(string fullName) =>
        FindMessage(fullName) ?? throw new KeyNotFoundException($"{fullName} is not in the compiled Envoy protos");

    private void AddMessage(MessageDescriptor message)
    {
        _messages[message.FullName] = message;
        foreach (var nested in message.NestedTypes)
        {
            AddMessage(nested);
        }

        foreach (var type in message.EnumTypes)
        {
            _enums[type.FullName] = type;
        }
    }

    private static EnvoyProtoSet Build()
    {
        var deps = RepoFiles.PathOf(Path.Combine(PackageDir, "deps"));
        if (!File.Exists(Path.Combine(deps, "envoy-api", RootFiles[0])))
        {
            throw new InvalidOperationException($"Envoy's API protos are missing at {deps}: {SetupHint}.");
        }

        var (protoc, standardImports) = Protoc();
        var work = Directory.CreateTempSubdirectory("hush-envoy-api-");
        try
        {
            var overlay = Path.Combine(work.FullName, "overlay");
            ProtoOverlay.Write(overlay, deps);
            var output = Path.Combine(work.FullName, "envoy-api.pb");
            List<string> args = ["--include_imports", "--descriptor_set_out=" + output, "-I" + overlay];
            args.AddRange(new[] { "envoy-api", "xds", "googleapis", "protoc-gen-validate" }.Select(d => "-I" + Path.Combine(deps, d)));
            args.Add("-I" + standardImports);
            args.AddRange(RootFiles);
            Run(protoc, args, work.FullName);

            // protoc writes --include_imports sets in dependency order, which BuildFromByteStrings requires.
            var set = FileDescriptorSet.Parser.ParseFrom(File.ReadAllBytes(output));
            return new EnvoyProtoSet(FileDescriptor.BuildFromByteStrings(set.File.Select(f => f.ToByteString())));
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    private static (string Protoc, string StandardImports) Protoc()
    {
        var tools = AssemblyMetadata("Protobuf_PackagedToolsPath");
        var imports = AssemblyMetadata("Protobuf_StandardImportsPath");
        var os = OperatingSystem.IsWindows() ? "windows" : OperatingSystem.IsMacOS() ? "macosx" : "linux";
        var cpu = OperatingSystem.IsMacOS() ? "universal" : RuntimeInformation.OSArchitecture switch
        {
            Architecture.X64 => "x64",
            Architecture.X86 => "x86",
            Architecture.Arm64 => "arm64",
            var other => other.ToString().ToLowerInvariant(),
        };
        var protoc = Path.Combine(tools, $"{os}_{cpu}", OperatingSystem.IsWindows() ? "protoc.exe" : "protoc");
        if (!File.Exists(protoc) || !File.Exists(Path.Combine(imports, "google", "protobuf", "any.proto")))
        {
            throw new InvalidOperationException(
                $"protoc or the well-known protos of Grpc.Tools are missing ({protoc}, {imports}): restore the solution and {SetupHint}.");
        }

        return (protoc, imports);
    }

    private static string AssemblyMetadata(string key) =>
        typeof(EnvoyProtoSet).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == key && !string.IsNullOrEmpty(a.Value))?.Value
        ?? throw new InvalidOperationException(
            $"The test assembly lacks AssemblyMetadata '{key}' (set from Grpc.Tools in Hush.ExtProc.Tests.csproj); {SetupHint}.");

    private static void Run(string protoc, IEnumerable<string> args, string workingDirectory)
    {
        var info = new ProcessStartInfo(protoc)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException("cannot start " + protoc);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(s_protocTimeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"protoc did not finish within {s_protocTimeout}");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"protoc failed (exit {process.ExitCode}) compiling Envoy's API protos:\n{stderr.Result}{stdout.Result}");
        }
    }
}
