using System.CommandLine;
using System.CommandLine.Invocation;
using System.Reflection;

namespace VagrantNet.Cli.Hosting;

/// <summary>
/// <c>vnet --version</c>: prints vnet's own version. The default action prints the entry assembly's, which is
/// not vnet when vnet runs hosted (in-process tests, another host).
/// </summary>
internal sealed class VersionAction : SynchronousCommandLineAction
{
    public static string Version =>
        typeof(VersionAction).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(VersionAction).Assembly.GetName().Version?.ToString()
        ?? "unknown";

    public override int Invoke(ParseResult parseResult)
    {
        parseResult.InvocationConfiguration.Output.WriteLine(Version);
        return 0;
    }
}
