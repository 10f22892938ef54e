using Spectre.Console;
using VagrantNet.Sdk.Machines;

namespace VagrantNet.Cli.Ui;

/// <summary>One machine's lines: headlines as <c>==&gt; web: ...</c>, details and guest output as <c>    web: ...</c>.</summary>
internal sealed class MachineUi(ConsoleUi root, string? machine) : IMachineUi
{
    private string Headline(string message) => machine is null ? $"==> {message}" : $"==> {machine}: {message}";

    private string Indented(string message) => machine is null ? $"    {message}" : $"    {machine}: {message}";

    public void Info(string message) => root.Line(machine, "info", Headline(message), root.Interactive ? "bold" : null);

    public void Detail(string message) => root.Line(machine, "detail", Indented(message), null);

    public void Success(string message) => root.Line(machine, "success", Headline(message), root.Interactive ? "green" : null);

    public void Warn(string message) => root.Line(machine, "warn", Headline(message), root.Interactive ? "yellow" : null);

    public void Error(string message) => root.Line(machine, "error", Headline(message), root.Interactive ? "red" : null);

    public void Output(string line, bool isError = false) =>
        root.Line(machine, isError ? "error" : "output", Indented(line), isError && root.Interactive ? "red" : null);

    public IProgress<long> Progress(string title, long? total) => root.Progress(this, machine, title, total);

    public bool Confirm(string question, bool fallback)
    {
        if (!root.Interactive || root.MachineReadable)
        {
            return fallback;
        }

        root.Console.Markup($"{Markup.Escape(Headline(question))} [[y/N]] ");
        var answer = Console.ReadLine()?.Trim().ToLowerInvariant();
        return answer is "y" or "yes";
    }
}
