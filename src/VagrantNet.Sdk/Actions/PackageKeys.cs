using VagrantNet.Sdk.Pipeline;

namespace VagrantNet.Sdk.Actions;

/// <summary>
/// What <c>vnet package</c> hands the provider's <c>package</c> action. The command owns the box file (its Vagrantfile,
/// included files, the tar and its atomic rename); the provider only fills <see cref="Directory"/> with its part: the
/// machine's disk images and <c>metadata.json</c>, as Vagrant splits its Package action from a provider's PackageDomain.
/// </summary>
public static class PackageKeys
{
    /// <summary>An empty directory on this host, to hold the provider's box files; the command removes it afterwards.</summary>
    public static readonly ActionKey<string> Directory = new("package_directory");
}
