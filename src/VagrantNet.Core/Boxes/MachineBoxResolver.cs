using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using VagrantNet.Core.Environment;
using VagrantNet.Sdk.Machines;

namespace VagrantNet.Core.Boxes;

/// <summary>
/// Finds a machine's box in the store, adding it from <c>vm.box_url</c> or its catalog when missing, as <c>vagrant up</c> does;
/// an installed box from a catalog is checked for a newer version unless <c>vm.BoxCheckUpdate</c> is false.
/// </summary>
public sealed class MachineBoxResolver(BoxCollection store, ILogger? logger = null) : IBoxResolver
{
    public async Task<BoxInfo> ResolveAsync(IMachine machine, CancellationToken cancellation)
    {
        var vm = machine.Config.Vm;
        var name = vm.Box ?? throw new VnetException($"Machine '{machine.Name}' has no vm.box configured.");
        var architecture = vm.BoxArchitecture ?? BoxNames.DefaultArchitecture;
        if (store.Find(name, vm.BoxVersion, machine.ProviderName, architecture) is { } found)
        {
            if (vm.BoxCheckUpdate != false)
            {
                await CheckOutdatedAsync(machine, found, cancellation).ConfigureAwait(false);
            }

            return found;
        }

        machine.Ui.Info($"Box '{name}' could not be found. Attempting to find and install...");
        var request = new BoxAddRequest(vm.BoxUrl is { Length: > 0 } urls ? urls : [name])
        {
            Name = name,
            VersionConstraint = vm.BoxVersion,
            Provider = machine.ProviderName,
            Architecture = architecture,
            Checksum = vm.BoxDownloadChecksum,
            ChecksumType = vm.BoxDownloadChecksumType,
            Insecure = vm.BoxDownloadInsecure ?? false,
            CaCert = vm.BoxDownloadCaCert,
            ReuseInstalled = true,
        };
        await new BoxAdder(store, logger).AddAsync(request, machine.Ui, cancellation).ConfigureAwait(false);
        return store.Find(name, vm.BoxVersion, machine.ProviderName, architecture)
            ?? throw new VnetException($"Box '{name}' was added, but not for provider '{machine.ProviderName}' and architecture '{architecture}' matching '{vm.BoxVersion ?? ">= 0"}'.");
    }

    /// <summary>
    /// Vagrant's BoxCheckOutdated on <c>up</c>: one notice when the box's catalog has a newer version within <c>vm.BoxVersion</c>.
    /// A box added from a file has no catalog and is not checked. A catalog that cannot be read is a warning: the
    /// machine is still created from the box that is installed.
    /// </summary>
    private async Task CheckOutdatedAsync(IMachine machine, BoxInfo box, CancellationToken cancellation)
    {
        if (store.MetadataUrl(box.Name) is null)
        {
            return;
        }

        var vm = machine.Config.Vm;
        machine.Ui.Info(BoxUpdateCheck.CheckingLine(box));
        using var updates = new BoxUpdates(store, vm.BoxDownloadInsecure ?? false, vm.BoxDownloadCaCert, logger ?? NullLogger.Instance);
        var check = await updates.CheckAsync(box, vm.BoxVersion, cancellation).ConfigureAwait(false);
        if (check.Error is { } error)
        {
            machine.Ui.Warn($"The catalog of box '{box.Name}' could not be read to check for updates; this is a warning, not an error, and the installed version '{box.Version}' is used. The problem was: {error}");
        }
        else if (check.IsOutdated)
        {
            machine.Ui.Warn(check.NewerVersionLine());
        }
    }
}
