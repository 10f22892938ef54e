using System.Text.RegularExpressions;

namespace VagrantNet.Sdk.Config;

/// <summary>One trigger: what it says, what it runs, and on which machines. Its parts run in Vagrant's order: info, warn, abort, run, run_remote.</summary>
public sealed class TriggerDefinition(string action)
{
    /// <summary>The action it fires on, or <see cref="TriggerConfig.All"/>.</summary>
    public string Action { get; } = action;

    /// <summary>Shown as "Running trigger: NAME...".</summary>
    public string? Name { get; set; }

    /// <summary>A message printed when it fires.</summary>
    public string? Info { get; set; }

    /// <summary>A warning printed when it fires.</summary>
    public string? Warn { get; set; }

    /// <summary>Stops vnet with this exit code when it fires (Vagrant's <c>abort: true</c> is 1).</summary>
    public int? Abort { get; set; }

    /// <summary>A program run on the host, in the project directory: not through a shell, as Vagrant runs it.</summary>
    public TriggerRun? Run { get; set; }

    /// <summary>A script run in the guest as the shell provisioner runs it; the machine must be running.</summary>
    public ShellProvisionerConfig? RunRemote { get; set; }

    /// <summary>What a failed run or run_remote does; default <see cref="TriggerOnError.Halt"/>.</summary>
    public TriggerOnError OnError { get; set; } = TriggerOnError.Halt;

    /// <summary>The exit codes that count as success for run and run_remote; default 0.</summary>
    public int[] ExitCodes { get; set; } = [0];

    /// <summary>Machines it fires on: regular expressions matched anywhere in the name, as Vagrant's <c>only_on</c> does. Empty: all.</summary>
    public string[] OnlyOn { get; set; } = [];

    /// <summary>Actions an <see cref="TriggerConfig.All"/> trigger leaves out.</summary>
    public string[] Ignore { get; set; } = [];

    internal void Validate(ValidationErrors errors, string setting)
    {
        void Error(string message) => errors.Add("trigger", setting, message);

        if (Action != TriggerConfig.All && !TriggerConfig.Actions.Contains(Action, StringComparer.Ordinal))
        {
            Error($"{UserText.Quote(Action)} is not an action; use one of {string.Join(", ", TriggerConfig.Actions)} or \"all\"");
        }

        foreach (var ignored in Ignore.Where(i => !TriggerConfig.Actions.Contains(i, StringComparer.Ordinal)))
        {
            Error($"ignore: {UserText.Quote(ignored)} is not an action; use one of {string.Join(", ", TriggerConfig.Actions)}");
        }

        if (Ignore.Length > 0 && Action != TriggerConfig.All)
        {
            Error("ignore is used only by a trigger on \"all\"");
        }

        foreach (var pattern in OnlyOn)
        {
            try
            {
                _ = new Regex(pattern, RegexOptions.None, TimeSpan.FromSeconds(1));
            }
            catch (ArgumentException e)
            {
                Error($"only_on: {UserText.Quote(pattern)} is not a regular expression: {e.Message}");
            }
        }

        if (Abort is < 0 or > 255)
        {
            Error($"abort: the exit code must be between 0 and 255, got {Abort}");
        }

        if (ExitCodes.Length == 0)
        {
            Error("exit_codes: give at least one exit code that counts as success");
        }

        if (Info is null && Warn is null && Abort is null && Run is null && RunRemote is null)
        {
            Error("does nothing: give it info, warn, abort, run or run_remote");
        }

        Run?.Validate(errors, setting + " run");
        RunRemote?.Validate(errors, setting + " run_remote");
    }
}

/// <summary>A trigger's host program: <see cref="Inline"/> split into words as a shell would (no shell runs it), or a script <see cref="Path"/> with <see cref="Args"/>.</summary>
public sealed class TriggerRun
{
    public string? Inline { get; init; }

    /// <summary>Relative to the project directory.</summary>
    public string? Path { get; init; }

    public IReadOnlyList<string> Args { get; init; } = [];

    internal void Validate(ValidationErrors errors, string setting)
    {
        if ((Inline is null) == (Path is null))
        {
            errors.Add("trigger", setting, "give exactly one of inline or path");
        }
        else if (Path is not null && !errors.IsFile(Path))
        {
            errors.Add("trigger", setting, $"path: file not found: {UserText.Escape(Path)}");
        }

        if (Inline is not null && Args.Count > 0)
        {
            errors.Add("trigger", setting, "args go with path; write them into inline");
        }
    }
}
