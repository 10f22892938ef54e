using System.CommandLine;
using System.CommandLine.Completions;
using VagrantNet.Cli.Commands;
using VagrantNet.Cli.Hosting;

namespace VagrantNet.Cli.Completion;

/// <summary>What the shell completes beyond the command tree: the project's machine names and the installed boxes.</summary>
internal static class CompletionSources
{
    /// <summary>Completes <paramref name="argument"/> with the machines the current project's Vagrantfile.csx defines.</summary>
    public static T WithMachineNames<T>(this T argument, CliContext context)
        where T : Argument
    {
        argument.CompletionSources.Add(_ => MachineNames(context));
        return argument;
    }

    /// <summary>Completes <paramref name="argument"/> with the names of the installed boxes.</summary>
    public static T WithBoxNames<T>(this T argument, CliContext context)
        where T : Argument
    {
        argument.CompletionSources.Add(_ => BoxNames(context));
        return argument;
    }

    // A completion must never print an error into the user's command line: no project, or one that does not
    // compile, simply offers no names.
    private static IEnumerable<CompletionItem> MachineNames(CliContext context)
    {
        try
        {
            var environment = context.LoadEnvironmentAsync().GetAwaiter().GetResult();
            try
            {
                return [.. environment.RequireProject().Config.Machines.Select(m => new CompletionItem(m.Name))];
            }
            finally
            {
                environment.DisposeAsync().AsTask().GetAwaiter().GetResult();
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return [];
        }
    }

    /// <summary>Completes the value of <paramref name="option"/> with the names of the installed boxes.</summary>
    public static Option<string?> WithBoxNames(this Option<string?> option, CliContext context)
    {
        option.CompletionSources.Add(_ => BoxNames(context));
        return option;
    }

    private static IEnumerable<CompletionItem> BoxNames(CliContext context)
    {
        try
        {
            return [.. BoxCommand.Store(context).All().Select(b => b.Name).Distinct(StringComparer.Ordinal).Select(n => new CompletionItem(n))];
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }
}
