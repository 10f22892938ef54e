using VagrantNet.Providers.Libvirt.CloudInit;
using VagrantNet.Providers.Libvirt.Xml;
using VagrantNet.Sdk.Pipeline;

namespace VagrantNet.Providers.Libvirt.Actions;

/// <summary>
/// When the machine has <c>config.Vm.CloudInit</c> user data, writes its NoCloud seed image into the storage pool as
/// <c>&lt;domain&gt;-cidata.iso</c>, for <see cref="CreateDomain"/> to attach as a read-only CD. Destroy removes it
/// with the domain's other volumes; the creation journal lists it, so a failed <c>up</c> does too.
/// </summary>
public sealed class CreateCloudInitSeed : IAction
{
    public async Task InvokeAsync(ActionContext context, ActionDelegate next)
    {
        var machine = context.Machine;
        var parts = machine.Config.Vm.CloudInit.Parts;
        if (parts.Count > 0)
        {
            var domainName = context.Get(LibvirtKeys.DomainName);

            // A new instance id for each domain created, so cloud-init runs again on a re-created machine.
            var seed = NoCloudSeed.For(parts, $"{domainName}-{Guid.NewGuid().ToString("N")[..8]}", machine.Config.Vm.Hostname ?? machine.Name,
                path => File.ReadAllText(Path.Combine(machine.ProjectDirectory, path)));
            var iso = Path.Combine(machine.Host.TempDirectory, $"{domainName}-cidata-{Environment.ProcessId}.iso");
            try
            {
                context.Ui.Info("Creating the cloud-init seed (NoCloud, label cidata)...");
                await seed.WriteIsoAsync(machine.Host.Processes, iso, machine.Name, context.Cancellation).ConfigureAwait(false);
                context.Set(LibvirtKeys.CloudInitSeedPath, Upload(context, domainName + "-cidata.iso", iso));
            }
            finally
            {
                File.Delete(iso);
            }
        }

        await next(context).ConfigureAwait(false);
    }

    private static string Upload(ActionContext context, string name, string iso)
    {
        var config = context.LibvirtConfig();
        using var pool = context.Driver().EnsurePool(config.StoragePoolName!, config.StoragePoolPath!);
        using (var stale = pool.TryLookupVolume(name))
        {
            // Left by a failed earlier attempt: the domain name is free, so nothing uses it.
            stale?.Delete();
        }

        var length = new FileInfo(iso).Length;
        context.Get(LibvirtKeys.Journal).RecordVolume(name);
        using var volume = pool.CreateVolume(VolumeXmlBuilder.Volume(name, (ulong)length, "raw").ToString());
        using (var source = File.OpenRead(iso))
        {
            volume.Upload(source, length, null, context.Cancellation);
        }

        return volume.GetPath();
    }
}
