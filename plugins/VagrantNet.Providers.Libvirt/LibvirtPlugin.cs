using System.Runtime.InteropServices;
using VagrantNet.Providers.Libvirt;
using VagrantNet.Sdk.Plugins;

[assembly: VagrantPlugin(typeof(LibvirtPlugin))]

namespace VagrantNet.Providers.Libvirt;

/// <summary>Registers the libvirt provider, usable wherever <c>libvirt.so.0</c> loads.</summary>
public sealed class LibvirtPlugin : IVagrantPlugin
{
    public void Register(IPluginRegistry registry) =>
        registry.Provider<LibvirtConfig>(machine => new LibvirtProvider(machine), new ProviderOptions
        {
            Priority = 10,
            // A box-less machine boots an installer ISO or over the network (vagrant-libvirt's box_optional).
            BoxOptional = true,
            Usable = WhyNotUsable,
            RemoveBoxArtifacts = Driver.BoxImageRemoval.RunAsync,
        });

    private static string? WhyNotUsable() =>
        NativeLibrary.TryLoad("libvirt.so.0", out var handle) && FreeAndTrue(handle)
            ? null
            : "libvirt.so.0 could not be loaded; install libvirt (on Debian: apt-get install libvirt-daemon-system libvirt-clients).";

    private static bool FreeAndTrue(IntPtr handle)
    {
        NativeLibrary.Free(handle);
        return true;
    }
}
