using System.Globalization;
using System.Xml.Linq;

namespace VagrantNet.Providers.Libvirt.Xml;

/// <summary>
/// The CPU, memory, feature, clock, SMBIOS and QEMU command-line settings of <see cref="DomainDefinitionUpdate"/>. Each
/// is read in a form libvirt's normalisation does not change: cpusets by their members, memory sizes in KiB, the
/// addresses and modes libvirt adds left out.
/// </summary>
public static partial class DomainDefinitionUpdate
{
    /// <summary>A setting whose reading of the defined domain depends on what the config asks (<c>Key(domain, desired)</c>).</summary>
    private sealed record PairedSetting(string Name, Func<XElement, XElement, string> Key, Action<XElement, XElement> Copy);

    private static readonly XNamespace Qemu = "http://libvirt.org/schemas/domain/qemu/1.0";

    private static readonly PairedSetting[] TuningSettings =
    [
        Plain("cpu_features", CpuFeatures, CopyElements("cpu")),
        Plain("cpu_fallback", CpuFallback, CopyElements("cpu")),
        Plain("cpu_topology", Topology, CopyElements("cpu")),
        Plain("numa_nodes", NumaCells, CopyElements("cpu")),
        Plain("cpuset", d => d.Element("vcpu")?.Attribute("cpuset") is { } set ? Cpuset.Canonical(set.Value) : "(any)", CopyElements("vcpu")),
        Plain("cputune", Cputune, CopyElements("cputune")),
        Plain("nodeset", d => d.Element("numatune")?.Element("memory")?.Attribute("nodeset") is { } set ? Cpuset.Canonical(set.Value) : "(any)", CopyElements("numatune")),
        Plain("memory_backing", d => Children(d.Element("memoryBacking")), CopyElements("memoryBacking")),
        Plain("memtunes", Memtunes, CopyElements("memtune")),
        new("memballoon", Memballoon, CopyDevices("memballoon")),
        Plain("features", Features, CopyElements("features")),
        Plain("clock", Clock, CopyElements("clock")),
        Plain("sysinfo", Sysinfo, CopySysinfo),
        Plain("qemu_args", QemuCommandLine, CopyQemuCommandLine),
    ];

    private static PairedSetting Plain(string name, Func<XElement, string> key, Action<XElement, XElement> copy) => new(name, (domain, _) => key(domain), copy);

    private static List<(PairedSetting Setting, DomainSettingChange Change)> TuningChanges(XElement current, XElement desired) =>
        [.. TuningSettings.Select(setting => (setting, Change: new DomainSettingChange(setting.Name, setting.Key(current, desired), setting.Key(desired, desired))))
            .Where(s => s.Change.Was != s.Change.Now)];

    private static void ApplyTuning(XElement current, XElement desired, List<(PairedSetting Setting, DomainSettingChange Change)> tuning, List<DomainSettingChange> changes)
    {
        foreach (var (setting, change) in tuning)
        {
            changes.Add(change);
            setting.Copy(current, desired);
        }
    }

    private static string CpuFeatures(XElement domain) =>
        Joined(domain.Element("cpu")?.Elements("feature").Select(f => $"{f.Attribute("name")?.Value}:{f.Attribute("policy")?.Value ?? "require"}").Order(StringComparer.Ordinal));

    /// <summary>libvirt's default fallback is allow, written or not.</summary>
    private static string CpuFallback(XElement domain) => domain.Element("cpu")?.Element("model")?.Attribute("fallback")?.Value ?? "allow";

    /// <summary>Sockets, cores and threads only: newer libvirt adds dies and clusters of 1.</summary>
    private static string Topology(XElement domain) =>
        domain.Element("cpu")?.Element("topology") is { } t
            ? $"sockets {t.Attribute("sockets")?.Value} × cores {t.Attribute("cores")?.Value} × threads {t.Attribute("threads")?.Value}"
            : "(none)";

    private static string NumaCells(XElement domain) =>
        Joined(domain.Element("cpu")?.Element("numa")?.Elements("cell").Select(c =>
            $"cpus {Cpuset.Canonical(c.Attribute("cpus")?.Value)} {KiB(c.Attribute("memory")?.Value, c.Attribute("unit")?.Value)} KiB{(c.Attribute("memAccess") is { } access ? " " + access.Value : string.Empty)}"));

    private static string Cputune(XElement domain)
    {
        var tune = domain.Element("cputune");
        var pins = tune?.Elements("vcpupin").Select(p => $"vcpu {p.Attribute("vcpu")?.Value} on {Cpuset.Canonical(p.Attribute("cpuset")?.Value)}").Order(StringComparer.Ordinal) ?? Enumerable.Empty<string>();
        var shares = tune?.Element("shares") is { } s ? new[] { "shares " + s.Value.Trim() } : [];
        return Joined(pins.Concat(shares));
    }

    private static string Memtunes(XElement domain) =>
        Joined(domain.Element("memtune")?.Elements().Select(e => $"{e.Name.LocalName} {KiB(e.Value, e.Attribute("unit")?.Value)} KiB").Order(StringComparer.Ordinal));

    /// <summary>Its model, and its PCI address only when the config places it: else the address is libvirt's choice.</summary>
    private static string Memballoon(XElement domain, XElement desired)
    {
        var balloon = domain.Element("devices")?.Element("memballoon");
        var model = balloon?.Attribute("model")?.Value ?? "virtio";
        if (desired.Element("devices")?.Element("memballoon")?.Element("address") is null || balloon?.Element("address") is not { } address)
        {
            return model;
        }

        return $"{model} at bus {Pci(address.Attribute("bus")?.Value)} slot {Pci(address.Attribute("slot")?.Value)}";
    }

    /// <summary>The plain features, the KVM signature's hiding and the Hyper-V enlightenments; libvirt's hyperv mode attribute aside.</summary>
    private static string Features(XElement domain)
    {
        var features = domain.Element("features");
        if (features is null)
        {
            return "(none)";
        }

        // libvirt writes an on/off feature given as <pmu/> as <pmu state='on'/>.
        var plain = features.Elements().Where(e => e.Name.LocalName is not ("kvm" or "hyperv")).Select(e => (e.Name.LocalName + Attributes(e)).Replace(" state=on", string.Empty, StringComparison.Ordinal));
        var kvm = features.Element("kvm")?.Elements().Select(e => "kvm." + e.Name.LocalName + Attributes(e)) ?? [];
        var hyperv = features.Element("hyperv")?.Elements().Select(e => "hyperv." + e.Name.LocalName + Attributes(e)) ?? [];
        return Joined(plain.Concat(kvm).Concat(hyperv).Order(StringComparer.Ordinal));
    }

    private static string Clock(XElement domain)
    {
        var clock = domain.Element("clock");
        if (clock is null)
        {
            return "utc";
        }

        var timers = clock.Elements("timer").Select(t => "timer" + Attributes(t)).Order(StringComparer.Ordinal);
        return string.Join(' ', new[] { Attributes(clock).Trim() }.Concat(timers));
    }

    private static string Sysinfo(XElement domain)
    {
        var entries = domain.Elements("sysinfo").Where(s => s.Attribute("type")?.Value == "smbios").SelectMany(s => s.Elements())
            .SelectMany(block => block.Elements("entry").Select(e => $"{block.Name.LocalName}{(e.Attribute("name") is { } name ? "." + name.Value : string.Empty)}={e.Value}"));
        var mode = domain.Element("os")?.Element("smbios")?.Attribute("mode")?.Value;
        return Joined(entries.Concat(mode is null ? [] : ["smbios " + mode]));
    }

    private static string QemuCommandLine(XElement domain)
    {
        var line = domain.Element(Qemu + "commandline");
        var args = line?.Elements(Qemu + "arg").Select(a => a.Attribute("value")?.Value) ?? [];
        var env = line?.Elements(Qemu + "env").Select(e => $"{e.Attribute("name")?.Value}={e.Attribute("value")?.Value}") ?? [];
        return Joined(args.Concat(env));
    }

    private static void CopySysinfo(XElement current, XElement desired)
    {
        Replace(current, desired, ["sysinfo"]);
        var os = current.Element("os") ?? new XElement("os");
        if (os.Parent is null)
        {
            current.Add(os);
        }

        Replace(os, desired.Element("os") ?? new XElement("os"), ["smbios"]);
    }

    private static void CopyQemuCommandLine(XElement current, XElement desired)
    {
        if (desired.Element(Qemu + "commandline") is not null && current.Attribute(XNamespace.Xmlns + "qemu") is null)
        {
            current.Add(new XAttribute(XNamespace.Xmlns + "qemu", Qemu.NamespaceName));
        }

        Replace(current, desired, [(Qemu + "commandline").ToString()]);
    }

    private static string Attributes(XElement element) =>
        string.Concat(element.Attributes().Where(a => !a.IsNamespaceDeclaration && !(element.Name.LocalName == "hyperv" && a.Name == "mode"))
            .OrderBy(a => a.Name.ToString(), StringComparer.Ordinal).Select(a => $" {a.Name}={a.Value}"));

    private static string Children(XElement? parent) => Joined(parent?.Elements().Select(e => e.Name.LocalName + Attributes(e)).Order(StringComparer.Ordinal));

    private static string Joined(IEnumerable<string?>? parts) => parts?.ToList() is { Count: > 0 } list ? string.Join(", ", list) : "(none)";

    private static long Pci(string? text) =>
        text is null ? -1
        : text.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? long.Parse(text[2..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture)
        : long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : -1;

    private static long KiB(string? value, string? unit) =>
        long.TryParse(value?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? Bytes(n, unit ?? "KiB") / 1024 : -1;
}
