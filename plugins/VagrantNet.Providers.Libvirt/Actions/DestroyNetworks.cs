using VagrantNet.Sdk.Pipeline;

namespace VagrantNet.Providers.Libvirt.Actions;

/// <summary>
/// Removes the networks vnet created that the destroyed domain used and no other domain uses: those this
/// machine created (<c>created_networks</c>) and those another machine created and left to it.
/// </summary>
public sealed class DestroyNetworks : IAction
{
    public async Task InvokeAsync(ActionContext context, ActionDelegate next)
    {
        var driver = context.Driver();
        var registry = driver.CreatedNetworks;
        var ownState = (context.Machine.ReadState("created_networks") ?? string.Empty).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var used = context.GetOrDefault(LibvirtKeys.DomainNetworks, []) ?? [];
        var created = ownState.Concat(used.Where(registry.Contains)).Distinct().ToList();
        if (created.Count > 0)
        {
            await using (await context.Machine.Host.LockAsync("libvirt-networks", TimeSpan.FromMinutes(2), context.Cancellation).ConfigureAwait(false))
            {
                var inUse = driver.NetworksInUse(exceptDomain: null);
                foreach (var name in created.Where(n => !inUse.Contains(n)))
                {
                    using var network = driver.FindNetwork(name);
                    registry.Remove(name);
                    if (network is null)
                    {
                        continue;
                    }

                    context.Ui.Detail($"Removing network {name}");
                    if (network.IsActive())
                    {
                        network.Destroy();
                    }

                    network.Undefine();
                }
            }
        }

        await next(context).ConfigureAwait(false);
    }
}
