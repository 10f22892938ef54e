using VagrantNet.Core.Communication;
using VagrantNet.Sdk.Config;
using VagrantNet.Sdk.Machines;
using VagrantNet.Sdk.Plugins;

namespace VagrantNet.Core.Provisioners;

/// <summary>
/// The <c>file</c> provisioner: uploads a host file to <c>destination</c>, or a host directory's contents
/// into <c>destination</c> (created), as the SSH user. A leading <c>~</c> in the destination is the
/// guest user's home.
/// </summary>
public sealed class FileProvisioner : IProvisioner
{
    public async Task ProvisionAsync(IMachine machine, ProvisionerDefinition definition, CancellationToken cancellation)
    {
        var config = definition.Config as FileProvisionerConfig
            ?? throw new VnetException($"The file provisioner '{definition.Name ?? definition.Type}' has no file configuration.");
        var source = Path.GetFullPath(ExpandHostHome(config.Source), machine.ProjectDirectory);
        var destination = config.Destination;
        if (destination.StartsWith('~'))
        {
            destination = await machine.Guest.InvokeAsync(GuestCapabilitiesWellKnown.ShellExpandGuestPath, destination, cancellation).ConfigureAwait(false);
        }

        var communicator = machine.Communicator;
        if (Directory.Exists(source))
        {
            await communicator.ExecuteAsync($"mkdir -p {ShellQuote.Quote(destination)}", null, cancellation).ConfigureAwait(false);
        }
        else if (File.Exists(source))
        {
            var parent = destination.Contains('/') ? destination[..destination.TrimEnd('/').LastIndexOf('/')] : ".";
            if (parent.Length > 0)
            {
                await communicator.ExecuteAsync($"mkdir -p {ShellQuote.Quote(parent)}", null, cancellation).ConfigureAwait(false);
            }
        }
        else
        {
            throw new VnetException($"Machine '{machine.Name}': the file provisioner's source was not found: {source}");
        }

        machine.Ui.Detail($"{source} => {destination}");
        await communicator.UploadAsync(source, destination, cancellation).ConfigureAwait(false);
    }

    private static string ExpandHostHome(string path) =>
        path == "~" || path.StartsWith("~/", StringComparison.Ordinal)
            ? System.Environment.GetFolderPath(System.Environment.SpecialFolder.UserProfile) + path[1..]
            : path;
}
