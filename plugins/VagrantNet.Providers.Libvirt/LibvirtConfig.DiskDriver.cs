namespace VagrantNet.Providers.Libvirt;

/// <summary>
/// vagrant-libvirt's remaining disk options: the root disk's <c>disk_driver detect_zeroes:, copy_on_read:</c>, the
/// address type of the disks, and the SCSI controller's model.
/// </summary>
public sealed partial class LibvirtConfig
{
    /// <summary>off, on or unmap, on the root disk's driver.</summary>
    public string? DiskDriverDetectZeroes { get; set; }

    /// <summary>on or off, on the root disk's driver.</summary>
    public string? DiskDriverCopyOnRead { get; set; }

    /// <summary>
    /// The <c>&lt;address type&gt;</c> of the root disk and of every extra disk (vagrant-libvirt's <c>disk_address_type</c>),
    /// e.g. <c>virtio-mmio</c>; libvirt fills in the rest of the address.
    /// </summary>
    public string? DiskAddressType { get; set; }

    /// <summary>The model of the SCSI controller that disks on the scsi bus hang off (default virtio-scsi).</summary>
    public string? DiskControllerModel { get; set; }

    private static readonly string[] DiskAddressTypes = ["pci", "drive", "virtio-mmio", "ccw", "usb"];

    private static readonly string[] ScsiControllerModels =
        ["virtio-scsi", "virtio-transitional", "virtio-non-transitional", "lsilogic", "lsisas1068", "lsisas1078", "buslogic", "ibmvscsi", "vmpvscsi", "ncr53c90", "am53c974", "dc390", "auto"];

    private void ValidateDiskDriver(Action<string, string> error)
    {
        foreach (var (setting, value, known) in new[]
        {
            ("disk_driver_detect_zeroes", DiskDriverDetectZeroes, new[] { "off", "on", "unmap" }),
            ("disk_driver_copy_on_read", DiskDriverCopyOnRead, ["on", "off"]),
            ("disk_address_type", DiskAddressType, DiskAddressTypes),
            ("disk_controller_model", DiskControllerModel, ScsiControllerModels),
        })
        {
            if (value is not null && !known.Contains(value, StringComparer.Ordinal))
            {
                error(setting, $"must be one of {string.Join(", ", known)}, got {Sdk.Config.UserText.Quote(value)}");
            }
        }

        // libvirt refuses detect_zeroes=unmap on a disk whose discard is not unmap.
        if (DiskDriverDetectZeroes == "unmap" && DiskDriverDiscard != "unmap")
        {
            error("disk_driver_detect_zeroes", "unmap needs disk_driver_discard = \"unmap\" too: libvirt refuses it otherwise");
        }
    }
}
