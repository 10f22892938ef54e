using Spectre.Console;
using VagrantNet.Core.Environment;
using VagrantNet.Sdk.Machines;

namespace VagrantNet.Cli.Ui;

/// <summary>
/// The terminal as the user reads it: Vagrant's <c>==&gt; machine:</c> prefixes, colour only on a terminal,
/// and <c>--machine-readable</c> output (<c>timestamp,target,type,data</c>) for scripts.
/// </summary>
public sealed class ConsoleUi : IUserInterface, IDisposable
{
    private readonly object _gate = new();
    private readonly Lazy<IAnsiConsole> _console;
    private readonly Lazy<LiveTransfers> _transfers;

    /// <param name="output">Where plain lines go: the writer <paramref name="console"/> writes to.</param>
    /// <param name="console">
    /// Makes the Spectre console on first use: its set-up (terminal detection, markup) is the largest part of
    /// printing, and commands that print plain lines only (status) do not need it.
    /// </param>
    public ConsoleUi(TextWriter output, Func<IAnsiConsole> console, bool machineReadable, bool interactive)
    {
        Output = output;
        _console = new Lazy<IAnsiConsole>(console);
        MachineReadable = machineReadable;
        Interactive = interactive;
        Global = new MachineUi(this, null);
        _transfers = new Lazy<LiveTransfers>(() => new LiveTransfers(Console));
    }

    /// <summary>For markup, tables and progress.</summary>
    public IAnsiConsole Console => _console.Value;

    /// <summary>For plain lines.</summary>
    public TextWriter Output { get; }

    public bool MachineReadable { get; }

    public bool Interactive { get; }

    public IMachineUi Global { get; }

    public IMachineUi ForMachine(string machine) => new MachineUi(this, machine);

    /// <summary>A transfer's progress: a Spectre bar on a terminal, a plain line every 10% elsewhere.</summary>
    internal IProgress<long> Progress(MachineUi ui, string? machine, string title, long? total)
    {
        var meter = new TransferMeter(total, TimeProvider.System);
        return Interactive && !MachineReadable
            ? _transfers.Value.Add(machine is null ? title : $"{machine}: {title}", meter)
            : new PlainProgress(ui, title, meter);
    }

    /// <summary>Writes one line; lines from parallel machines never interleave mid-line.</summary>
    internal void Line(string? target, string type, string text, string? style)
    {
        lock (_gate)
        {
            if (MachineReadable)
            {
                Output.WriteLine(MachineReadableLine.Format(target ?? string.Empty, "ui", type, text));
                return;
            }

            if (_transfers.IsValueCreated && _transfers.Value.Active)
            {
                // Through the live display, which prints the line above its bars instead of tearing them.
                Console.Write(style is null ? new Text(text + Environment.NewLine) : new Markup($"[{style}]{Markup.Escape(text)}[/]{Environment.NewLine}"));
            }
            else if (style is null)
            {
                Output.WriteLine(text);
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
            Output.WriteLine(MachineReadableLine.Format(target, type, data));
        }
    }

    /// <summary>Ends a progress display still on screen (a transfer that failed never finished its bar).</summary>
    public void Dispose()
    {
        if (_transfers.IsValueCreated)
        {
            _transfers.Value.Dispose();
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
