using VagrantNet.Sdk.Pipeline;

namespace VagrantNet.Providers.Libvirt.Actions;

/// <summary>
/// Whether the machine has a box. A box-less machine (vagrant-libvirt's "no box": an installer ISO, a PXE boot) gets
/// no box image and nothing vnet would log into: it is created, started, halted and destroyed, and left to boot alone.
/// </summary>
public sealed class HasBox : ICondition
{
    public Task<bool> EvaluateAsync(ActionContext context) => Task.FromResult(Of(context.Machine.Config));

    /// <summary>Whether <paramref name="machine"/>'s config names a box.</summary>
    public static bool Of(Sdk.Config.RootConfig machine) => !string.IsNullOrWhiteSpace(machine.Vm.Box);
}
