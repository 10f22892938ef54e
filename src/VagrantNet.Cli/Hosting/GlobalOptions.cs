using System.CommandLine;

namespace VagrantNet.Cli.Hosting;

/// <summary>Options every command accepts, as Vagrant's.</summary>
internal static class GlobalOptions
{
    public static readonly Option<bool> Debug = new("--debug") { Description = "Print debug logs to stderr (same as VNET_LOG=debug)", Recursive = true };

    public static readonly Option<bool> MachineReadable = new("--machine-readable") { Description = "Print machine-readable output (timestamp,target,type,data)", Recursive = true };

    public static readonly Option<bool> NoColor = new("--no-color") { Description = "Disable colour output", Recursive = true };
}
