using System.Diagnostics;
using VagrantNet.Tests.Kit;

namespace VagrantNet.Tests.Support;

/// <summary>
/// csharp-ls, the Roslyn-based C# language server the editor tests talk to: <c>$VNET_CSHARP_LS</c> when set, else the
/// pinned version installed once (a dotnet tool, from the configured NuGet source) into <c>artifacts/tools/</c>.
/// </summary>
internal static class CsharpLs
{
    public const string Version = "0.28.0";

    private static readonly SemaphoreSlim InstallGate = new(1, 1);

    /// <summary>The server's executable, installing it first when it is not there yet.</summary>
    public static async Task<string> ExecutableAsync()
    {
        if (Environment.GetEnvironmentVariable("VNET_CSHARP_LS") is { Length: > 0 } given)
        {
            return given;
        }

        var toolPath = Path.Combine(TestPaths.RepositoryRoot, "artifacts", "tools", $"csharp-ls-{Version}");
        var executable = Path.Combine(toolPath, "csharp-ls");
        await InstallGate.WaitAsync();
        try
        {
            if (!File.Exists(executable))
            {
                await new DotnetCli(new Dictionary<string, string> { ["DOTNET_NOLOGO"] = "1", ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1" })
                    .RunAsync(TestPaths.RepositoryRoot, "tool", "install", "csharp-ls", "--version", Version, "--tool-path", toolPath);
            }
        }
        finally
        {
            InstallGate.Release();
        }

        return executable;
    }

    /// <summary>How to start the server in <paramref name="workspace"/>, without the test host's MSBuild variables (the server finds its own MSBuild).</summary>
    public static ProcessStartInfo StartInfo(string executable, string workspace)
    {
        var start = new ProcessStartInfo(executable) { WorkingDirectory = workspace };
        foreach (var name in DotnetCli.InheritedBuildVariables)
        {
            start.Environment.Remove(name);
        }

        // The tool's apphost looks for the runtime here first; the test host knows which dotnet runs it.
        if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host)
        {
            start.Environment["DOTNET_ROOT"] = Path.GetDirectoryName(host);
        }

        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        return start;
    }
}
