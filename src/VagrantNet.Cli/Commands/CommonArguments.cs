using System.CommandLine;

namespace VagrantNet.Cli.Commands;

/// <summary>Arguments and options several commands share, with Vagrant's names.</summary>
internal static class CommonArguments
{
    public static Argument<string[]> Machines(string description = "Machine names, or /regex/; all machines when omitted") =>
        new("name") { Description = description, Arity = ArgumentArity.ZeroOrMore };

    public static Option<bool> DryRun() => new("--dry-run") { Description = "Print what would be done, and do nothing" };

    public static Option<bool> Force(string description) => new("--force", "-f") { Description = description };

    public static Option<string?> Provider() => new("--provider") { Description = "Back the machine with a specific provider" };
}
