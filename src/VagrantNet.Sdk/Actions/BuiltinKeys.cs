using VagrantNet.Sdk.Machines;
using VagrantNet.Sdk.Pipeline;

namespace VagrantNet.Sdk.Actions;

/// <summary>Pipeline values the built-in steps read; commands set them from their flags.</summary>
public static class BuiltinKeys
{
    /// <summary>
    /// Whether to provision: null follows Vagrant's rule (first <c>up</c> of a machine, then only
    /// <c>run: always</c> ones), true is <c>--provision</c> (or <c>vnet provision</c>), false is <c>--no-provision</c>.
    /// </summary>
    public static readonly ActionKey<bool?> Provision = new("provision");

    /// <summary><c>--provision-with a,b</c>: only these provisioners run, named by name or by type; implies provisioning.</summary>
    public static readonly ActionKey<IReadOnlyList<string>> ProvisionWith = new("provision_with");

    /// <summary>The machine's box, set by <see cref="HandleBox"/> for the steps that import or use it.</summary>
    public static readonly ActionKey<BoxInfo> Box = new("box");
}
