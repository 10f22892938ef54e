using System.Text.RegularExpressions;
using VagrantNet.Core;

namespace VagrantNet.Cli.Commands;

/// <summary>
/// <c>vnet init --template FILE</c>: the user's own Vagrantfile.csx template, with the values Vagrant hands its ERB templates
/// (<c>box_name</c>, <c>box_url</c>, <c>box_version</c>) written where <c>&lt;%= name %&gt;</c> stands. Only those three
/// expressions are known; any other <c>&lt;%</c> tag is refused with its line, since vnet runs no Ruby.
/// </summary>
internal static partial class InitTemplate
{
    public static string Render(string path, string boxName, string? boxUrl, string? boxVersion)
    {
        // As Vagrant, FILE may be given with or without its .erb extension.
        var file = File.Exists(path) ? path : File.Exists(path + ".erb") ? path + ".erb"
            : throw new VnetException($"--template: the template file {path} does not exist.");
        var text = File.ReadAllText(file);
        var values = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["box_name"] = boxName,
            ["box_url"] = boxUrl ?? string.Empty,
            ["box_version"] = boxVersion ?? string.Empty,
        };
        var rendered = Expression().Replace(text, m => values[m.Groups["name"].Value]);
        var unknown = Tag().Match(rendered);
        if (unknown.Success)
        {
            var line = rendered[..unknown.Index].Count(c => c == '\n') + 1;
            throw new VnetException($"--template: {file} line {line} has '{unknown.Value}', which vnet cannot render: a template may use <%= box_name %>, <%= box_url %> and <%= box_version %>, and no other ERB tag.");
        }

        return rendered;
    }

    [GeneratedRegex(@"<%=\s*(?<name>box_name|box_url|box_version)\s*-?%>")]
    private static partial Regex Expression();

    [GeneratedRegex(@"<%.*?(%>|$)", RegexOptions.Multiline)]
    private static partial Regex Tag();
}
