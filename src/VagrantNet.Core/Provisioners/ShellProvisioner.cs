using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using VagrantNet.Core.Communication;
using VagrantNet.Sdk.Config;
using VagrantNet.Sdk.Machines;
using VagrantNet.Sdk.Plugins;

namespace VagrantNet.Core.Provisioners;

/// <summary>
/// The <c>shell</c> provisioner: uploads the inline text or the host script to <c>upload_path</c>, runs it
/// (through sudo unless <c>privileged: false</c>) with <c>env</c> exported and <c>args</c> appended, and
/// streams its output with the machine's prefix. A non-zero exit fails with the status and the
/// provisioner's name. <c>sensitive</c> keeps the script, the command and the env values out of the
/// logs and masks the values in the output.
/// </summary>
public sealed partial class ShellProvisioner : IProvisioner
{
    private const string Mask = "*****";

    public async Task ProvisionAsync(IMachine machine, ProvisionerDefinition definition, CancellationToken cancellation)
    {
        var config = definition.Config as ShellProvisionerConfig
            ?? throw new VnetException($"The shell provisioner '{definition.Name ?? definition.Type}' has no shell configuration.");
        await RunAsync(machine, config, $"the shell provisioner '{definition.Name ?? definition.Type}'", [0], cancellation).ConfigureAwait(false);
    }

    /// <summary>
    /// Runs <paramref name="config"/>'s script; an exit code outside <paramref name="success"/> fails naming
    /// <paramref name="what"/> (also used by triggers' <c>run_remote</c>, whose <c>exit_codes</c> may accept others).
    /// </summary>
    public async Task RunAsync(IMachine machine, ShellProvisionerConfig config, string what, IReadOnlyCollection<int> success, CancellationToken cancellation)
    {
        var name = what;
        foreach (var key in config.Env.Keys.Where(k => !EnvName().IsMatch(k)))
        {
            throw new VnetException($"{UpperFirst(name)}: '{key}' is not a valid environment variable name.");
        }

        var (content, label) = Script(machine, config);
        var secrets = config.Sensitive ? config.Env.Values.Where(v => v.Length > 0).OrderByDescending(v => v.Length).ToList() : [];
        machine.Ui.Detail($"Running: {label}");

        var communicator = machine.Communicator;
        var remote = config.UploadPath;
        var local = Path.Combine(Path.GetTempPath(), $"vnet-shell-{Guid.NewGuid():N}");
        try
        {
            await using (var file = new FileStream(local, new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute }))
            {
                await file.WriteAsync(content, cancellation).ConfigureAwait(false);
            }

            try
            {
                await communicator.UploadAsync(local, remote, cancellation).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // An earlier script at upload_path that the SSH user cannot overwrite (another user's, in /tmp): remove it first.
                machine.Logger.LogDebug("Upload to {Path} failed ({Error}); removing the old file and retrying", remote, e.Message);
                await communicator.ExecuteAsync($"rm -f {ShellQuote.Quote(remote)}", new ExecuteOptions { Sudo = true, ErrorOnFailure = false }, cancellation).ConfigureAwait(false);
                await communicator.UploadAsync(local, remote, cancellation).ConfigureAwait(false);
            }
        }
        finally
        {
            File.Delete(local);
        }

        var exit = await communicator.ExecuteAsync(
            Command(config),
            new ExecuteOptions
            {
                Sudo = config.Privileged,
                ErrorOnFailure = false,
                Sensitive = config.Sensitive,
                OnStdout = line => machine.Ui.Output(Scrub(line, secrets)),
                OnStderr = line => machine.Ui.Output(Scrub(line, secrets), isError: true),
            },
            cancellation).ConfigureAwait(false);
        if (!success.Contains(exit))
        {
            throw new VnetException(
                $"Machine '{machine.Name}': {name} failed: {label} exited with status {exit}. " +
                "Its output is shown above.");
        }

        if (config.Reset)
        {
            await communicator.ResetAsync().ConfigureAwait(false);
        }

        if (config.Reboot)
        {
            machine.Ui.Detail("Rebooting the machine as the provisioner asks...");
            await machine.Guest.InvokeAsync(GuestCapabilitiesWellKnown.Reboot, cancellation).ConfigureAwait(false);
        }
    }

    /// <summary>The command that runs the uploaded script: env exported, then the script with its arguments.</summary>
    public static string Command(ShellProvisionerConfig config)
    {
        var path = ShellQuote.Quote(config.UploadPath);
        var command = new StringBuilder($"chmod +x {path} && ");
        foreach (var (key, value) in config.Env)
        {
            command.Append($"export {key}={ShellQuote.Quote(value)} && ");
        }

        command.Append(path);
        var args = config.RawArgs ?? (config.Args.Count > 0 ? ShellQuote.Join(config.Args) : null);
        if (!string.IsNullOrWhiteSpace(args))
        {
            command.Append(' ').Append(args);
        }

        return command.ToString();
    }

    private static (byte[] Content, string Label) Script(IMachine machine, ShellProvisionerConfig config)
    {
        if (config.Inline is { } inline)
        {
            return (Encoding.UTF8.GetBytes(config.Binary ? inline : ToLf(inline)), "inline script");
        }

        var path = Path.GetFullPath(config.Path!, machine.ProjectDirectory);
        if (!File.Exists(path))
        {
            throw new VnetException($"Machine '{machine.Name}': the shell provisioner's script was not found: {path}");
        }

        var bytes = File.ReadAllBytes(path);
        return (config.Binary ? bytes : Encoding.UTF8.GetBytes(ToLf(Encoding.UTF8.GetString(bytes))), path);
    }

    private static string UpperFirst(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    private static string ToLf(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal);

    private static string Scrub(string line, IReadOnlyList<string> secrets)
    {
        foreach (var secret in secrets)
        {
            line = line.Replace(secret, Mask, StringComparison.Ordinal);
        }

        return line;
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex EnvName();
}
