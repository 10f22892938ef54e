using Microsoft.Extensions.Logging;
using VagrantNet.Providers.Libvirt.Driver;
using VagrantNet.Providers.Libvirt.Xml;
using VagrantNet.Sdk.Actions;
using VagrantNet.Sdk.Pipeline;

namespace VagrantNet.Providers.Libvirt.Actions;

/// <summary>
/// Defines the domain from the config, box and planned NICs, with the UUID the creation journal recorded and the
/// machine's tag, and records that UUID as the machine id.
/// </summary>
public sealed class CreateDomain : IAction
{
    public async Task InvokeAsync(ActionContext context, ActionDelegate next)
    {
        var machine = context.Machine;
        var config = context.LibvirtConfig();
        var driver = context.Driver();
        var choice = DriverChoice.Decide(config.Driver, driver.IsLocal, () => new KvmProbe(machine.Host).WhyNotUsable(), machine.Name);
        if (choice.Notice is not null)
        {
            context.Ui.Warn(choice.Notice);
        }

        var spec = Spec(context, config, choice.DomainType);
        context.Set(LibvirtKeys.DomainType, choice.DomainType);
        context.Ui.Info("Creating domain with the following settings...");
        context.Ui.Detail($" -- Name:              {spec.Name}");
        context.Ui.Detail($" -- Domain type:       {spec.DomainType}");
        context.Ui.Detail($" -- Cpus:              {spec.Cpus}");
        context.Ui.Detail($" -- Memory:            {spec.MemoryMiB}M");
        context.Ui.Detail($" -- Base box:          {(context.GetOrDefault(BuiltinKeys.Box) is { } box ? $"{box.Name} ({box.Version})" : "(none)")}");
        context.Ui.Detail($" -- Storage pool:      {config.StoragePoolName}");
        context.Ui.Detail($" -- Image:             {context.GetOrDefault(LibvirtKeys.RootVolumePath) ?? "(none)"}");
        if (spec.Firmware is { } firmware)
        {
            context.Ui.Detail($" -- Loader:            {firmware.Loader}");
            context.Ui.Detail($" -- Nvram:             {firmware.Nvram ?? firmware.NvramTemplate ?? "(none)"}");
        }

        foreach (var disk in spec.Disks.Where(d => d.Path != context.GetOrDefault(LibvirtKeys.RootVolumePath)))
        {
            context.Ui.Detail($" -- {(disk.CdRom ? "CDROM" : "Disk")}({disk.Device}):{new string(' ', Math.Max(1, 12 - disk.Device.Length))}{disk.Path}, {disk.Bus}{(disk.Shareable ? ", shared" : string.Empty)}");
        }

        foreach (var device in spec.BootOrder)
        {
            context.Ui.Detail($" -- Boot device:       {device}");
        }

        foreach (var nic in spec.Interfaces)
        {
            context.Ui.Detail($" -- Interface:         {nic.Mac} on {Describe(nic)}");
        }

        var xml = DomainXmlBuilder.Build(spec);
        machine.Logger.LogDebug("Defining domain {Domain}:\n{Xml}", spec.Name, xml);
        using var domain = driver.DefineDomain(xml);
        machine.Id = domain.Uuid;
        if (config.Autostart == true)
        {
            // libvirt starts the domain when its daemon starts (the host boots), as vagrant-libvirt's autostart.
            domain.SetAutostart(true);
        }

        // A re-created machine has a new host key; drop the pin of the old one.
        machine.DeleteState("known_hosts");
        await next(context).ConfigureAwait(false);
    }

    private static string Describe(InterfaceSpec nic) =>
        nic.Host is { } host ? $"{host.Type} {host.Source}"
        : nic.Network ?? (nic.Tunnel!.LocalPort is { } local ? $"udp {local}->{nic.Tunnel.Port}" : $"{nic.Tunnel.Type} {nic.Tunnel.Address}:{nic.Tunnel.Port}");

    private static InterfaceSpec Interface(PlannedNic nic, LibvirtConfig config)
    {
        var device = nic.Device ?? new Networks.NicDevice(config.NicModelType!);
        return new InterfaceSpec(nic.Mac, device.Model)
        {
            Network = nic.Network,
            Tunnel = nic.Tunnel,
            Host = nic.Host,
            TargetDev = device.TargetDev,
            Mtu = device.Mtu,
            Driver = device.Driver,
            Address = device.Address,
        };
    }

    internal static DomainSpec Spec(ActionContext context, LibvirtConfig config, string domainType)
    {
        var name = context.Get(LibvirtKeys.DomainName);
        var disks = new List<DiskSpec>();
        if (context.GetOrDefault(LibvirtKeys.RootVolumePath) is { } root)
        {
            disks.Add(new(root, "qcow2", StoragePlan.RootDevice(config), config.DiskBus!, config.DiskDriverCache!, config.DiskDriverIo, config.DiskDriverDiscard) { BootAs = "hd" });
        }

        foreach (var (planned, path) in context.GetOrDefault(LibvirtKeys.ExtraDisks) ?? [])
        {
            var disk = planned.Disk;
            disks.Add(new DiskSpec(path, disk.Type, planned.Device, planned.Bus, disk.Cache ?? "default", disk.Io, disk.Discard)
            {
                // A machine without a root disk (box-less) boots "hd" from its first disk, as vagrant-libvirt does.
                BootAs = disks.Count == 0 ? "hd" : null,
                Shareable = disk.Shareable,
                Serial = disk.Serial,
                Wwn = disk.Wwn,
                CopyOnRead = disk.CopyOnRead,
                DetectZeroes = disk.DetectZeroes,
            });
        }

        foreach (var planned in StoragePlan.For(context, name).Cdroms)
        {
            disks.Add(new DiskSpec(planned.Cdrom.Path, "raw", planned.Device, planned.Bus, "default", CdRom: true) { BootAs = "cdrom" });
        }

        if (context.GetOrDefault(LibvirtKeys.CloudInitSeedPath) is { } seed)
        {
            // On virtio-scsi, which every cloud kernel drives (an IDE CD-ROM may have no driver there).
            disks.Add(new DiskSpec(seed, "raw", StoragePlan.CloudInitSeedDevice, "scsi", "default", CdRom: true));
        }

        return FromConfig(config, name, domainType) with
        {
            Uuid = context.GetOrDefault(LibvirtKeys.Journal)?.DomainUuid,
            Owner = CreateNetworks.OwnerOf(context),
            Disks = disks,
            Interfaces = [.. context.Get(LibvirtKeys.Nics).Select(n => Interface(n, config))],
        };
    }

    /// <summary>
    /// What the config alone says of the domain, without its disks and NICs: the part a later start compares with the
    /// defined domain (<see cref="UpdateDomainDefinition"/>).
    /// </summary>
    internal static DomainSpec FromConfig(LibvirtConfig config, string name, string domainType) => new()
    {
        Name = name,
        DomainType = domainType,
        MemoryMiB = config.Memory!.Value,
        Cpus = config.Cpus!.Value,
        CpuMode = config.CpuMode ?? (domainType == "kvm" ? "host-model" : null),
        CpuModel = config.CpuModel,
        Nested = config.Nested == true,
        Arch = config.MachineArch!,
        MachineType = config.MachineType,
        Title = config.Title,
        Description = config.Description,
        BootOrder = config.BootOrder ?? [],
        DirectBoot = config.Kernel is { } kernel ? new DirectKernelBoot(kernel, config.Initrd, config.CmdLine, config.Dtb) : null,
        Firmware = config.Loader is { } loader ? new Firmware(loader, config.Nvram, config.NvramTemplate) : null,
        EmulatorPath = config.EmulatorPath,
        Disks = [],
        Interfaces = [],
        GraphicsType = config.GraphicsType!,
        GraphicsIp = config.GraphicsIp!,
        GraphicsPort = config.GraphicsPort,
        GraphicsAutoport = config.GraphicsAutoport ?? config.GraphicsPort is null or -1,
        GraphicsPassword = config.GraphicsPassword,
        Keymap = config.Keymap!,
        VideoType = config.VideoType!,
        VideoVram = config.VideoVram!.Value,
        SerialLogFile = SerialLog.PathFor(config, name),
        Devices = GuestDevices.From(config),
        PanicDevice = config.MachineArch is "x86_64" or "i686",
    };

    /// <summary>vda, vdb... for virtio; sda... for scsi/sata; hda... for ide.</summary>
    public static string DeviceName(string bus, int index) =>
        (bus switch { "virtio" => "vd", "ide" => "hd", _ => "sd" }) + (char)('a' + index);
}
