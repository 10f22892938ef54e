using System.Diagnostics;

namespace VagrantNet.Providers.Podman.Tests.Integration;

/// <summary>
/// What the real-podman tests need from the host: podman, the test image archive that build.cake's TestBox task builds
/// (<c>VNET_TEST_PODMAN_IMAGE</c>, from boxes/podman-debian12/build.sh) and the published vnet. Missing pieces skip
/// the test with the reason, except under CI, where they are there and a skip would hide a broken setup.
/// </summary>
internal static class RealPodman
{
    public static string ImageArchive { get; private set; } = null!;

    public static string Vnet { get; private set; } = null!;

    public static void RequireOrSkip()
    {
        var archive = Environment.GetEnvironmentVariable("VNET_TEST_PODMAN_IMAGE");
        var vnet = Environment.GetEnvironmentVariable("VNET_BIN") ?? Path.Combine(RepoRoot(), "artifacts", "vnet", "vnet");
        var why = PathLookup.Find("podman") is null ? "podman is not installed (apt-get install podman runc)"
            : string.IsNullOrEmpty(archive) || !File.Exists(archive) ? "VNET_TEST_PODMAN_IMAGE names no image archive: run boxes/podman-debian12/build.sh and set it to the path it prints (./build.sh --target=TestBox does)"
            : !File.Exists(vnet) ? $"no published vnet at {vnet}: run ./build.sh --target=Publish"
            : null;
        if (why is not null)
        {
            if (Environment.GetEnvironmentVariable("CI") == "true")
            {
                Assert.Fail(why);
            }

            Assert.Ignore(why);
        }

        ImageArchive = archive!;
        Vnet = vnet;
    }

    /// <summary>
    /// A containers.conf for hosts like this one (see TEST-ENVIRONMENT.md): the runc runtime (crun refuses a hybrid cgroup
    /// layout), cgroupfs (no systemd) and rlimits below the host's. Given to podman through CONTAINERS_CONF, so the
    /// host's own configuration is left alone.
    /// </summary>
    public static string WriteContainersConf(string directory)
    {
        var path = Path.Combine(directory, "containers.conf");
        File.WriteAllText(path, """
            [containers]
            default_ulimits = ["nofile=1024:1024", "nproc=1024:1024"]

            [engine]
            runtime = "runc"
            cgroup_manager = "cgroupfs"
            events_logger = "file"
            """);
        return path;
    }

    /// <summary>Runs a program to its end (a generous hang guard, no tighter) and returns its exit code and output.</summary>
    public static (int Exit, string Stdout, string Stderr) Run(string program, IReadOnlyList<string> args, string directory, IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo(program) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {program}");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(10)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', args)} did not finish within 10 minutes");
        }

        TestContext.Progress.WriteLine($"$ {Path.GetFileName(program)} {string.Join(' ', args)}  -> exit {process.ExitCode}");
        return (process.ExitCode, stdout.Result, stderr.Result);
    }

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "VagrantNet.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("cannot find the repository root");
    }
}
