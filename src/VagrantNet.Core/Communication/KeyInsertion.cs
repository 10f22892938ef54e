using VagrantNet.Sdk.Machines;
using VagrantNet.Sdk.Plugins;

namespace VagrantNet.Core.Communication;

/// <summary>
/// Replaces Vagrant's insecure key with a keypair of the machine's own, as Vagrant does on the first
/// connection: the new public key goes into the guest's authorized_keys, the private one into
/// <c>DataDirectory/private_key</c> (0600), then the insecure key is removed from the guest.
/// </summary>
public static class KeyInsertion
{
    public const string PrivateKeyFile = "private_key";

    /// <summary>
    /// Whether to insert a key now: <c>ssh.insert_key</c> is on, the user named no key of their own, the
    /// machine has no key yet, and the connection used an insecure key (or a password alone).
    /// </summary>
    public static bool Needed(IMachine machine, SshInfo info)
    {
        var ssh = machine.Config.Ssh;
        if (ssh.InsertKey == false || ssh.PrivateKeyPath is { Length: > 0 } || File.Exists(Path.Combine(machine.DataDirectory, PrivateKeyFile)))
        {
            return false;
        }

        var insecure = machine.Host.InsecurePrivateKeyPaths.Select(Path.GetFullPath).ToHashSet(StringComparer.Ordinal);
        var keys = info.PrivateKeyPaths.Where(File.Exists).Select(Path.GetFullPath).ToList();
        return keys.Any(insecure.Contains) || (keys.Count == 0 && info.Password is not null);
    }

    public static async Task RunAsync(IMachine machine, CancellationToken cancellation)
    {
        machine.Ui.Detail("Vagrant's insecure key was used to log in; vnet replaces it with a new key for this machine.");
        var (privateKey, publicKey) = await KeyGen.Ed25519Async(machine.Host.Processes, $"vnet {machine.Name}", cancellation).ConfigureAwait(false);
        machine.Ui.Detail("Inserting the new public key into the guest...");
        await machine.Guest.InvokeAsync(GuestCapabilitiesWellKnown.InsertPublicKey, publicKey, cancellation).ConfigureAwait(false);
        machine.WriteState(PrivateKeyFile, privateKey, UnixFileMode.UserRead | UnixFileMode.UserWrite);

        machine.Ui.Detail("Removing the insecure key from the guest, if it is there...");
        foreach (var insecure in machine.Host.InsecurePrivateKeyPaths)
        {
            var insecurePublic = await KeyGen.PublicKeyOfAsync(machine.Host.Processes, insecure, cancellation).ConfigureAwait(false);
            await machine.Guest.InvokeAsync(GuestCapabilitiesWellKnown.RemovePublicKey, insecurePublic, cancellation).ConfigureAwait(false);
        }

        machine.Ui.Detail("Key inserted. Reconnecting with the new key...");
    }
}
