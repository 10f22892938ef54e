namespace VagrantNet.Providers.Libvirt.Driver;

/// <summary>The connection URI when <c>libvirt.uri</c> is not given, by vagrant-libvirt's rules.</summary>
public static class LibvirtUri
{
    /// <summary>virsh's variable, which vagrant-libvirt honours too.</summary>
    public const string DefaultUriVariable = "LIBVIRT_DEFAULT_URI";

    /// <summary>
    /// <c>qemu+ssh://user@host/system?keyfile=…</c> (or <c>qemu+tcp</c>) when a host is given; else
    /// <c>LIBVIRT_DEFAULT_URI</c> when it is set and no connection setting is; else the local system or session instance.
    /// </summary>
    public static string For(LibvirtConfig config, string? defaultUri)
    {
        var path = config.QemuUseSession == true ? "session" : "system";
        if (config.Host is null)
        {
            var anyConnectionSetting = config.QemuUseSession == true || config.Username is not null || config.IdSshKeyFile is not null;
            return !string.IsNullOrWhiteSpace(defaultUri) && !anyConnectionSetting ? defaultUri : $"qemu:///{path}";
        }

        var transport = config.ConnectViaSsh == true ? "qemu+ssh" : "qemu+tcp";
        var user = config.Username is null ? string.Empty : config.Username + "@";
        var query = config.IdSshKeyFile is null ? string.Empty : "?keyfile=" + System.Uri.EscapeDataString(config.IdSshKeyFile);
        return $"{transport}://{user}{config.Host}/{path}{query}";
    }
}
