using System.Globalization;
using System.Xml.Linq;

namespace VagrantNet.Providers.Libvirt.Xml;

/// <summary>Renders a <see cref="DomainSpec"/> as libvirt domain XML.</summary>
public static class DomainXmlBuilder
{
    public static XElement Build(DomainSpec spec)
    {
        var domain = new XElement("domain", new XAttribute("type", spec.DomainType),
            new XElement("name", spec.Name),
            spec.Uuid is null ? null : new XElement("uuid", spec.Uuid),
            spec.Title is null ? null : new XElement("title", spec.Title),
            spec.Description is null ? null : new XElement("description", spec.Description),
            spec.Owner?.ToMetadata(),
            new XElement("memory", new XAttribute("unit", "MiB"), spec.MemoryMiB),
            new XElement("currentMemory", new XAttribute("unit", "MiB"), spec.MemoryMiB),
            new XElement("vcpu", spec.Cpus),
            Os(spec),
            new XElement("features", new XElement("acpi"), new XElement("apic"), new XElement("pae")),
            Cpu(spec),
            new XElement("clock", new XAttribute("offset", "utc")),
            new XElement("on_poweroff", "destroy"),
            new XElement("on_reboot", "restart"),
            new XElement("on_crash", "destroy"),
            Devices(spec));
        return domain;
    }

    private static XElement Os(DomainSpec spec)
    {
        var type = new XElement("type", new XAttribute("arch", spec.Arch), "hvm");
        if (spec.MachineType is not null)
        {
            type.Add(new XAttribute("machine", spec.MachineType));
        }

        var os = new XElement("os", type);
        if (spec.DirectBoot is { } direct)
        {
            os.Add(new XElement("kernel", direct.Kernel),
                direct.Initrd is null ? null : new XElement("initrd", direct.Initrd),
                direct.CmdLine is null ? null : new XElement("cmdline", direct.CmdLine),
                direct.Dtb is null ? null : new XElement("dtb", direct.Dtb));
        }

        if (spec.Firmware is { } firmware)
        {
            os.Add(new XElement("loader", new XAttribute("readonly", "yes"), new XAttribute("type", firmware.HasNvram ? "pflash" : "rom"), firmware.Loader));
            if (firmware.HasNvram)
            {
                // Without a path libvirt names the domain's own copy of the template, and undefining with NVRAM removes it.
                os.Add(new XElement("nvram", firmware.NvramTemplate is null ? null : new XAttribute("template", firmware.NvramTemplate), firmware.Nvram));
            }
        }

        if (spec.BootOrder.Count == 0 && spec.DirectBoot is null)
        {
            os.Add(new XElement("boot", new XAttribute("dev", "hd")));
        }
        else if (spec.BootOrder.Count > 0)
        {
            // vagrant-libvirt turns the boot menu on with an explicit order (the devices carry <boot order>).
            os.Add(new XElement("bootmenu", new XAttribute("enable", "yes")));
        }

        return os;
    }

    private static XElement? Cpu(DomainSpec spec)
    {
        var mode = spec.CpuMode ?? (spec.DomainType == "kvm" ? "host-model" : null);
        if (mode is null or "none")
        {
            return null;
        }

        var cpu = new XElement("cpu", new XAttribute("mode", mode));
        if (mode == "custom")
        {
            cpu.Add(new XAttribute("match", "exact"), new XElement("model", new XAttribute("fallback", "allow"), spec.CpuModel ?? "qemu64"));
        }

        if (spec.Nested)
        {
            cpu.Add(new XElement("feature", new XAttribute("policy", "optional"), new XAttribute("name", "vmx")),
                new XElement("feature", new XAttribute("policy", "optional"), new XAttribute("name", "svm")));
        }

        return cpu;
    }

    private static XElement Interface(InterfaceSpec nic)
    {
        var element = Attachment(nic);
        element.Add(
            nic.TargetDev is null ? null : new XElement("target", new XAttribute("dev", nic.TargetDev)),
            nic.Mtu is null ? null : new XElement("mtu", new XAttribute("size", nic.Mtu.Value)),
            nic.Driver is null or { IsEmpty: true } ? null : new XElement("driver",
                nic.Driver.Name is null ? null : new XAttribute("name", nic.Driver.Name),
                nic.Driver.Queues is null ? null : new XAttribute("queues", nic.Driver.Queues.Value),
                nic.Driver.Iommu ? new XAttribute("iommu", "on") : null),
            nic.Address is null ? null : new XElement("address", new XAttribute("type", "pci"),
                new XAttribute("bus", nic.Address.Bus), new XAttribute("slot", nic.Address.Slot)));
        return element;
    }

    private static XElement Attachment(InterfaceSpec nic)
    {
        var mac = new XElement("mac", new XAttribute("address", nic.Mac));
        var model = new XElement("model", new XAttribute("type", nic.Model));
        if (nic.Tunnel is { } tunnel)
        {
            return new XElement("interface", new XAttribute("type", tunnel.Type), mac,
                new XElement("source", new XAttribute("address", tunnel.Address), new XAttribute("port", tunnel.Port),
                    tunnel.LocalAddress is null ? null : new XElement("local", new XAttribute("address", tunnel.LocalAddress), new XAttribute("port", tunnel.LocalPort!.Value))),
                model);
        }

        return nic.Host switch
        {
            { Type: "direct" } host => new XElement("interface", new XAttribute("type", "direct"),
                host.TrustGuestRxFilters ? new XAttribute("trustGuestRxFilters", "yes") : null,
                mac,
                new XElement("source", new XAttribute("dev", host.Source), new XAttribute("mode", host.Mode ?? "bridge")),
                model),
            { Type: "bridge" } host => new XElement("interface", new XAttribute("type", "bridge"), mac,
                new XElement("source", new XAttribute("bridge", host.Source)),
                host.OpenVSwitch ? new XElement("virtualport", new XAttribute("type", "openvswitch"),
                    host.OvsInterfaceId is null ? null : new XElement("parameters", new XAttribute("interfaceid", host.OvsInterfaceId))) : null,
                model),
            { Type: "network" } host => new XElement("interface", new XAttribute("type", "network"), mac,
                new XElement("source", new XAttribute("network", host.Source), host.Portgroup is null ? null : new XAttribute("portgroup", host.Portgroup)),
                model),
            { } host => throw new ArgumentException($"NIC {nic.Mac}: unknown host attachment '{host.Type}'"),
            null => new XElement("interface", new XAttribute("type", "network"), mac,
                new XElement("source", new XAttribute("network", nic.Network ?? throw new ArgumentException($"NIC {nic.Mac} has neither a network nor a tunnel"))),
                model),
        };
    }

    private static XElement Devices(DomainSpec spec)
    {
        var devices = new XElement("devices", spec.EmulatorPath is null ? null : new XElement("emulator", spec.EmulatorPath));
        var bootOrder = BootOrders(spec);
        foreach (var disk in spec.Disks)
        {
            var driver = new XElement("driver", new XAttribute("name", "qemu"), new XAttribute("type", disk.Format), new XAttribute("cache", disk.Cache),
                disk.Io is null ? null : new XAttribute("io", disk.Io),
                disk.Discard is null ? null : new XAttribute("discard", disk.Discard),
                disk.CopyOnRead is null ? null : new XAttribute("copy_on_read", disk.CopyOnRead),
                disk.DetectZeroes is null ? null : new XAttribute("detect_zeroes", disk.DetectZeroes));
            var element = new XElement("disk", new XAttribute("type", "file"), new XAttribute("device", disk.CdRom ? "cdrom" : "disk"),
                // A read-only CD is no part of a snapshot (internal snapshots need every snapshotted disk in qcow2).
                disk.CdRom ? new XAttribute("snapshot", "no") : null,
                driver,
                new XElement("source", new XAttribute("file", disk.Path)),
                new XElement("target", new XAttribute("dev", disk.Device), new XAttribute("bus", disk.Bus)),
                disk.CdRom ? new XElement("readonly") : null,
                disk.Shareable ? new XElement("shareable") : null,
                disk.Serial is null ? null : new XElement("serial", disk.Serial),
                disk.Wwn is null ? null : new XElement("wwn", disk.Wwn),
                bootOrder.TryGetValue(disk, out var order) ? new XElement("boot", new XAttribute("order", order)) : null);
            devices.Add(element);
        }

        if (spec.Disks.Any(d => d.Bus == "scsi"))
        {
            devices.Add(new XElement("controller", new XAttribute("type", "scsi"), new XAttribute("index", 0), new XAttribute("model", "virtio-scsi")));
        }

        foreach (var nic in spec.Interfaces)
        {
            var element = Interface(nic);
            if (bootOrder.TryGetValue(nic, out var order))
            {
                element.Add(new XElement("boot", new XAttribute("order", order)));
            }

            devices.Add(element);
        }

        devices.Add(DeviceXml.Floppies(spec.Devices.Floppies));
        devices.Add(CharDeviceXml.Serials(spec.Devices.Serials, spec.SerialLogFile));
        devices.Add(DeviceXml.Inputs(spec.Devices.Inputs));
        devices.Add(DeviceXml.Sound(spec.Devices.Sound));
        if (spec.GraphicsType != "none")
        {
            var graphics = new XElement("graphics", new XAttribute("type", spec.GraphicsType),
                new XAttribute("port", spec.GraphicsPort?.ToString(CultureInfo.InvariantCulture) ?? "-1"),
                new XAttribute("autoport", spec.GraphicsAutoport ? "yes" : "no"),
                new XAttribute("keymap", spec.Keymap),
                new XElement("listen", new XAttribute("type", "address"), new XAttribute("address", spec.GraphicsIp)));
            graphics.Add(new XAttribute("listen", spec.GraphicsIp));
            if (spec.GraphicsPassword is not null)
            {
                graphics.Add(new XAttribute("passwd", spec.GraphicsPassword));
            }

            var video = new XElement("video", new XElement("model", new XAttribute("type", spec.VideoType), new XAttribute("vram", spec.VideoVram), new XAttribute("heads", 1)));
            DeviceXml.ExtendDisplay(graphics, video, spec.Devices);
            devices.Add(graphics);
            devices.Add(video);
        }

        devices.Add(CharDeviceXml.Channels(spec.Devices.Channels));

        if (spec.PanicDevice)
        {
            // QEMU's ISA pvpanic: with on_crash, libvirt reports a panicked guest as crashed instead of running.
            devices.Add(new XElement("panic", new XAttribute("model", "isa")));
        }

        devices.Add(new XElement("memballoon", new XAttribute("model", "virtio")));
        devices.Add(DeviceXml.Rng(spec.Devices.Rng));
        devices.Add(DeviceXml.Watchdog(spec.Devices.Watchdog));
        devices.Add(DeviceXml.Tpm(spec.Devices.Tpm));
        devices.Add(PassthroughXml.Build(spec.Devices));
        return devices;
    }

    /// <summary>
    /// vagrant-libvirt's boot order: each entry in turn numbers its devices (<c>hd</c> the disks booted as hd,
    /// <c>cdrom</c> the CD-ROMs booted as cdrom, <c>network</c> every NIC in order), counting from 1.
    /// </summary>
    private static Dictionary<object, int> BootOrders(DomainSpec spec)
    {
        var orders = new Dictionary<object, int>(ReferenceEqualityComparer.Instance);
        foreach (var entry in spec.BootOrder)
        {
            IEnumerable<object> booted = entry == "network" ? spec.Interfaces : spec.Disks.Where(d => d.BootAs == entry);
            foreach (var device in booted)
            {
                orders.TryAdd(device, orders.Count + 1);
            }
        }

        return orders;
    }
}
