using System.Diagnostics;
using System.Globalization;
using System.Reflection.PortableExecutable;
using System.Text.RegularExpressions;

namespace VagrantNet.Benchmarks;

/// <summary>
/// vnet's start-up targets, measured in one run (median of N fresh processes each):
/// (a) cold compile of a two-machine Vagrantfile.csx (`vnet validate` with an empty script cache): the compile
/// time vnet logs at debug level, and the whole process; (b) `vnet status` on a compiled-script cache hit;
/// (c) a hello-world .NET console app built in the same run, its runs alternating with (b)'s. Targets: (a) compile
/// &lt;= 0.6 s, (b)/(c) &lt;= 3x.
/// Options: --runs N (default 20), --vnet PATH (default artifacts/vnet/vnet from `./build.sh --target=Publish`, else a
/// Release build), --no-bundled-plugins (runs a copy of vnet without its plugins/ directory).
/// </summary>
internal static partial class StartupBenchmark
{
    private const double CompileTargetMs = 600;
    private const double RatioTarget = 3;

    private const string TwoMachines = """
        Vagrant.Configure(config =>
        {
            config.Vm.Box = "vnet/debian12";
            config.Vm.Provision.Shell("hello", inline: "echo hello", run: Run.Always);

            foreach (var (name, ip) in new[] { ("web", "10.20.30.10"), ("db", "10.20.30.11") })
            {
                config.Vm.Define(name, m =>
                {
                    m.Vm.Hostname = name;
                    m.Vm.Network.PrivateNetwork(ip: ip);
                }, primary: name == "web");
            }
        });
        """;

    public static async Task<int> RunAsync(string[] args)
    {
        var runs = int.Parse(Option(args, "--runs") ?? "20", CultureInfo.InvariantCulture);
        var root = RepositoryRoot();
        var work = Directory.CreateTempSubdirectory("vnet-bench-").FullName;
        try
        {
            var vnet = await LocateVnetAsync(root, Option(args, "--vnet"), work);
            if (args.Contains("--no-bundled-plugins"))
            {
                vnet = CopyWithout(vnet, Path.Combine(work, "vnet"), "plugins" + Path.DirectorySeparatorChar);
            }

            var project = Directory.CreateDirectory(Path.Combine(work, "project")).FullName;
            await File.WriteAllTextAsync(Path.Combine(project, "Vagrantfile.csx"), TwoMachines);
            Console.WriteLine($"vnet:  {vnet} ({(IsReadyToRun(Path.ChangeExtension(vnet, ".dll")) ? "ReadyToRun" : "JIT only, not ReadyToRun")})");

            var probe = await RunProcessAsync(vnet, ["validate"], project, Home(work, "probe"));
            if (probe.ExitCode != 0)
            {
                Console.Error.WriteLine($"`vnet validate` failed (exit {probe.ExitCode}), so there is nothing to measure:{Environment.NewLine}{probe.Stderr}");
                Console.Error.WriteLine("If a bundled plugin is refused, run again with --no-bundled-plugins.");
                return 1;
            }

            // (a) Cold compile: a fresh VNET_HOME each run, so the script cache is empty. It starts from the JIT profile
            // shipped beside vnet, as a user's first compile does; a copy of vnet without that profile runs alternately.
            var bare = CopyWithout(vnet, Path.Combine(work, "vnet-no-jit-profile"), "compile.jitprofile");
            var compileMs = new List<double>();
            var bareCompileMs = new List<double>();
            var coldMs = new List<double>();
            for (var i = 0; i < runs; i++)
            {
                foreach (var (binary, results) in new[] { (vnet, compileMs), (bare, bareCompileMs) })
                {
                    var cold = await RunProcessAsync(binary, ["validate"], project, Home(work, $"cold{i}-{(binary == vnet ? "shipped" : "bare")}", debug: true));
                    var logged = CompileLog().Match(cold.Stderr);
                    if (cold.ExitCode != 0 || !logged.Success)
                    {
                        Console.Error.WriteLine($"cold `vnet validate` did not log a compile:{Environment.NewLine}{cold.Stderr}");
                        return 1;
                    }

                    results.Add(double.Parse(logged.Groups["ms"].Value, CultureInfo.InvariantCulture));
                    if (binary == vnet)
                    {
                        coldMs.Add(cold.Milliseconds);
                    }
                }
            }

            // (b) Cache hit: one run fills the cache, then every run reads it.
            var warmHome = Home(work, "warm");
            await RunProcessAsync(vnet, ["status"], project, warmHome);
            var check = await RunProcessAsync(vnet, ["status"], project, Home(work, "warm", debug: true));
            if (!check.Stderr.Contains("Microsoft.CodeAnalysis loaded: False", StringComparison.Ordinal))
            {
                Console.Error.WriteLine($"warning: the cache-hit run loaded Roslyn or did not say:{Environment.NewLine}{check.Stderr}");
            }

            // (c) Hello world, built now with the same SDK and runtime.
            var hello = await BuildHelloAsync(work);
            await RunProcessAsync(hello, [], work, []);

            // (b) and (c) alternate, so that a noisy neighbour slows both alike rather than one of them.
            var statusMs = new List<double>();
            var helloMs = new List<double>();
            for (var i = 0; i < runs; i++)
            {
                statusMs.Add((await RunProcessAsync(vnet, ["status"], project, warmHome)).Milliseconds);
                helloMs.Add((await RunProcessAsync(hello, [], work, [])).Milliseconds);
            }

            var ratio = Median(statusMs) / Median(helloMs);
            Console.WriteLine($"median of {runs} runs each; {LoadAverage()}");
            Console.WriteLine($"  (a) cold compile, two-machine Vagrantfile.csx  {Median(compileMs),7:F0} ms  target <= {CompileTargetMs:F0} ms  {Verdict(Median(compileMs) <= CompileTargetMs)}");
            Console.WriteLine($"      whole cold `vnet validate` process         {Median(coldMs),7:F0} ms");
            Console.WriteLine($"      compile without the shipped JIT profile    {Median(bareCompileMs),7:F0} ms");
            Console.WriteLine($"  (b) `vnet status`, compiled-script cache hit   {Median(statusMs),7:F0} ms");
            Console.WriteLine($"  (c) hello-world console app                    {Median(helloMs),7:F0} ms");
            Console.WriteLine($"      status / hello                             {ratio,7:F2}x    target <= {RatioTarget:F0}x    {Verdict(ratio <= RatioTarget)}");
            return 0;
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    /// <summary>The host's load: other work on the machine moves these numbers, so the report says how busy it was.</summary>
    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? $"load average {string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3))} on {Environment.ProcessorCount} CPUs" : $"{Environment.ProcessorCount} CPUs";

    private static string Verdict(bool met) => met ? "met" : "MISSED";

    private static Dictionary<string, string?> Home(string work, string name, bool debug = false) => new()
    {
        ["VNET_HOME"] = Path.Combine(work, "home-" + name),
        ["VNET_LOG"] = debug ? "debug" : null,
    };

    private static async Task<string> LocateVnetAsync(string root, string? explicitPath, string work)
    {
        if (explicitPath is not null)
        {
            return Path.GetFullPath(explicitPath);
        }

        var published = Path.Combine(root, "artifacts", "vnet", "vnet");
        if (File.Exists(published))
        {
            return published;
        }

        Console.WriteLine("artifacts/vnet/vnet not found (`./build.sh --target=Publish` makes it); building a Release vnet instead.");
        var output = Path.Combine(work, "vnet-build");
        var build = await RunProcessAsync("dotnet", ["build", Path.Combine(root, "src", "VagrantNet.Cli", "VagrantNet.Cli.csproj"), "-c", "Release", "-o", output], root, []);
        if (build.ExitCode != 0)
        {
            throw new InvalidOperationException($"building vnet failed:{Environment.NewLine}{build.Stdout}{build.Stderr}");
        }

        return Path.Combine(output, "vnet");
    }

    /// <summary>A copy of vnet's directory without the files whose relative path starts with <paramref name="left"/>.</summary>
    private static string CopyWithout(string vnet, string target, string left)
    {
        var source = Path.GetDirectoryName(vnet)!;
        foreach (var file in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(source, file);
            if (relative.StartsWith(left, StringComparison.Ordinal))
            {
                continue;
            }

            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(target, relative))!);
            File.Copy(file, Path.Combine(target, relative));
        }

        var copy = Path.Combine(target, Path.GetFileName(vnet));
        File.SetUnixFileMode(copy, File.GetUnixFileMode(vnet));
        return copy;
    }

    private static async Task<string> BuildHelloAsync(string work)
    {
        var directory = Path.Combine(work, "hello");
        foreach (var step in new[] { new[] { "new", "console", "-o", directory, "-n", "hello" }, ["build", directory, "-c", "Release", "-o", Path.Combine(directory, "out")] })
        {
            var result = await RunProcessAsync("dotnet", step, work, []);
            if (result.ExitCode != 0)
            {
                throw new InvalidOperationException($"dotnet {string.Join(' ', step)} failed:{Environment.NewLine}{result.Stdout}{result.Stderr}");
            }
        }

        return Path.Combine(directory, "out", "hello");
    }

    private static bool IsReadyToRun(string assembly)
    {
        if (!File.Exists(assembly))
        {
            return false;
        }

        using var pe = new PEReader(File.OpenRead(assembly));
        return pe.PEHeaders.CorHeader?.ManagedNativeHeaderDirectory.Size > 0;
    }

    private static async Task<ProcessResult> RunProcessAsync(string file, string[] args, string workingDirectory, Dictionary<string, string?> environment)
    {
        var start = new ProcessStartInfo(file)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("VNET_", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(name);
        }

        foreach (var (name, value) in environment.Where(e => e.Value is not null))
        {
            start.Environment[name] = value;
        }

        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var elapsed = clock.Elapsed.TotalMilliseconds;
        return new ProcessResult(process.ExitCode, await stdout, await stderr, elapsed);
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static string? Option(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "VagrantNet.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("VagrantNet.sln not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex(@"Compiled .+ in (?<ms>\d+) ms")]
    private static partial Regex CompileLog();

    private sealed record ProcessResult(int ExitCode, string Stdout, string Stderr, double Milliseconds);
}
