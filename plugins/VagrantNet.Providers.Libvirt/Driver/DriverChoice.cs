namespace VagrantNet.Providers.Libvirt.Driver;

/// <summary>The domain type to use, and the notice to print when vnet chose it for the user.</summary>
public sealed record DriverChoice(string DomainType, string? Notice)
{
    /// <summary>
    /// Decides between kvm and qemu: a forced <c>qemu</c> is taken as is; a forced <c>kvm</c> fails fast when the
    /// probe says KVM cannot run guests; unset takes KVM when it works, else TCG with a one-line notice.
    /// </summary>
    public static DriverChoice Decide(string? configured, bool localConnection, Func<string?> whyKvmUnusable, string machine)
    {
        if (configured == "qemu")
        {
            return new DriverChoice("qemu", null);
        }

        if (!localConnection)
        {
            // The probe can only run on this host; a remote libvirt is trusted to run what it advertises.
            return new DriverChoice(configured ?? "kvm", null);
        }

        var why = whyKvmUnusable();
        if (why is null)
        {
            return new DriverChoice("kvm", null);
        }

        if (configured == "kvm")
        {
            throw new LibvirtProviderException($"Machine '{machine}': libvirt.driver is \"kvm\", but KVM cannot run guests on this host: {why}. Set libvirt.driver = \"qemu\" (software emulation) or remove the setting.");
        }

        return new DriverChoice("qemu", $"KVM is not usable here ({why}); using QEMU software emulation (driver \"qemu\"), which is slower.");
    }
}
