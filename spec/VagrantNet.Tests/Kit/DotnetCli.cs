using System.Diagnostics;
using VagrantNet.Tests.Support;

namespace VagrantNet.Tests.Kit;

/// <summary>
/// Runs the <c>dotnet</c> CLI as a plugin author would, with the environment the test gives it instead of the
/// test host's MSBuild variables (a nested build that inherits them builds with the test run's MSBuild, not its own).
/// </summary>
internal sealed class DotnetCli(IReadOnlyDictionary<string, string> environment)
{
    /// <summary>Generous: only there so that a hung restore fails the test instead of hanging the run.</summary>
    private static readonly TimeSpan HangGuard = TimeSpan.FromMinutes(5);

    /// <summary>The test host's MSBuild variables, which a nested dotnet (or a language server's MSBuild) must not inherit.</summary>
    public static readonly IReadOnlyList<string> InheritedBuildVariables = ["MSBuildExtensionsPath", "MSBUILD_EXE_PATH", "MSBuildSDKsPath", "MSBuildLoadMicrosoftTargetsReadOnly", "VSTEST_HOST_DEBUG"];

    /// <summary>Runs <c>dotnet <paramref name="args"/></c> in <paramref name="workingDirectory"/>; fails the test, with the output, when it fails.</summary>
    public async Task RunAsync(string workingDirectory, params string[] args)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
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

        foreach (var name in InheritedBuildVariables)
        {
            start.Environment.Remove(name);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var (exitCode, stdout, stderr) = await ChildProcess.RunAsync(start, HangGuard, $"dotnet {string.Join(' ', args)}");
        if (exitCode != 0)
        {
            throw new AssertionException($"dotnet {string.Join(' ', args)} exited with {exitCode}:\n{stdout}\n{stderr}");
        }
    }
}
