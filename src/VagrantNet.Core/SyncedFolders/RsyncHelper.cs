using Microsoft.Extensions.Logging;
using VagrantNet.Core.Communication;
using VagrantNet.Sdk.Config;
using VagrantNet.Sdk.Machines;
using VagrantNet.Sdk.Plugins;

namespace VagrantNet.Core.SyncedFolders;

/// <summary>
/// One rsync of a host folder into the guest, as Vagrant does it: the system <c>rsync</c> over the
/// system <c>ssh</c> (built from the machine's SSH info and pinned known_hosts), the guest folder
/// created and handed to the SSH user first, ownership fixed afterwards.
/// </summary>
public static class RsyncHelper
{
    /// <summary>Vagrant's default rsync arguments; <c>args</c> replaces them.</summary>
    public static readonly IReadOnlyList<string> DefaultArgs = ["--verbose", "--archive", "--delete", "-z", "--copy-links"];

    /// <summary>Always excluded: the project's own state directory.</summary>
    public const string StateDirectoryExclude = ".vnet/";

    public const string RsyncPathOption = "rsync__rsync_path";
    public const string ChownOption = "rsync__chown";
    public const string DefaultRsyncPath = "sudo rsync";

    /// <summary>The excludes of <paramref name="folder"/>, the state directory first.</summary>
    public static IReadOnlyList<string> Excludes(SyncedFolderDefinition folder) =>
        [StateDirectoryExclude, .. folder.Exclude.Where(e => e != StateDirectoryExclude)];

    /// <summary>The <c>ssh</c> command line rsync runs (<c>-e</c>), one word per element, ending with <c>ssh.ExtraArgs</c> as Vagrant's rsync does.</summary>
    public static IReadOnlyList<string> SshCommand(SshInfo info, string? controlPath = null) => [.. SystemSsh.Command(info, controlPath), .. info.ExtraArgs];

    /// <summary>The full rsync argument list (without the program name).</summary>
    public static IReadOnlyList<string> Arguments(SyncedFolderDefinition folder, SshInfo info, string? controlPath = null)
    {
        var arguments = new List<string>(folder.Args ?? DefaultArgs)
        {
            "-e",
            string.Join(' ', SshCommand(info, controlPath).Select(ShellQuote.Quote)),
            "--rsync-path",
            folder.Options.GetValueOrDefault(RsyncPathOption) as string ?? DefaultRsyncPath,
        };
        foreach (var exclude in Excludes(folder))
        {
            arguments.Add("--exclude");
            arguments.Add(exclude);
        }

        var host = info.Host.Contains(':') ? $"[{info.Host}]" : info.Host;
        arguments.Add(folder.HostPath.TrimEnd('/') + "/");
        arguments.Add($"{info.Username}@{host}:{folder.GuestPath}");
        return arguments;
    }

    /// <summary>Syncs one folder (host path absolute). Output goes to the log; a failure throws with rsync's error.</summary>
    public static async Task SyncAsync(IMachine machine, SshInfo info, SyncedFolderDefinition folder, CancellationToken cancellation, string? controlPath = null)
    {
        var communicator = machine.Communicator;
        var guest = ShellQuote.Quote(folder.GuestPath);
        var user = ShellQuote.Quote(info.Username);
        await communicator.ExecuteAsync($"mkdir -p {guest} && chown {user} {guest}", new ExecuteOptions { Sudo = true }, cancellation).ConfigureAwait(false);

        var arguments = Arguments(folder, info, controlPath);
        var result = await machine.Host.Processes.RunAsync(new ProcessRequest("rsync", arguments) { OnStdout = line => machine.Logger.LogDebug("rsync: {Line}", line) }, cancellation).ConfigureAwait(false);
        if (result.ExitCode != 0)
        {
            throw new VnetException(
                $"Machine '{machine.Name}': rsync of {folder.HostPath} to {folder.GuestPath} failed with exit status {result.ExitCode}.{System.Environment.NewLine}" +
                $"Command: rsync {string.Join(' ', arguments.Select(ShellQuote.Quote))}{System.Environment.NewLine}{result.Stderr.TrimEnd()}");
        }

        if (folder.Options.GetValueOrDefault(ChownOption) is not false)
        {
            var owner = ShellQuote.Quote(folder.Owner ?? info.Username);
            var group = folder.Group is { } g ? ShellQuote.Quote(g) : $"\"$(id -gn {owner})\"";
            await communicator.ExecuteAsync(
                $"o={owner}; g={group}; find {guest} \\( ! -user \"$o\" -o ! -group \"$g\" \\) -exec chown -h \"$o:$g\" {{}} +",
                new ExecuteOptions { Sudo = true },
                cancellation).ConfigureAwait(false);
        }
    }
}
