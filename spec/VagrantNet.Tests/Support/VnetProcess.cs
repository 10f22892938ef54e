using System.Diagnostics;

namespace VagrantNet.Tests.Support;

/// <summary>Runs the built <c>vnet</c> (vnet.dll beside the tests) in a process of its own, as a user would.</summary>
internal static class VnetProcess
{
    /// <summary>Generous: only there so that a hung vnet fails the test instead of hanging the run.</summary>
    private static readonly TimeSpan HangGuard = TimeSpan.FromMinutes(3);

    public static Task<VnetRun> RunAsync(string workingDirectory, IReadOnlyDictionary<string, string?> environment, params string[] args) =>
        RunWithStdoutAsync(workingDirectory, environment, stdoutTo: null, args);

    /// <summary>Runs with stdout sent to <paramref name="stdoutTo"/> (a path such as /dev/full) through sh, or captured when null.</summary>
    public static async Task<VnetRun> RunWithStdoutAsync(string workingDirectory, IReadOnlyDictionary<string, string?> environment, string? stdoutTo, params string[] args)
    {
        var dotnet = System.Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
        var start = new ProcessStartInfo(stdoutTo is null ? dotnet : "/bin/sh")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (stdoutTo is not null)
        {
            // sh -c 'exec "$@" >PATH' sh dotnet vnet.dll args...: the redirection, and nothing else, is the shell's.
            start.ArgumentList.Add("-c");
            start.ArgumentList.Add("exec \"$@\" >\"$VNET_TEST_STDOUT\"");
            start.ArgumentList.Add("sh");
            start.ArgumentList.Add(dotnet);
            start.Environment["VNET_TEST_STDOUT"] = stdoutTo;
        }

        start.ArgumentList.Add(TestPaths.VnetDll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var name in new[] { "VNET_HOME", "VNET_LOG", "VNET_VAGRANTFILE", "VNET_DEFAULT_PROVIDER" })
        {
            start.Environment.Remove(name);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var (exitCode, stdout, stderr) = await ChildProcess.RunAsync(start, HangGuard, $"vnet {string.Join(' ', args)}");
        return new VnetRun(exitCode, stdout, stderr);
    }
}
