using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace VagrantNet.Core.Communication;

/// <summary>
/// Pins a machine's SSH host key in its own known_hosts file (OpenSSH format, so the system
/// <c>ssh</c> and <c>rsync</c> can use the same file). The first key seen is written; later a
/// different key is refused, unless the file was removed (the provider removes it when it re-creates
/// the machine). The key is the machine's, whatever address it has now: a known key seen at a new
/// address gets a line for that address too.
/// </summary>
public sealed class HostKeyPin(string? knownHostsFile, string machineName)
{
    private static readonly Lock Gate = new();

    public string? File => knownHostsFile;

    /// <summary>Null when <paramref name="hostKey"/> (SSH wire format) is acceptable for host:port, else why not.</summary>
    public string? Check(string host, int port, byte[] hostKey)
    {
        if (knownHostsFile is null)
        {
            return null;
        }

        var type = KeyType(hostKey);
        var blob = Convert.ToBase64String(hostKey);
        var pattern = Pattern(host, port);
        lock (Gate)
        {
            var entries = Read(knownHostsFile);
            if (entries.Count == 0)
            {
                Append(knownHostsFile, $"{pattern} {type} {blob}");
                return null;
            }

            if (entries.Any(e => e.Type == type && e.Blob == blob))
            {
                if (!entries.Any(e => e.Blob == blob && e.Patterns.Contains(pattern)))
                {
                    Append(knownHostsFile, $"{pattern} {type} {blob}");
                }

                return null;
            }

            return $"The SSH host key of machine '{machineName}' ({host}:{port}) changed: it is now {type} {Fingerprint(hostKey)}, " +
                   $"which is not the key pinned in {knownHostsFile}. Someone may be intercepting the connection, or the machine " +
                   $"was re-created outside vnet; if you know it was, remove that file and try again.";
        }
    }

    /// <summary>The known_hosts pattern OpenSSH uses for host:port.</summary>
    public static string Pattern(string host, int port) => port == 22 ? host : $"[{host}]:{port}";

    /// <summary>OpenSSH's SHA256 fingerprint of a wire-format public key.</summary>
    public static string Fingerprint(byte[] key) => "SHA256:" + Convert.ToBase64String(SHA256.HashData(key)).TrimEnd('=');

    /// <summary>The algorithm name at the head of a wire-format public key (<c>ssh-ed25519</c>, <c>ssh-rsa</c>, ...).</summary>
    public static string KeyType(byte[] key)
    {
        if (key.Length < 4)
        {
            throw new VnetException("The SSH server sent a malformed host key.");
        }

        var length = BinaryPrimitives.ReadInt32BigEndian(key);
        return length <= 0 || length > key.Length - 4
            ? throw new VnetException("The SSH server sent a malformed host key.")
            : Encoding.ASCII.GetString(key, 4, length);
    }

    private static List<(string[] Patterns, string Type, string Blob)> Read(string path)
    {
        if (!System.IO.File.Exists(path))
        {
            return [];
        }

        var entries = new List<(string[], string, string)>();
        foreach (var line in System.IO.File.ReadAllLines(path))
        {
            var fields = line.Split((char[])[' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length < 3 || fields[0].StartsWith('#') || fields[0].StartsWith('@'))
            {
                continue;
            }

            entries.Add((fields[0].Split(','), fields[1], fields[2]));
        }

        return entries;
    }

    private static void Append(string path, string line)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        System.IO.File.AppendAllText(path, line + "\n");
    }
}
