using System.Text;
using VagrantNet.Sdk.Config;
using VagrantNet.Sdk.Plugins;

namespace VagrantNet.Providers.Libvirt.CloudInit;

/// <summary>
/// cloud-init's NoCloud data source for a machine: <c>user-data</c> from <c>config.Vm.CloudInit</c> parts and
/// <c>meta-data</c> naming the instance, packed on an ISO 9660 image labelled <c>cidata</c> that cloud-init finds
/// at boot. One part of type text/cloud-config is written as is; several become a MIME multipart document, as
/// cloud-init reads them.
/// </summary>
public sealed class NoCloudSeed(string userData, string metaData)
{
    public const string VolumeLabel = "cidata";

    public string UserData { get; } = userData;

    public string MetaData { get; } = metaData;

    /// <param name="instanceId">Changes whenever the machine is created again, so cloud-init runs again.</param>
    /// <param name="readPath">Reads a part's <c>path</c> (relative to the project).</param>
    public static NoCloudSeed For(IReadOnlyList<CloudInitPart> parts, string instanceId, string hostname, Func<string, string> readPath)
    {
        var contents = parts.Select(p => (p.ContentType, Text: p.Inline ?? readPath(p.Path!))).ToList();
        var userData = contents.Count == 1 && contents[0].ContentType == "text/cloud-config"
            ? CloudConfig(contents[0].Text)
            : Multipart(contents);
        return new NoCloudSeed(userData, $"instance-id: {instanceId}\nlocal-hostname: {hostname}\n");
    }

    /// <summary>Writes the seed image to <paramref name="isoPath"/> with the host's <c>genisoimage</c>; errors name <paramref name="machine"/>.</summary>
    public async Task WriteIsoAsync(IProcessRunner processes, string isoPath, string machine, CancellationToken cancellation)
    {
        var staging = Directory.CreateTempSubdirectory("vnet-cidata-").FullName;
        try
        {
            var userData = Path.Combine(staging, "user-data");
            var metaData = Path.Combine(staging, "meta-data");
            await File.WriteAllTextAsync(userData, UserData, cancellation).ConfigureAwait(false);
            await File.WriteAllTextAsync(metaData, MetaData, cancellation).ConfigureAwait(false);
            ProcessResult result;
            try
            {
                result = await processes.RunAsync(new ProcessRequest("genisoimage", ["-quiet", "-output", isoPath, "-volid", VolumeLabel, "-joliet", "-rock", userData, metaData]), cancellation).ConfigureAwait(false);
            }
            catch (HostProgramMissingException e)
            {
                throw new LibvirtProviderException($"Machine '{machine}': config.Vm.CloudInit needs genisoimage on this host to write the seed image (apt-get install genisoimage): {e.InnerException?.Message}", e);
            }

            if (result.ExitCode != 0)
            {
                throw new LibvirtProviderException($"Machine '{machine}': genisoimage could not write the cloud-init seed (exit {result.ExitCode}): {result.Stderr.Trim()}");
            }
        }
        finally
        {
            Directory.Delete(staging, recursive: true);
        }
    }

    private static string CloudConfig(string text) =>
        text.TrimStart().StartsWith("#cloud-config", StringComparison.Ordinal) ? text : "#cloud-config\n" + text;

    private static string Multipart(IReadOnlyList<(string ContentType, string Text)> parts)
    {
        const string boundary = "==VNET-CLOUD-INIT-BOUNDARY==";
        var document = new StringBuilder()
            .Append("Content-Type: multipart/mixed; boundary=\"").Append(boundary).Append("\"\n")
            .Append("MIME-Version: 1.0\n\n");
        for (var i = 0; i < parts.Count; i++)
        {
            document.Append("--").Append(boundary).Append('\n')
                .Append("Content-Type: ").Append(parts[i].ContentType).Append("; charset=\"utf-8\"\n")
                .Append("MIME-Version: 1.0\n")
                .Append("Content-Transfer-Encoding: 7bit\n")
                .Append("Content-Disposition: attachment; filename=\"part-").Append(i + 1).Append("\"\n\n")
                .Append(parts[i].Text.TrimEnd('\n')).Append('\n');
        }

        return document.Append("--").Append(boundary).Append("--\n").ToString();
    }
}
