using VagrantNet.Sdk.Plugins;

namespace VagrantNet.Core.Communication;

/// <summary>SSH keypairs through the host's <c>ssh-keygen</c>.</summary>
public static class KeyGen
{
    /// <summary>A fresh ed25519 keypair: the private key (OpenSSH format) and the public key line.</summary>
    public static async Task<(string PrivateKey, string PublicKey)> Ed25519Async(IProcessRunner processes, string comment, CancellationToken cancellation)
    {
        var directory = Directory.CreateTempSubdirectory("vnet-key-");
        try
        {
            var path = Path.Combine(directory.FullName, "key");
            var result = await processes.RunAsync(new ProcessRequest("ssh-keygen", ["-q", "-t", "ed25519", "-N", string.Empty, "-C", comment, "-f", path]), cancellation).ConfigureAwait(false);
            if (result.ExitCode != 0)
            {
                throw new VnetException($"ssh-keygen could not create a key (exit {result.ExitCode}): {result.Stderr.Trim()}");
            }

            return (await File.ReadAllTextAsync(path, cancellation).ConfigureAwait(false), (await File.ReadAllTextAsync(path + ".pub", cancellation).ConfigureAwait(false)).Trim());
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    /// <summary>The public key line of a private key file.</summary>
    public static async Task<string> PublicKeyOfAsync(IProcessRunner processes, string privateKeyPath, CancellationToken cancellation)
    {
        var result = await processes.RunAsync(new ProcessRequest("ssh-keygen", ["-y", "-f", privateKeyPath]), cancellation).ConfigureAwait(false);
        return result.ExitCode == 0
            ? result.Stdout.Trim()
            : throw new VnetException($"ssh-keygen could not read the public key of {privateKeyPath} (exit {result.ExitCode}): {result.Stderr.Trim()}");
    }
}
