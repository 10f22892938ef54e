using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using VagrantNet.Providers.Libvirt.Interop;
using VagrantNet.Sdk.Actions;
using VagrantNet.Sdk.Pipeline;
using VagrantNet.Sdk.Plugins;

namespace VagrantNet.Providers.Libvirt.Actions;

/// <summary>
/// vagrant-libvirt's PackageDomain, on a halted domain: its root disk (the COW overlay on the box image) flattened by
/// <c>qemu-img convert</c> into one standalone qcow2 in the package directory, cleaned by <c>virt-sysprep</c> when that is
/// installed, and described by a metadata.json that <c>vnet box add</c> reads back. The overlay is read from the pool's
/// directory, so the connection must be to this host; nothing is created in the pool, so a failed package leaves none.
/// </summary>
public sealed class PackageDomain : IAction
{
    public const string ImageFile = "box_1.img";

    /// <summary>vagrant-libvirt's default virt-sysprep operations: the guest keeps its SSH keys and the vagrant user's files.</summary>
    public const string DefaultSysprepOperations = "defaults,-ssh-userdir,-ssh-hostkeys,-customize";

    /// <summary>Overrides <see cref="DefaultSysprepOperations"/>, as VAGRANT_LIBVIRT_VIRT_SYSPREP_OPERATIONS does.</summary>
    public const string SysprepOperationsVariable = "VNET_LIBVIRT_VIRT_SYSPREP_OPERATIONS";

    public async Task InvokeAsync(ActionContext context, ActionDelegate next)
    {
        var directory = context.Get(PackageKeys.Directory);
        var driver = context.Driver();
        var processes = context.Machine.Host.Processes;
        string disk;
        using (var domain = driver.RequireDomain())
        {
            if (domain.IsActive())
            {
                throw new LibvirtProviderException($"Machine '{context.Machine.Name}': the domain is still running after the halt; it cannot be packaged while its disk changes.");
            }

            disk = RootDisk(domain.Name, XElement.Parse(domain.GetXmlDesc(DomainXmlFlags.Inactive)))
                ?? throw new LibvirtProviderException($"Machine '{context.Machine.Name}': the domain has no file-backed disk to package.");
        }

        if (!driver.IsLocal)
        {
            throw new LibvirtProviderException($"Machine '{context.Machine.Name}': `vnet package` reads the disk from the storage pool's directory, so it needs libvirt on this host; {driver.Uri} is remote.");
        }

        var qemuImg = processes.Find("qemu-img")
            ?? throw new LibvirtProviderException("`vnet package` needs qemu-img to flatten the machine's disk (Debian: apt-get install qemu-utils).");
        var image = Path.Combine(directory, ImageFile);
        context.Ui.Info($"Flattening the disk {Path.GetFileName(disk)} into a standalone image...");
        await RunAsync(processes, qemuImg, ["convert", "-O", "qcow2", disk, image], "qemu-img convert", context.Cancellation).ConfigureAwait(false);

        if (processes.Find("virt-sysprep") is { } sysprep)
        {
            var operations = Environment.GetEnvironmentVariable(SysprepOperationsVariable) is { Length: > 0 } set ? set : DefaultSysprepOperations;
            context.Ui.Info($"Cleaning the image with virt-sysprep (operations {operations})...");
            await RunAsync(processes, sysprep, ["--no-logfile", "--operations", operations, "-a", image], "virt-sysprep", context.Cancellation).ConfigureAwait(false);
        }
        else
        {
            context.Ui.Detail("virt-sysprep is not installed: the image keeps the guest's machine id, logs and DHCP leases.");
        }

        var info = await RunAsync(processes, qemuImg, ["info", "--output=json", image], "qemu-img info", context.Cancellation).ConfigureAwait(false);
        var virtualSize = JsonNode.Parse(info)?["virtual-size"]?.GetValue<long>()
            ?? throw new LibvirtProviderException($"qemu-img info did not report the virtual size of {image}.");
        await File.WriteAllTextAsync(Path.Combine(directory, "metadata.json"), Metadata(virtualSize), context.Cancellation).ConfigureAwait(false);
        await next(context).ConfigureAwait(false);
    }

    /// <summary>
    /// The box's metadata.json: vagrant-libvirt's v2 form (a "disks" list) with the v1 keys beside it, the virtual size in
    /// whole GiB rounded up, so both vnet and vagrant-libvirt read it.
    /// </summary>
    public static string Metadata(long virtualSizeBytes)
    {
        var gib = (virtualSizeBytes + (1L << 30) - 1) >> 30;
        var metadata = new JsonObject
        {
            ["provider"] = "libvirt",
            ["format"] = "qcow2",
            ["virtual_size"] = JsonValue.Create(gib),
            ["disks"] = new JsonArray(new JsonObject { ["path"] = ImageFile, ["format"] = "qcow2" }),
        };
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            metadata.WriteTo(writer);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    /// <summary>The domain's root disk: the volume named for the domain, as vagrant-libvirt finds it, else its first file disk.</summary>
    public static string? RootDisk(string domainName, XElement domainXml)
    {
        var files = domainXml.Descendants("disk")
            .Where(d => (string?)d.Attribute("device") is null or "disk")
            .Select(d => d.Element("source")?.Attribute("file")?.Value)
            .OfType<string>()
            .ToList();
        return files.FirstOrDefault(f => Path.GetFileName(f) == domainName + ".img") ?? files.FirstOrDefault();
    }

    private static async Task<string> RunAsync(IProcessRunner processes, string program, IReadOnlyList<string> arguments, string what, CancellationToken cancellation)
    {
        var result = await processes.RunAsync(new ProcessRequest(program, arguments), cancellation).ConfigureAwait(false);
        if (result.ExitCode != 0)
        {
            throw new LibvirtProviderException(string.Create(CultureInfo.InvariantCulture, $"{what} failed (exit {result.ExitCode}): {result.Stderr.Trim()}"));
        }

        return result.Stdout;
    }
}
