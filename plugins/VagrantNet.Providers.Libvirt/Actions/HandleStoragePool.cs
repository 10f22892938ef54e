using VagrantNet.Sdk.Pipeline;

namespace VagrantNet.Providers.Libvirt.Actions;

/// <summary>Makes sure the storage pool exists and is active, creating a directory pool when missing.</summary>
public sealed class HandleStoragePool : IAction
{
    public async Task InvokeAsync(ActionContext context, ActionDelegate next)
    {
        var config = context.LibvirtConfig();
        await using (await context.Machine.Host.LockAsync("libvirt-pool-" + config.StoragePoolName, TimeSpan.FromMinutes(1), context.Cancellation).ConfigureAwait(false))
        {
            using var pool = context.Driver().EnsurePool(config.StoragePoolName!, config.StoragePoolPath!);
        }

        await next(context).ConfigureAwait(false);
    }
}
