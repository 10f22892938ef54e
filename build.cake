// vnet build script (Cake). Run through ./build.sh, e.g. `./build.sh --target=Test`.
#nullable enable
using System.Xml.Linq;

var target = Argument("target", "Test");
var configuration = Argument("configuration", "Release");
// Runs only the matching tests (dotnet test --filter), e.g. --test-filter="FullyQualifiedName~Snapshot".
var testFilter = Argument<string?>("test-filter", null);
var root = MakeAbsolute(Directory("."));
var artifacts = root.Combine("artifacts");
var vnetDir = artifacts.Combine("vnet");
var packages = artifacts.Combine("packages");
var results = artifacts.Combine("test-results");
var solution = root.CombineWithFilePath("VagrantNet.sln");
var isCi = EnvironmentVariable("CI") == "true";
var failures = new List<string>();
var ranTests = false;

// .NET splits process arguments by its own rules (double quotes, backslashes), not a shell's.
string Quote(string[] args) => string.Join(" ", args.Select(a => "\"" + a.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\""));

void Bash(string script, params string[] args)
{
    var quoted = Quote(args);
    var exit = StartProcess("bash", new ProcessSettings { Arguments = $"{script} {quoted}", WorkingDirectory = root });
    if (exit != 0)
    {
        throw new Exception($"{script} {quoted} exited with {exit}");
    }
}

string BashOutput(string script, params string[] args)
{
    var quoted = Quote(args);
    var exit = StartProcess("bash", new ProcessSettings { Arguments = $"{script} {quoted}", WorkingDirectory = root, RedirectStandardOutput = true }, out var lines);
    if (exit != 0)
    {
        throw new Exception($"{script} exited with {exit}");
    }

    return lines.LastOrDefault() ?? "";
}

Task("Clean").Does(() =>
{
    CleanDirectory(artifacts);
    DotNetClean(solution.FullPath, new DotNetCleanSettings { Configuration = configuration });
});

Task("HostDeps")
    .Description("Installs the Debian packages the tests and the demo need (libvirt, QEMU, box tools, ssh, rsync).")
    .Does(() => Bash("spec/hermetic/install-host-deps.sh"));

Task("Build").Does(() =>
{
    DotNetBuild(solution.FullPath, new DotNetBuildSettings { Configuration = configuration });
});

Task("Lint").IsDependentOn("Build").Does(() =>
{
    DotNetFormat(solution.FullPath, new DotNetFormatSettings { VerifyNoChanges = true, NoRestore = true });
});

Task("Publish")
    .Description("Publishes vnet (ReadyToRun) to artifacts/vnet with its bundled plugins under artifacts/vnet/plugins.")
    .IsDependentOn("Build")
    .Does(() =>
{
    CleanDirectory(vnetDir);
    DotNetPublish("src/VagrantNet.Cli/VagrantNet.Cli.csproj", new DotNetPublishSettings
    {
        Configuration = configuration,
        OutputDirectory = vnetDir,
        Runtime = "linux-x64",
        SelfContained = false,
        PublishReadyToRun = true,
    });
    foreach (var plugin in GetFiles("plugins/*/*.csproj"))
    {
        var name = plugin.GetFilenameWithoutExtension().FullPath;
        DotNetPublish(plugin.FullPath, new DotNetPublishSettings
        {
            Configuration = configuration,
            OutputDirectory = vnetDir.Combine("plugins").Combine(name),
            Runtime = "linux-x64",
            SelfContained = false,
            PublishReadyToRun = true,
        });
    }

    RecordCompilerJitProfile();
});

// Compiles a typical Vagrantfile.csx with the published vnet and ships the multi-core JIT profile that run recorded
// beside the binary, so that a user's first script compile already has it (see CompilerJitProfile).
void RecordCompilerJitProfile()
{
    var training = artifacts.Combine("jit-training");
    CleanDirectory(training);
    CopyFile("src/VagrantNet.Cli/JitTraining/Vagrantfile.csx", training.CombineWithFilePath("Vagrantfile.csx"));
    var home = training.Combine("home");
    var exit = StartProcess(vnetDir.CombineWithFilePath("vnet"), new ProcessSettings
    {
        Arguments = "validate",
        WorkingDirectory = training,
        EnvironmentVariables = new Dictionary<string, string?> { ["VNET_HOME"] = home.FullPath, ["VNET_LOG"] = null },
    });
    var profile = home.Combine("cache").Combine("jit").CombineWithFilePath("compile.jitprofile");
    if (exit != 0 || !FileExists(profile))
    {
        throw new Exception($"Recording the compiler's JIT profile failed: `vnet validate` exited with {exit}, profile {(FileExists(profile) ? "written" : "missing")}.");
    }

    CopyFile(profile, vnetDir.CombineWithFilePath("compile.jitprofile"));
    DeleteDirectory(training, new DeleteDirectorySettings { Recursive = true });
}

Task("UnitTests")
    .Description("Unit tests and the libvirt test-driver tier: no real VM.")
    .IsDependentOn("Publish")
    .Does(() =>
{
    // The podman tests' real-podman case needs VNET_TEST_PODMAN_IMAGE (TestBox sets it; Test runs TestBox first).
    foreach (var project in new[] { "spec/VagrantNet.Tests/VagrantNet.Tests.csproj", "spec/VagrantNet.Providers.Libvirt.Tests/VagrantNet.Providers.Libvirt.Tests.csproj", "spec/VagrantNet.Providers.Podman.Tests/VagrantNet.Providers.Podman.Tests.csproj" })
    {
        RunTests(project, null);
    }
});

Task("TestBox")
    .Description("Builds (or reuses from its cache) the real Debian 12 test box and the podman test image from boxes/.")
    .IsDependentOn("HostDeps")
    .Does(() =>
{
    var box = BashOutput("boxes/debian12/build.sh");
    Information($"Test box: {box}");
    System.Environment.SetEnvironmentVariable("VNET_TEST_BOX", box);

    // The podman provider's test image: a `podman save` archive the provider's image_archive setting loads.
    var podmanImage = BashOutput("boxes/podman-debian12/build.sh");
    Information($"Podman test image: {podmanImage}");
    System.Environment.SetEnvironmentVariable("VNET_TEST_PODMAN_IMAGE", podmanImage);

    // Fetched here, outside the namespace: inside it there is no network to fetch with.
    var key = BashOutput("boxes/insecure-key.sh", "/var/cache/vnet/boxes/insecure-key");
    System.Environment.SetEnvironmentVariable("VNET_INSECURE_KEY", key);
});

Task("Acceptance")
    .Description("Real libvirtd + QEMU guests inside a network namespace this run creates and removes.")
    .IsDependentOn("Publish")
    .IsDependentOn("TestBox")
    .Does(() =>
{
    var project = "spec/VagrantNet.Acceptance/VagrantNet.Acceptance.csproj";
    if (!FileExists(project))
    {
        Warning("No acceptance project yet.");
        return;
    }

    RunTests(project, "spec/hermetic/run-in-netns.sh");
});

Task("Test")
    .Description("Everything: lint, unit, libvirt test driver, real-VM acceptance. Ends with 'N passed, N failed, N skipped'.")
    .IsDependentOn("HostDeps")
    .IsDependentOn("Lint")
    // Before UnitTests: the podman provider's real-podman test there needs the image TestBox builds.
    .IsDependentOn("TestBox")
    .IsDependentOn("UnitTests")
    .IsDependentOn("Acceptance");

// Every target that ran tests ends with the closing line, and fails when a test failed.
Setup(_ => CleanDirectory(results));
Teardown(_ =>
{
    if (ranTests)
    {
        PrintSummary();
    }
});

Task("Demo")
    .Description("vnet's main job: brings up a real VM from the test box, runs a command in it, destroys it.")
    .IsDependentOn("Publish")
    .IsDependentOn("TestBox")
    .Does(() => Bash("spec/hermetic/demo.sh", vnetDir.CombineWithFilePath("vnet").FullPath, EnvironmentVariable("VNET_TEST_BOX") ?? ""));

Task("Benchmarks")
    .IsDependentOn("Publish")
    .Does(() =>
{
    DotNetRun("spec/VagrantNet.Benchmarks/VagrantNet.Benchmarks.csproj", new ProcessArgumentBuilder().Append("all"), new DotNetRunSettings { Configuration = configuration });
});

Task("Pack")
    .Description("Packs vnet as a dotnet tool and as a self-contained linux-x64 tarball (both with the bundled plugins), and the plugin author's kit, into artifacts/packages.")
    .IsDependentOn("Publish")
    .IsDependentOn("PackSdk")
    .Does(() =>
{
    DotNetPack("src/VagrantNet.Cli/VagrantNet.Cli.csproj", new DotNetPackSettings
    {
        Configuration = configuration,
        OutputDirectory = packages,
        // ReadyToRun code is for linux-x64, so the tool is a linux-x64 one (vnet drives libvirt: Linux only anyway).
        MSBuildSettings = new DotNetMSBuildSettings()
            .WithProperty("VnetPublishedDir", vnetDir.FullPath + "/")
            .WithProperty("PublishReadyToRun", "true")
            .WithProperty("RuntimeIdentifier", "linux-x64")
            .WithProperty("SelfContained", "false"),
    });

    var tarball = PackTarball();
    CheckTarballRunsWithoutDotnet(tarball);
});

Task("PackSdk")
    .Description("Packs the plugin author's kit into artifacts/packages: VagrantNet.Sdk, VagrantNet.Testing and the dotnet new templates.")
    .IsDependentOn("Build")
    .Does(() =>
{
    foreach (var project in new[] { "src/VagrantNet.Sdk/VagrantNet.Sdk.csproj", "src/VagrantNet.Testing/VagrantNet.Testing.csproj", "templates/VagrantNet.Templates/VagrantNet.Templates.csproj" })
    {
        DotNetPack(project, new DotNetPackSettings { Configuration = configuration, OutputDirectory = packages, NoBuild = true });
    }
});

// vnet-VERSION-linux-x64.tar.gz: vnet published with the runtime inside, so that a machine without .NET runs it; the
// bundled plugins and the JIT profile come from the framework-dependent publish, laid out as there.
FilePath PackTarball()
{
    var version = XDocument.Load(root.CombineWithFilePath("Directory.Build.props").FullPath).Descendants("Version").Single().Value;
    var staging = artifacts.Combine("vnet-linux-x64");
    CleanDirectory(staging);
    DotNetPublish("src/VagrantNet.Cli/VagrantNet.Cli.csproj", new DotNetPublishSettings
    {
        Configuration = configuration,
        OutputDirectory = staging,
        Runtime = "linux-x64",
        SelfContained = true,
        PublishReadyToRun = true,
    });
    CopyDirectory(vnetDir.Combine("plugins"), staging.Combine("plugins"));
    CopyFile(vnetDir.CombineWithFilePath("compile.jitprofile"), staging.CombineWithFilePath("compile.jitprofile"));

    var tarball = packages.CombineWithFilePath($"vnet-{version}-linux-x64.tar.gz");
    // tar, not a zip library: it keeps the executable bits.
    var exit = StartProcess("tar", new ProcessSettings { Arguments = $"-czf {Quote([tarball.FullPath])} -C {Quote([staging.FullPath])} .", WorkingDirectory = root });
    if (exit != 0)
    {
        throw new Exception($"tar exited with {exit} packing {tarball}");
    }

    DeleteDirectory(staging, new DeleteDirectorySettings { Recursive = true });
    Information($"Tarball: {tarball}");
    return tarball;
}

// Unpacks the tarball into a temporary directory and runs `./vnet --version` there with no dotnet reachable: no PATH
// entry, no DOTNET_ROOT. A tarball that still needs an installed runtime fails here, not on a user's machine.
void CheckTarballRunsWithoutDotnet(FilePath tarball)
{
    var unpacked = artifacts.Combine("tarball-check");
    CleanDirectory(unpacked);
    if (StartProcess("tar", new ProcessSettings { Arguments = $"-xzf {Quote([tarball.FullPath])} -C {Quote([unpacked.FullPath])}", WorkingDirectory = root }) != 0)
    {
        throw new Exception($"{tarball} does not unpack");
    }

    var exit = StartProcess(unpacked.CombineWithFilePath("vnet"), new ProcessSettings
    {
        Arguments = "--version",
        WorkingDirectory = unpacked,
        RedirectStandardOutput = true,
        EnvironmentVariables = new Dictionary<string, string?> { ["PATH"] = unpacked.FullPath, ["DOTNET_ROOT"] = null, ["DOTNET_HOST_PATH"] = null },
    }, out var output);
    var version = string.Join("\n", output);
    if (exit != 0 || string.IsNullOrWhiteSpace(version))
    {
        throw new Exception($"./vnet --version from {tarball} exited with {exit} and printed '{version}' without dotnet on PATH.");
    }

    Information($"{tarball.GetFilename()} runs without dotnet: vnet {version}");
    DeleteDirectory(unpacked, new DeleteDirectorySettings { Recursive = true });
}


void RunTests(string project, string? wrapper)
{
    ranTests = true;
    var name = System.IO.Path.GetFileNameWithoutExtension(project);
    var trx = results.CombineWithFilePath(name + ".trx");
    EnsureDirectoryExists(results);
    if (FileExists(trx))
    {
        DeleteFile(trx);
    }

    var args = $"test {project} -c {configuration} --no-build --logger \"trx;LogFileName={trx.FullPath}\" --logger \"console;verbosity=normal\"";
    if (!string.IsNullOrEmpty(testFilter))
    {
        args += " --filter " + Quote([testFilter]);
    }

    var exit = wrapper is null
        ? StartProcess("dotnet", new ProcessSettings { Arguments = args, WorkingDirectory = root })
        : StartProcess("bash", new ProcessSettings { Arguments = $"{wrapper} dotnet {args}", WorkingDirectory = root });
    if (exit != 0)
    {
        failures.Add(name);
    }
}

void PrintSummary()
{
    int passed = 0, failed = 0, skipped = 0;
    foreach (var trx in GetFiles(results.FullPath + "/*.trx"))
    {
        var counters = XDocument.Load(trx.FullPath).Descendants().FirstOrDefault(e => e.Name.LocalName == "Counters");
        if (counters is null)
        {
            continue;
        }

        int Count(string attribute) => int.TryParse(counters.Attribute(attribute)?.Value, out var n) ? n : 0;
        passed += Count("passed");
        failed += Count("failed") + Count("error") + Count("timeout") + Count("aborted");
        skipped += Count("notExecuted");
    }

    if (failures.Count > 0 && failed == 0)
    {
        // A test host that crashed writes no failing counters: count the run as a failure.
        failed = failures.Count;
    }

    // Plain, alone on its line: CI reads it.
    Console.WriteLine($"{passed} passed, {failed} failed, {skipped} skipped");
    if (failed > 0)
    {
        throw new Exception($"Tests failed in: {string.Join(", ", failures)}");
    }
}

RunTarget(target);
