using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Parsing;
using VagrantNet.Sdk.Config;

namespace VagrantNet.Cli.Hosting;

/// <summary>
/// What System.CommandLine lets through and vnet refuses: a word that looks like an option but is none (it would
/// land in a command's machine names), and an unknown command followed by <c>--help</c> (help would hide the error).
/// </summary>
internal static class CommandLineCheck
{
    /// <summary>The message to refuse the command line with, or null when it is fine.</summary>
    public static string? Refusal(ParseResult parse)
    {
        if (UnknownOption(parse) is { } option)
        {
            return option;
        }

        if (parse.Action is HelpAction && parse.UnmatchedTokens.Count > 0)
        {
            return UnknownCommand(parse.CommandResult.Command, parse.UnmatchedTokens[0]);
        }

        return null;
    }

    private static string? UnknownOption(ParseResult parse)
    {
        // Words after `--` are passed on (ssh's extra arguments) and may look like anything.
        var passedOn = new HashSet<Token>(ReferenceEqualityComparer.Instance);
        var doubleDash = parse.Tokens.ToList().FindIndex(t => t.Type == TokenType.DoubleDash);
        if (doubleDash >= 0)
        {
            passedOn.UnionWith(parse.Tokens.Skip(doubleDash + 1));
        }

        for (SymbolResult? result = parse.CommandResult; result is CommandResult command; result = command.Parent)
        {
            foreach (var argument in command.Children.OfType<ArgumentResult>())
            {
                var word = argument.Tokens.FirstOrDefault(t => !passedOn.Contains(t) && LooksLikeOption(t.Value));
                if (word is not null)
                {
                    return UnknownOption(parse.CommandResult.Command, word.Value);
                }
            }
        }

        return null;
    }

    private static bool LooksLikeOption(string word) => word.Length > 1 && word[0] == '-' && !double.TryParse(word, System.Globalization.CultureInfo.InvariantCulture, out _);

    private static string UnknownOption(Command command, string word)
    {
        var name = word.Split('=', 2)[0];
        var options = OptionsOf(command).SelectMany(o => o.Aliases.Prepend(o.Name)).Distinct().ToList();
        var suggestion = Closest(name, options);
        return $"Unknown option '{name}' for `{CommandPath(command)}`." +
            (suggestion is null ? string.Empty : $" Did you mean '{suggestion}'?") +
            $" Run `{CommandPath(command)} --help` for its options.";
    }

    private static string UnknownCommand(Command parent, string word)
    {
        var suggestion = Closest(word, parent.Subcommands.Select(c => c.Name));
        return $"'{word}' is not a command of `{CommandPath(parent)}`." +
            (suggestion is null ? string.Empty : $" Did you mean '{suggestion}'?") +
            $" Run `{CommandPath(parent)} --help` for the list of commands.";
    }

    /// <summary>The options <paramref name="command"/> accepts: its own and the recursive ones of its parents.</summary>
    private static IEnumerable<Option> OptionsOf(Command command)
    {
        foreach (var option in command.Options)
        {
            yield return option;
        }

        for (var parent = command.Parents.OfType<Command>().FirstOrDefault(); parent is not null; parent = parent.Parents.OfType<Command>().FirstOrDefault())
        {
            foreach (var option in parent.Options.Where(o => o.Recursive))
            {
                yield return option;
            }
        }
    }

    private static string CommandPath(Command command)
    {
        var words = new List<string>();
        for (Command? c = command; c is not null; c = c.Parents.OfType<Command>().FirstOrDefault())
        {
            words.Insert(0, c is RootCommand ? "vnet" : c.Name);
        }

        return string.Join(' ', words);
    }

    /// <summary>The candidate nearest to <paramref name="word"/>, leading dashes aside, when near enough to be a typo.</summary>
    internal static string? Closest(string word, IEnumerable<string> candidates)
    {
        var bare = candidates.GroupBy(c => c.TrimStart('-'), StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Order(StringComparer.Ordinal).First(), StringComparer.Ordinal);
        return Spelling.Closest(word.TrimStart('-'), bare.Keys) is { } match ? bare[match] : null;
    }
}
