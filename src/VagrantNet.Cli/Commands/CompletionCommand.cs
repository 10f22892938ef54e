using System.CommandLine;
using VagrantNet.Cli.Completion;
using VagrantNet.Cli.Hosting;

namespace VagrantNet.Cli.Commands;

/// <summary><c>vnet completion bash|zsh|fish</c>: prints the shell's completion script.</summary>
internal sealed class CompletionCommand(CliContext context) : ICliCommand
{
    public string Name => "completion";

    public Command Build()
    {
        var shell = new Argument<string>("shell") { Description = $"The shell: {string.Join(", ", ShellScripts.Shells)}" };
        shell.AcceptOnlyFromAmong([.. ShellScripts.Shells]);
        var command = new Command(Name, "Prints a shell completion script (commands, options, machine and box names)") { shell };
        command.SetAction(parse =>
        {
            context.Ui.Output.Write(ShellScripts.For(parse.GetValue(shell)!));
            return 0;
        });
        return command;
    }
}
