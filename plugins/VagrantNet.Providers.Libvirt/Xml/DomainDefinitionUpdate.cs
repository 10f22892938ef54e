using System.Globalization;
using System.Xml.Linq;

namespace VagrantNet.Providers.Libvirt.Xml;

/// <summary>A setting whose value in the defined domain differs from the config's: what a start changes.</summary>
public sealed record DomainSettingChange(string Setting, string Was, string Now);

/// <summary>
/// Brings a defined domain's XML up to date with the config, setting by setting, as vagrant-libvirt does at every start.
/// Each setting is read the same way from the XML libvirt keeps (which normalises units and adds its defaults) and from
/// the XML the config gives today; only a setting whose readings differ is copied over, so an unchanged config never
/// redefines the domain.
/// </summary>
public static class DomainDefinitionUpdate
{
    /// <param name="Key">What is compared.</param>
    /// <param name="Show">What the user is told (a password is never shown).</param>
    /// <param name="Copy">Copies the setting's elements from the desired XML into the current one.</param>
    private sealed record Setting(string Name, Func<XElement, string> Key, Func<XElement, string> Show, Action<XElement, XElement> Copy);

    private static readonly Setting[] Settings =
    [
        new("driver", DomainType, DomainType, (current, desired) => current.SetAttributeValue("type", DomainType(desired))),
        new("memory", d => MemoryMiB(d) + " MiB", d => MemoryMiB(d) + " MiB", CopyElements("memory", "currentMemory")),
        new("cpus", Vcpus, Vcpus, CopyElements("vcpu")),
        new("cpu_mode", Cpu, Cpu, CopyElements("cpu")),
        new("title", d => Text(d, "title"), d => Text(d, "title"), CopyElements("title")),
        new("description", d => Text(d, "description"), d => Text(d, "description"), CopyElements("description")),
        new("graphics", d => Graphics(d, showPassword: true), d => Graphics(d, showPassword: false), CopyDevices("graphics")),
        new("video", Video, Video, CopyDevices("video")),
    ];

    /// <summary>
    /// Changes <paramref name="current"/> (the defined domain's inactive XML) where <paramref name="desired"/> (the XML
    /// the config gives, disks and NICs aside) differs, and returns what changed, in a fixed order.
    /// </summary>
    public static IReadOnlyList<DomainSettingChange> Apply(XElement current, XElement desired)
    {
        var changes = new List<DomainSettingChange>();
        foreach (var setting in Settings)
        {
            if (setting.Key(current) != setting.Key(desired))
            {
                changes.Add(new DomainSettingChange(setting.Name, setting.Show(current), setting.Show(desired)));
                setting.Copy(current, desired);
            }
        }

        changes.AddRange(DeviceDefinitionUpdate.Apply(current, desired));
        return changes;
    }

    private static string DomainType(XElement domain) => domain.Attribute("type")?.Value ?? "qemu";

    private static string Vcpus(XElement domain) => domain.Element("vcpu")?.Value.Trim() ?? "1";

    private static string Text(XElement domain, string name) => domain.Element(name)?.Value ?? "(none)";

    /// <summary>libvirt keeps memory in KiB whatever unit it was given; both sides are read in MiB.</summary>
    private static long MemoryMiB(XElement domain)
    {
        var memory = domain.Element("memory");
        if (memory is null || !long.TryParse(memory.Value.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            return 0;
        }

        var bytes = (memory.Attribute("unit")?.Value ?? "KiB") switch
        {
            "b" or "bytes" => value,
            "KB" => value * 1000,
            "k" or "KiB" => value * 1024,
            "MB" => value * 1000 * 1000,
            "M" or "MiB" => value * 1024 * 1024,
            "GB" => value * 1000 * 1000 * 1000,
            "G" or "GiB" => value * 1024 * 1024 * 1024,
            "TB" => value * 1000L * 1000 * 1000 * 1000,
            "T" or "TiB" => value * 1024L * 1024 * 1024 * 1024,
            _ => 0,
        };
        return bytes / (1024 * 1024);
    }

    /// <summary>Mode, model and wanted features: libvirt adds attributes of its own (check, match) that no config sets.</summary>
    private static string Cpu(XElement domain)
    {
        if (domain.Element("cpu") is not { } cpu)
        {
            return "(hypervisor default)";
        }

        var mode = cpu.Attribute("mode")?.Value ?? "custom";
        var model = cpu.Element("model")?.Value.Trim();
        var features = cpu.Elements("feature")
            .Where(f => f.Attribute("policy")?.Value is not ("disable" or "forbid"))
            .Select(f => "+" + f.Attribute("name")?.Value)
            .Order(StringComparer.Ordinal);
        return string.Join(' ', new[] { mode, model }.Concat(features).Where(part => !string.IsNullOrEmpty(part)));
    }

    private static string Graphics(XElement domain, bool showPassword)
    {
        if (domain.Element("devices")?.Element("graphics") is not { } graphics)
        {
            return "none";
        }

        var port = graphics.Attribute("autoport")?.Value == "yes" ? "auto" : graphics.Attribute("port")?.Value;
        var listen = graphics.Attribute("listen")?.Value ?? graphics.Element("listen")?.Attribute("address")?.Value;
        var password = graphics.Attribute("passwd")?.Value is { } passwd ? (showPassword ? passwd : "(password set)") : null;
        return string.Join(' ', new[] { graphics.Attribute("type")?.Value, listen is null ? null : $"on {listen}:{port}", graphics.Attribute("keymap")?.Value, password }
            .Where(part => part is not null));
    }

    private static string Video(XElement domain)
    {
        var model = domain.Element("devices")?.Element("video")?.Element("model");
        return model is null ? "none" : $"{model.Attribute("type")?.Value} vram {model.Attribute("vram")?.Value}";
    }

    private static Action<XElement, XElement> CopyElements(params string[] names) => (current, desired) => Replace(current, desired, names);

    private static Action<XElement, XElement> CopyDevices(params string[] names) => (current, desired) =>
    {
        var devices = current.Element("devices") ?? new XElement("devices");
        if (devices.Parent is null)
        {
            current.Add(devices);
        }

        Replace(devices, desired.Element("devices") ?? new XElement("devices"), names);
    };

    /// <summary>Puts <paramref name="desired"/>'s elements named <paramref name="names"/> where <paramref name="current"/>'s were.</summary>
    private static void Replace(XElement current, XElement desired, string[] names)
    {
        foreach (var name in names)
        {
            var old = current.Elements(name).ToList();
            var wanted = desired.Elements(name).Select(e => new XElement(e)).ToList();
            if (old.Count > 0)
            {
                old[0].AddBeforeSelf(wanted);
            }
            else
            {
                current.Add(wanted);
            }

            old.ForEach(e => e.Remove());
        }
    }
}
