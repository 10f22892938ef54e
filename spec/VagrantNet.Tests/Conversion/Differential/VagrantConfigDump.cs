using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using VagrantNet.Tests.Support;

namespace VagrantNet.Tests.Conversion.Differential;

/// <summary>
/// What Debian's vagrant 2.3.4 with vagrant-libvirt makes of Ruby Vagrantfiles: spec/differential/vagrant-config-dump.rb
/// run once over every project directory (Vagrant's start-up is most of its cost), one JSON object per directory.
/// </summary>
internal static class VagrantConfigDump
{
    private static string Script([CallerFilePath] string path = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(path)!, "..", "..", "..", "differential", "vagrant-config-dump.rb"));

    /// <summary>Whether the reference is installed (the README's test command installs it; see spec/hermetic/install-host-deps.sh).</summary>
    public static bool IsInstalled() =>
        File.Exists("/usr/bin/vagrant") && Directory.Exists("/usr/share/rubygems-integration/all/gems")
        && Directory.EnumerateDirectories("/usr/share/rubygems-integration/all/gems", "vagrant-libvirt-*").Any();

    /// <summary>Loads each directory's Vagrantfile with Vagrant; <paramref name="home"/> is Vagrant's HOME and VAGRANT_HOME, so the user's own is never read.</summary>
    public static async Task<IReadOnlyDictionary<string, JsonObject>> LoadAsync(IReadOnlyList<string> directories, string home)
    {
        var start = new ProcessStartInfo("ruby") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = home };
        start.ArgumentList.Add(Script());
        foreach (var directory in directories)
        {
            start.ArgumentList.Add(directory);
        }

        start.Environment["HOME"] = home;
        start.Environment["VAGRANT_HOME"] = Path.Combine(home, ".vagrant.d");
        start.Environment["VAGRANT_DEFAULT_PROVIDER"] = "libvirt";
        start.Environment["VAGRANT_CHECKPOINT_DISABLE"] = "1";
        start.Environment["VAGRANT_LOG"] = "error";
        var (exitCode, stdout, stderr) = await ChildProcess.RunAsync(start, TimeSpan.FromMinutes(5), "vagrant-config-dump.rb");
        if (exitCode != 0)
        {
            throw new AssertionException($"vagrant-config-dump.rb exited {exitCode}:\n{stderr}\n{stdout}");
        }

        var document = JsonNode.Parse(stdout)!.AsObject();
        return document.ToDictionary(p => p.Key, p => p.Value!.AsObject());
    }
}
