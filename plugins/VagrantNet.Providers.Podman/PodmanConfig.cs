using VagrantNet.Sdk.Config;

namespace VagrantNet.Providers.Podman;

/// <summary>
/// The podman provider's settings: <c>config.Vm.Provider&lt;PodmanConfig&gt;(p =&gt; p.Image = "...")</c>, or untyped
/// (<c>p["image_archive"] = "..."</c>). Modelled on Vagrant's docker provider: no box is needed; the container is made
/// from <see cref="Image"/>, loaded from <see cref="ImageArchive"/> when the local store lacks it.
/// </summary>
[ProviderName(Name)]
public sealed partial class PodmanConfig : ProviderConfig
{
    public const string Name = "podman";

    /// <summary>The command a container runs when <see cref="Cmd"/> is unset: it keeps the container up until halted.</summary>
    public static readonly string[] DefaultCmd = ["sleep", "infinity"];

    /// <summary>An image in the local podman store, such as <c>localhost/vnet-debian12:latest</c>.</summary>
    public string? Image { get; set; }

    /// <summary>
    /// An image archive as <c>podman save</c> writes it (docker-archive or oci-archive), loaded with <c>podman load</c>
    /// when <see cref="Image"/> is not in the store; relative to the project directory. With no <see cref="Image"/>, the
    /// archive's own (first) tag is used.
    /// </summary>
    public string? ImageArchive { get; set; }

    /// <summary>The container's command; default <c>sleep infinity</c> under podman's init, so it keeps running.</summary>
    public string[]? Cmd { get; set; }

    /// <summary>Environment variables of the container (and of every command vnet runs in it).</summary>
    public Dictionary<string, string> Env { get; } = [];

    public bool? Privileged { get; set; }

    /// <summary>The container's name; default <c>&lt;project&gt;_&lt;machine&gt;</c>.</summary>
    public string? ContainerName { get; set; }

    /// <summary>
    /// podman's <c>--network</c> (<c>none</c>, <c>host</c>, a podman network); unset leaves podman's default. A machine
    /// with a private network must leave it unset or say <c>none</c>: its interfaces come from the libvirt network.
    /// </summary>
    public string? Network { get; set; }

    /// <summary>Where the libvirt networks a private network joins are looked up; default <c>qemu:///system</c>.</summary>
    public string? LibvirtUri { get; set; }

    /// <summary>The base merge leaves get-only members alone; a later layer's variables win one by one, as Vagrant's env hash merges.</summary>
    public override void Merge(ConfigSection other)
    {
        base.Merge(other);
        foreach (var (key, value) in ((PodmanConfig)other).Env)
        {
            Env[key] = value;
        }
    }

    public override void FinalizeDefaults()
    {
        Privileged ??= false;
        LibvirtUri ??= "qemu:///system";
    }

    public override void Validate(ValidationErrors errors)
    {
        void Error(string setting, string message) => errors.Add("podman provider", "podman." + setting, message);

        if (string.IsNullOrWhiteSpace(Image) && string.IsNullOrWhiteSpace(ImageArchive))
        {
            Error("image", "the podman provider needs an image: set podman.image (an image in the local podman store) or podman.image_archive (a `podman save` archive to load)");
        }

        if (!string.IsNullOrWhiteSpace(ImageArchive) && !errors.IsFile(ImageArchive))
        {
            Error("image_archive", $"{UserText.Quote(ImageArchive)} is not a file (resolved against the project directory: {errors.ProjectPath(ImageArchive)})");
        }

        if (Cmd is { Length: 0 })
        {
            Error("cmd", "is empty: give the command and its arguments, or leave it unset for `sleep infinity`");
        }

        if (ContainerName is not null && !ContainerNameRule().IsMatch(ContainerName))
        {
            Error("container_name", $"{UserText.Quote(ContainerName)} is not a container name: letters, digits, '_', '.' and '-', starting with a letter or digit");
        }

        foreach (var key in Env.Keys.Where(k => k.Length == 0 || k.Contains('=') || k.Contains('\0')))
        {
            Error("env", $"{UserText.Quote(key)} is not an environment variable name");
        }

        if (Network is { Length: 0 })
        {
            Error("network", "is empty: name a podman network mode (none, host, a network), or leave it unset");
        }

        if (LibvirtUri is { Length: 0 })
        {
            Error("libvirt_uri", "is empty: give a libvirt URI such as qemu:///system");
        }
    }

    /// <summary>
    /// What the machine's config asks of a container: private networks need a static IPv4 address (they join a libvirt
    /// network by it) and podman's own networking off; public networks have no container equivalent here.
    /// </summary>
    public override void ValidateMachine(RootConfig machine, ValidationErrors errors)
    {
        var privateNetworks = machine.Vm.Network.Networks.Where(n => n.Kind == NetworkKind.Private).ToList();
        foreach (var network in privateNetworks)
        {
            if (network.Type == "dhcp" || network.Ip is null)
            {
                errors.Add("podman provider", "vm.network \"private_network\"", "a podman container joins a private network by a static IP: give ip: (type: \"dhcp\" is not supported)");
            }
            else if (!IpRules.TryParse(network.Ip, out var address) || address.AddressFamily != System.Net.Sockets.AddressFamily.InterNetwork)
            {
                errors.Add("podman provider", "vm.network \"private_network\"", $"{UserText.Quote(network.Ip)}: a podman container joins a private network by an IPv4 address");
            }
        }

        if (privateNetworks.Count > 0 && Network is not null and not "none")
        {
            errors.Add("podman provider", "podman.network", $"is {UserText.Quote(Network)}, but the machine has a private network: leave podman.network unset or \"none\" (the private network's interface replaces podman's)");
        }

        if (machine.Vm.Network.Networks.Any(n => n.Kind == NetworkKind.Public))
        {
            errors.Add("podman provider", "vm.network \"public_network\"", "the podman provider has no public networks; use a private_network with a static IP on a libvirt network");
        }

        if (machine.Vm.Network.Networks.Any(n => n.Kind == NetworkKind.ForwardedPort) && (Network == "none" || privateNetworks.Count > 0))
        {
            errors.Add("podman provider", "vm.network \"forwarded_port\"", "a container without podman's networking (podman.network \"none\", or a private network) cannot publish ports; drop the forwarded ports or the private network");
        }
    }

    [System.Text.RegularExpressions.GeneratedRegex("^[a-zA-Z0-9][a-zA-Z0-9_.-]*$")]
    private static partial System.Text.RegularExpressions.Regex ContainerNameRule();
}
