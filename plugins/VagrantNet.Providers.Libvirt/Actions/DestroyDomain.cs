using VagrantNet.Providers.Libvirt.Driver;
using VagrantNet.Sdk.Pipeline;

namespace VagrantNet.Providers.Libvirt.Actions;

/// <summary>Powers off and undefines the domain, then deletes its volumes (never the shared box image).</summary>
public sealed class DestroyDomain : IAction
{
    public async Task InvokeAsync(ActionContext context, ActionDelegate next)
    {
        var provider = context.Provider();
        using (var domain = provider.FindDomain())
        {
            if (domain is not null)
            {
                context.Ui.Info("Removing domain...");
                var disks = provider.DiskPaths(domain);
                context.Set(LibvirtKeys.DomainNetworks, provider.NetworkNames(domain));
                if (domain.IsActive())
                {
                    domain.Destroy();
                }

                LibvirtDriver.Undefine(domain);
                DeleteVolumes(context, disks);
            }
        }

        await next(context).ConfigureAwait(false);
    }

    private static void DeleteVolumes(ActionContext context, IReadOnlyList<string> paths)
    {
        var config = context.LibvirtConfig();
        using var pool = context.Driver().Connection.TryLookupStoragePool(config.StoragePoolName!);
        if (pool is null)
        {
            return;
        }

        // No refresh: the volumes vnet made are known to libvirt, and a refresh would stall other machines' pool calls.
        foreach (var volume in pool.ListAllVolumes())
        {
            using (volume)
            {
                if (paths.Contains(volume.GetPath()) && !volume.Name.Contains("_vagrant_box_image_", StringComparison.Ordinal))
                {
                    context.Ui.Detail($"Deleting volume {volume.Name}");
                    volume.Delete();
                }
            }
        }
    }
}
