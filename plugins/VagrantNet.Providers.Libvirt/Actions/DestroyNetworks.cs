using VagrantNet.Sdk.Pipeline;

namespace VagrantNet.Providers.Libvirt.Actions;

/// <summary>Removes the networks this machine created (listed in <c>created_networks</c>) that no other domain uses.</summary>
public sealed class DestroyNetworks : IAction
{
    public async Task InvokeAsync(ActionContext context, ActionDelegate next)
    {
        var created = (context.Machine.ReadState("created_networks") ?? string.Empty).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        if (created.Length > 0)
        {
            var driver = context.Driver();
            await using (await context.Machine.Host.LockAsync("libvirt-networks", TimeSpan.FromMinutes(2), context.Cancellation).ConfigureAwait(false))
            {
                var inUse = driver.NetworksInUse(exceptDomain: null);
                foreach (var name in created.Where(n => !inUse.Contains(n)))
                {
                    using var network = driver.FindNetwork(name);
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
