namespace VagrantNet.Providers.Libvirt.Interop;

/// <summary>Decodes libvirt's packed version numbers: major * 1,000,000 + minor * 1,000 + release.</summary>
internal static class LibvirtVersion
{
    internal static Version Decode(nuint packed)
    {
        var value = (ulong)packed;
        return new Version((int)(value / 1_000_000), (int)(value / 1_000 % 1_000), (int)(value % 1_000));
    }
}
