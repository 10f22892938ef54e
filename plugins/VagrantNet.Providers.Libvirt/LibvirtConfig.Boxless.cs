using VagrantNet.Sdk.Config;

namespace VagrantNet.Providers.Libvirt;

/// <summary>What a box-less machine refuses.</summary>
public sealed partial class LibvirtConfig
{
    /// <summary>
    /// A machine with no box (vagrant-libvirt's "no box and PXE boot") runs no guest software vnet knows: nothing answers
    /// SSH, so the settings that need it would be accepted and never applied. vagrant-libvirt skips them silently; vnet
    /// names each. The default <c>/vagrant</c> share is the exception: every machine has it unless disabled, so a
    /// box-less <c>up</c> leaves it out (and says so) rather than refusing every box-less machine.
    /// </summary>
    private static void ValidateBoxless(RootConfig machine, ValidationErrors errors)
    {
        if (Actions.HasBox.Of(machine))
        {
            return;
        }

        const string Why = "the machine has no box (vm.box), so nothing in it answers SSH";
        foreach (var provisioner in machine.Vm.Provision.Provisioners)
        {
            errors.Add("vm", "vm.provision", $"{(provisioner.Name is { } name ? $"'{name}' ({provisioner.Type})" : provisioner.Type)} cannot run: {Why}; remove it or set a box");
        }

        foreach (var folder in machine.Vm.SyncedFolders.Where(f => !f.Disabled && f.Id != "vagrant-root"))
        {
            errors.Add("vm", "vm.synced_folder", $"{UserText.Quote(folder.GuestPath)} cannot be shared: {Why}; remove it or set a box");
        }

        if (machine.Vm.Network.Networks.Any(n => n.Kind == NetworkKind.ForwardedPort))
        {
            errors.Add("vm", "vm.network", $"forwarded ports cannot be set up: {Why} (vnet forwards ports over SSH); remove them or set a box");
        }

        if (machine.Vm.Hostname is not null)
        {
            errors.Add("vm", "vm.hostname", $"cannot be set: {Why}; remove it or set a box");
        }
    }
}
