using System.CommandLine;
using System.CommandLine.Completions;
using System.CommandLine.Invocation;
using System.CommandLine.Parsing;

namespace VagrantNet.Cli.Completion;

/// <summary>
/// Answers <c>vnet [suggest:N] "words"</c>, what the completion scripts ask: System.CommandLine's completions at
/// offset N, narrowed as a shell expects. Its own answer matches anywhere in a word (<c>st</c> offered destroy) and
/// lists every option after a space; here a completion starts with the word typed, and options come only once
/// the word starts with a dash.
/// </summary>
internal sealed class SuggestAction(SuggestDirective directive) : SynchronousCommandLineAction
{
    public override int Invoke(ParseResult parseResult)
    {
        var line = parseResult.Tokens.LastOrDefault(t => t.Type != TokenType.Directive)?.Value ?? string.Empty;
        var position = int.TryParse(parseResult.GetResult(directive)?.Values.SingleOrDefault(), out var offset)
            ? Math.Clamp(offset, 0, line.Length)
            : line.Length;
        var beforeCursor = line[..position];
        var word = beforeCursor[(beforeCursor.LastIndexOfAny([' ', '\t']) + 1)..];
        var completions = parseResult.RootCommandResult.Command.Parse(line).GetCompletions(position)
            .Select(c => c.Label)
            .Where(label => label.StartsWith(word, StringComparison.Ordinal))
            .Where(label => word.StartsWith('-') || !IsOption(label))
            .Distinct(StringComparer.Ordinal);
        var output = parseResult.InvocationConfiguration.Output;
        foreach (var completion in completions)
        {
            output.WriteLine(completion);
        }

        return 0;
    }

    // The Windows spellings of help (/?, /h) are options too.
    private static bool IsOption(string label) => label.StartsWith('-') || label.StartsWith('/');
}
