using System.Globalization;
using VagrantNet.Sdk.Machines;

namespace VagrantNet.Cli.Commands;

/// <summary>The system <c>ssh</c> command line for a machine, with Vagrant's options.</summary>
internal static class SshArguments
{
    public static IReadOnlyList<string> For(SshInfo info, bool tty, string? command, IReadOnlyList<string> extra)
    {
        var args = new List<string>
        {
            $"{info.Username}@{info.Host}",
            "-p", info.Port.ToString(CultureInfo.InvariantCulture),
            "-o", "LogLevel=FATAL",
            "-o", "Compression=yes",
            "-o", "IdentitiesOnly=yes",
            "-o", "StrictHostKeyChecking=no",
            "-o", "UserKnownHostsFile=/dev/null",
            "-o", "PubkeyAcceptedKeyTypes=+ssh-rsa",
            "-o", "HostKeyAlgorithms=+ssh-rsa",
        };
        foreach (var key in info.PrivateKeyPaths)
        {
            args.Add("-i");
            args.Add(key);
        }

        if (info.ForwardAgent)
        {
            args.Add("-A");
        }

        if (info.ForwardX11)
        {
            args.Add("-X");
        }

        if (info.ProxyCommand is not null)
        {
            args.Add("-o");
            args.Add("ProxyCommand=" + info.ProxyCommand);
        }

        if (tty)
        {
            args.Add("-t");
        }

        // As Vagrant: the Vagrantfile's ssh.ExtraArgs, then the words after `--`, last before the command, so either can
        // add options that ssh reads in order (a later -o does not override an earlier one, so vnet's own come first).
        args.AddRange(info.ExtraArgs);
        args.AddRange(extra);
        if (command is not null)
        {
            args.Add("--");
            args.Add(command);
        }

        return args;
    }

    /// <summary>Vagrant's <c>ssh-config</c> block for one machine.</summary>
    public static string Config(string host, SshInfo info)
    {
        var lines = new List<string>
        {
            $"Host {host}",
            $"  HostName {info.Host}",
            $"  User {info.Username}",
            $"  Port {info.Port}",
            "  UserKnownHostsFile /dev/null",
            "  StrictHostKeyChecking no",
            "  PasswordAuthentication no",
        };
        lines.AddRange(info.PrivateKeyPaths.Select(k => $"  IdentityFile {(k.Contains(' ') ? "\"" + k + "\"" : k)}"));
        lines.Add("  IdentitiesOnly yes");
        lines.Add("  LogLevel FATAL");
        if (info.ForwardAgent)
        {
            lines.Add("  ForwardAgent yes");
        }

        if (info.ForwardX11)
        {
            lines.Add("  ForwardX11 yes");
        }

        if (info.ProxyCommand is not null)
        {
            lines.Add($"  ProxyCommand {info.ProxyCommand}");
        }

        lines.Add("  PubkeyAcceptedKeyTypes +ssh-rsa");
        lines.Add("  HostKeyAlgorithms +ssh-rsa");
        return string.Join('\n', lines) + "\n";
    }
}
