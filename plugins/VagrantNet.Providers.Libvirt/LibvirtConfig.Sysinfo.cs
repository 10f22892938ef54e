using VagrantNet.Sdk.Config;

namespace VagrantNet.Providers.Libvirt;

/// <summary>
/// vagrant-libvirt's SMBIOS <c>sysinfo</c> and its raw QEMU command line (<c>qemuargs</c>, <c>qemuenv</c>), rendered by
/// <see cref="Xml.SysinfoXml"/> and <see cref="Xml.QemuCommandLineXml"/>.
/// </summary>
public sealed partial class LibvirtConfig
{
    /// <summary>
    /// SMBIOS entries the guest's firmware reports (<c>&lt;sysinfo type='smbios'&gt;</c> with <c>&lt;smbios mode='sysinfo'/&gt;</c>):
    /// blocks bios, system, base_board, chassis and oem_strings, as vagrant-libvirt's <c>sysinfo</c> hash.
    /// </summary>
    public SysinfoEntry[]? Sysinfo { get; set; }

    /// <summary>Arguments added to QEMU's command line as written (<c>&lt;qemu:arg&gt;</c>), in order.</summary>
    public string[]? QemuArgs { get; set; }

    /// <summary>Environment variables of the QEMU process (<c>&lt;qemu:env&gt;</c>).</summary>
    public QemuEnvVar[]? QemuEnv { get; set; }

    /// <summary>The entry names each SMBIOS block takes (vagrant-libvirt's list); oem_strings entries have no name.</summary>
    internal static readonly Dictionary<string, string[]> SysinfoBlocks = new(StringComparer.Ordinal)
    {
        ["bios"] = ["vendor", "version", "date", "release"],
        ["system"] = ["manufacturer", "product", "version", "serial", "uuid", "sku", "family"],
        ["base_board"] = ["manufacturer", "product", "version", "serial", "asset", "location"],
        ["chassis"] = ["manufacturer", "version", "serial", "asset", "sku"],
        ["oem_strings"] = [],
    };

    private void ValidateSysinfo(Action<string, string> error)
    {
        foreach (var (entry, index) in (Sysinfo ?? []).Select((e, i) => (e, i + 1)))
        {
            var block = entry?.Block?.Replace(' ', '_');
            if (entry is null || block is null || !SysinfoBlocks.TryGetValue(block, out var names))
            {
                error("sysinfo", $"entry {index}: block {UserText.Quote(entry?.Block)} must be one of {string.Join(", ", SysinfoBlocks.Keys)}");
            }
            else if (block == "oem_strings" ? entry.Name is not null : !names.Contains(entry.Name ?? string.Empty, StringComparer.Ordinal))
            {
                error("sysinfo", block == "oem_strings"
                    ? $"entry {index}: oem_strings entries are plain text and take no name; give the name as null"
                    : $"entry {index}: {block} has no entry {UserText.Quote(entry.Name)}; its entries are {string.Join(", ", names)}");
            }
            else if (string.IsNullOrEmpty(entry.Value))
            {
                error("sysinfo", $"entry {index} ({block}{(entry.Name is null ? string.Empty : "." + entry.Name)}): needs a value");
            }
            else if (block == "system" && entry.Name == "uuid" && !(Guid.TryParse(entry.Value, out var uuid) && Uuid is not null && Guid.TryParse(Uuid, out var domainUuid) && uuid == domainUuid))
            {
                error("sysinfo", $"entry {index} (system.uuid): libvirt requires the domain's own UUID here; set libvirt.uuid to {UserText.Quote(entry.Value)} too");
            }
        }

        foreach (var (arg, index) in (QemuArgs ?? []).Select((a, i) => (a, i + 1)))
        {
            if (string.IsNullOrEmpty(arg))
            {
                error("qemu_args", $"argument {index} is empty");
            }
        }

        foreach (var (variable, index) in (QemuEnv ?? []).Select((v, i) => (v, i + 1)))
        {
            // libvirt's schema: a name is a C identifier.
            if (variable is null || !EnvName().IsMatch(variable.Name ?? string.Empty))
            {
                error("qemu_env", $"variable {index}: {UserText.Quote(variable?.Name)} is not a variable name (letters, digits and _, not starting with a digit)");
            }
        }
    }

    [System.Text.RegularExpressions.GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial System.Text.RegularExpressions.Regex EnvName();
}

/// <summary>
/// One SMBIOS entry: a block (bios, system, base_board, chassis, oem_strings), the entry's name in it (null for
/// oem_strings) and its text.
/// </summary>
public sealed record SysinfoEntry(string Block, string? Name, string Value);

/// <summary>An environment variable of the QEMU process.</summary>
public sealed record QemuEnvVar(string Name, string Value);
