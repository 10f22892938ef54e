using System.Text;

namespace VagrantNet.Core.Triggers;

/// <summary>
/// Splits a command line into words as a POSIX shell would, without running one (Ruby's <c>Shellwords.split</c>, which
/// Vagrant applies to a trigger's inline <c>run</c>): whitespace separates, single quotes keep everything, double quotes
/// keep all but <c>\"</c>, <c>\\</c>, <c>\$</c> and <c>\`</c>, a backslash outside quotes escapes the next character.
/// Hand-written: .NET's splitters follow Windows' rules, and no package does POSIX words alone.
/// </summary>
public static class ShellWords
{
    public static IReadOnlyList<string> Split(string line)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        var inWord = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            switch (c)
            {
                case ' ' or '\t' or '\n' or '\r':
                    if (inWord)
                    {
                        words.Add(word.ToString());
                        word.Clear();
                        inWord = false;
                    }

                    continue;
                case '\'':
                    var close = line.IndexOf('\'', i + 1);
                    if (close < 0)
                    {
                        throw new FormatException($"unmatched ' in {line}");
                    }

                    word.Append(line, i + 1, close - i - 1);
                    i = close;
                    break;
                case '"':
                    for (i++; ; i++)
                    {
                        if (i >= line.Length)
                        {
                            throw new FormatException($"unmatched \" in {line}");
                        }

                        if (line[i] == '"')
                        {
                            break;
                        }

                        if (line[i] == '\\' && i + 1 < line.Length && line[i + 1] is '"' or '\\' or '$' or '`')
                        {
                            i++;
                        }

                        word.Append(line[i]);
                    }

                    break;
                case '\\' when i + 1 < line.Length:
                    word.Append(line[++i]);
                    break;
                default:
                    word.Append(c);
                    break;
            }

            inWord = true;
        }

        if (inWord)
        {
            words.Add(word.ToString());
        }

        return words;
    }
}
