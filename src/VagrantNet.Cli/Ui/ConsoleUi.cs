using Spectre.Console;
using VagrantNet.Core.Environment;
using VagrantNet.Sdk.Machines;

namespace VagrantNet.Cli.Ui;

/// <summary>
/// The terminal as the user reads it: Vagrant's <c>==&gt; machine:</c> prefixes, colour only on a terminal,
/// and <c>--machine-readable</c> output (<c>timestamp,target,type,data</c>) for scripts.
/// </summary>
public sealed class ConsoleUi : IUserInterface
{
    private readonly object _gate = new();

    public ConsoleUi(IAnsiConsole console, bool machineReadable, bool interactive)
    {
        Console = console;
        MachineReadable = machineReadable;
        Interactive = interactive;
        Global = new MachineUi(this, null);
    }

    public IAnsiConsole Console { get; }

    public bool MachineReadable { get; }

    public bool Interactive { get; }

    public IMachineUi Global { get; }

    public IMachineUi ForMachine(string machine) => new MachineUi(this, machine);

    /// <summary>Writes one line; lines from parallel machines never interleave mid-line.</summary>
    internal void Line(string? target, string type, string text, string? style)
    {
        lock (_gate)
        {
            if (MachineReadable)
            {
                Console.Profile.Out.Writer.WriteLine(MachineReadableLine.Format(target ?? string.Empty, "ui", type, text));
                return;
            }

            if (style is null)
            {
                Console.Profile.Out.Writer.WriteLine(text);
            }
            else
            {
                Console.MarkupLine($"[{style}]{Markup.Escape(text)}[/]");
            }
        }
    }

    /// <summary>A machine-readable data line (for status, box list, ...), printed only in that mode.</summary>
    public void Data(string target, string type, params string[] data)
    {
        lock (_gate)
        {
            Console.Profile.Out.Writer.WriteLine(MachineReadableLine.Format(target, type, data));
        }
    }

    public void Write(Spectre.Console.Rendering.IRenderable renderable)
    {
        lock (_gate)
        {
            Console.Write(renderable);
        }
    }
}

/// <summary>Vagrant's machine-readable format: <c>timestamp,target,type,data...</c> with commas escaped.</summary>
public static class MachineReadableLine
{
    public static string Format(string target, string type, params string[] data) =>
        string.Join(',', new[] { DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture), target, type }
            .Concat(data.Select(Escape)));

    private static string Escape(string value) =>
        value.Replace(",", "%!(VAGRANT_COMMA)").Replace("\n", "\\n").Replace("\r", "\\r");
}
