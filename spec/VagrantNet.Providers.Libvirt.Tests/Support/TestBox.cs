using VagrantNet.Testing;

namespace VagrantNet.Providers.Libvirt.Tests.Support;

/// <summary>The libvirt box every step test's host has installed: its metadata and a small fake <c>box.img</c>.</summary>
internal static class TestBox
{
    public const string Name = "vnet/test-box";
    public const string Version = "1.2.3";

    /// <summary>The box's <c>virtual_size</c> in GB, as its metadata says.</summary>
    public const int VirtualSizeGb = 2;

    /// <summary>A fake host under <paramref name="home"/> with the test box installed.</summary>
    public static FakeVnetHost InstalledOn(string home)
    {
        var host = new FakeVnetHost(home);
        var box = host.InstallBox(Name, Version, "libvirt", $$"""{ "provider": "libvirt", "format": "qcow2", "virtual_size": {{VirtualSizeGb}} }""");
        File.WriteAllBytes(Path.Combine(box.Directory, "box.img"), new byte[64 * 1024]);
        return host;
    }
}
