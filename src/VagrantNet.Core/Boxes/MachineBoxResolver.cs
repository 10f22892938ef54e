using Microsoft.Extensions.Logging;
using VagrantNet.Core.Environment;
using VagrantNet.Sdk.Machines;

namespace VagrantNet.Core.Boxes;

/// <summary>Finds a machine's box in the store, adding it from <c>vm.box_url</c> or its catalog when missing, as <c>vagrant up</c> does.</summary>
public sealed class MachineBoxResolver(BoxCollection store, ILogger? logger = null) : IBoxResolver
{
    public async Task<BoxInfo> ResolveAsync(IMachine machine, CancellationToken cancellation)
    {
        var vm = machine.Config.Vm;
        var name = vm.Box ?? throw new VnetException($"Machine '{machine.Name}' has no vm.box configured.");
        var architecture = vm.BoxArchitecture ?? BoxNames.DefaultArchitecture;
        if (store.Find(name, vm.BoxVersion, machine.ProviderName, architecture) is { } found)
        {
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
}
