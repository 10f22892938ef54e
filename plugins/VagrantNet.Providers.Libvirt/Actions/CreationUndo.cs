using VagrantNet.Providers.Libvirt.Driver;
using VagrantNet.Sdk.Pipeline;

namespace VagrantNet.Providers.Libvirt.Actions;

/// <summary>
/// Undoes a creation from its journal: whatever of the listed domain, volumes and networks exists goes, then every
/// state file the attempt wrote (id, keys, known_hosts, sentinels), so the next <c>up</c> starts from the box as if
/// nothing had happened. Objects are matched by what vnet recorded (the domain's and networks' UUIDs), never by name
/// alone, so a same-named object someone else made is left alone. Safe to run twice: each piece is looked up first.
/// </summary>
internal static class CreationUndo
{
    public static async Task RunAsync(ActionContext context, CreationJournal journal)
    {
        var machine = context.Machine;
        var driver = context.Driver();

        // Ports forwarded to the guest (a failure after ForwardPorts, in provisioning say) go with it.
        await machine.Host.PortForwarder.StopAsync(machine, CancellationToken.None).ConfigureAwait(false);
        using (var domain = driver.FindDomain(journal.DomainUuid))
        {
            if (domain is not null)
            {
                context.Ui.Detail($"Removing domain {journal.DomainName}");
                if (domain.IsActive())
                {
                    domain.Destroy();
                }

                // An NVRAM file at a path the user gave is theirs, as vagrant-libvirt keeps it.
                LibvirtDriver.Undefine(domain, keepNvram: context.LibvirtConfig().Nvram is not null);
            }
        }

        DeleteVolumes(context, journal);
        await DeleteNetworksAsync(context, journal, CancellationToken.None).ConfigureAwait(false);

        machine.Id = null;
        machine.DeleteAllState();
    }

    private static void DeleteVolumes(ActionContext context, CreationJournal journal)
    {
        if (journal.Volumes.Count == 0)
        {
            return;
        }

        using var pool = context.Driver().FindPool(journal.Pool);
        foreach (var name in journal.Volumes)
        {
            using var volume = pool?.TryLookupVolume(name);
            if (volume is not null)
            {
                context.Ui.Detail($"Deleting volume {name}");
                volume.Delete();
            }
        }
    }

    /// <summary>
    /// Removes the journal's networks that no other domain uses, and forgets those that are gone. Each is found by the
    /// UUID vnet gave it, so a same-named network someone else made is left alone. Also how destroy removes networks.
    /// </summary>
    public static async Task DeleteNetworksAsync(ActionContext context, CreationJournal journal, CancellationToken cancellation)
    {
        if (journal.Networks.Count == 0)
        {
            return;
        }

        var driver = context.Driver();
        await using (await context.Machine.Host.LockAsync("libvirt-networks", TimeSpan.FromMinutes(2), cancellation).ConfigureAwait(false))
        {
            var inUse = driver.NetworksInUse(exceptDomain: journal.DomainName);
            foreach (var (name, uuid) in journal.Networks)
            {
                using var network = driver.FindNetworkByUuid(uuid);
                if (network is not null)
                {
                    if (inUse.Contains(name))
                    {
                        // A sibling machine uses it; the last one out removes it.
                        continue;
                    }

                    context.Ui.Detail($"Removing network {name}");
                    if (network.IsActive())
                    {
                        network.Destroy();
                    }

                    network.Undefine();
                }

                driver.CreatedNetworks.Remove(uuid);
            }
        }
    }
}
