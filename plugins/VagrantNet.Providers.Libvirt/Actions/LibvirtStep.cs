using VagrantNet.Providers.Libvirt.Driver;
using VagrantNet.Sdk.Pipeline;

namespace VagrantNet.Providers.Libvirt.Actions;

/// <summary>Shortcuts every libvirt step uses: the driver (its one way to libvirt) and the config.</summary>
internal static class LibvirtStep
{
    public static LibvirtDriver Driver(this ActionContext context) =>
        (context.Machine.Provider as LibvirtProvider)?.Driver
        ?? throw new InvalidOperationException($"machine '{context.Machine.Name}' is not backed by the libvirt provider");

    public static LibvirtConfig LibvirtConfig(this ActionContext context) => (LibvirtConfig)context.Machine.ProviderConfig;
}
