using VagrantNet.Providers.Libvirt.Interop;
using VagrantNet.Sdk.Pipeline;

namespace VagrantNet.Providers.Libvirt.Actions;

/// <summary>Whether the domain is suspended: paused in memory, or shut off with a managed-save image.</summary>
public sealed class IsSuspended : ICondition
{
    public Task<bool> EvaluateAsync(ActionContext context)
    {
        var driver = context.Driver();
        var state = driver.CurrentState();
        if (state == DomainState.Paused)
        {
            return Task.FromResult(true);
        }

        using var domain = driver.FindDomain();
        return Task.FromResult(state == DomainState.Shutoff && domain?.HasManagedSaveImage() == true);
    }
}
