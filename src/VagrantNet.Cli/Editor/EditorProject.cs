using System.Text;
using System.Xml.Linq;

namespace VagrantNet.Cli.Editor;

/// <summary>
/// The MSBuild project that lets a C# editor complete a Vagrantfile.csx. Language servers built on Roslyn's MSBuild
/// workspace (csharp-ls, C# Dev Kit) read every <c>.csx</c> of a project as a regular C# file with top-level statements,
/// not as a script: so this project gives them what the script host gives vnet's compile instead, the SDK and plugin
/// assemblies by path and the script's implicit usings as global usings, and compiles every <c>.csx</c> of the project
/// so that declarations in <c>#load</c>ed files are known too.
/// </summary>
internal static class EditorProject
{
    /// <summary>The project's file name, under <see cref="Directory"/>.</summary>
    public const string FileName = "Vagrantfile.csproj";

    /// <summary>First line of every file vnet writes here: how vnet tells its own file from one a user put there.</summary>
    public const string Marker = "<!-- Written by `vnet editor` for C# editors; vnet rewrites this file, edits are lost. -->";

    /// <summary>Relative to the project root: inside <c>.vnet/</c>, which holds machine-specific state and is not committed, as the absolute paths in this project are machine-specific.</summary>
    public static string Directory => Path.Combine(".vnet", "editor");

    /// <summary>The project text for a project whose script compiles against <paramref name="sdk"/> and <paramref name="plugins"/>.</summary>
    public static string Render(string vagrantfileName, string sdk, IReadOnlyList<string> plugins, IReadOnlyList<string> imports)
    {
        // Directory.Build.props/targets and central package management of a repository the project sits in would change
        // this project (warnings as errors, package versions it does not have): it is made to stand alone.
        var project = new XElement(
            "Project",
            new XElement(
                "PropertyGroup",
                new XElement("ImportDirectoryBuildProps", "false"),
                new XElement("ImportDirectoryBuildTargets", "false"),
                new XElement("ImportDirectoryPackagesProps", "false")),
            new XElement("Import", new XAttribute("Project", "Sdk.props"), new XAttribute("Sdk", "Microsoft.NET.Sdk")),
            new XElement(
                "PropertyGroup",
                new XElement("TargetFramework", "net10.0"),
                new XElement("OutputType", "Library"),
                new XElement("EnableDefaultItems", "false"),
                new XElement("ImplicitUsings", "disable"),
                new XElement("Nullable", "disable"),
                new XElement("IsPackable", "false"),
                new XElement("GenerateAssemblyInfo", "false")),
            new XElement(
                "ItemGroup",
                new XComment(" The Vagrantfile.csx and the files it #loads, from the project root (two levels up). "),
                new XElement("Compile", new XAttribute("Include", "../../**/*.csx"), new XAttribute("Exclude", "../../.vnet/**")),
                vagrantfileName.EndsWith(".csx", StringComparison.OrdinalIgnoreCase) ? null : new XElement("Compile", new XAttribute("Include", "../../" + Escape(vagrantfileName)))),
            new XElement("ItemGroup", imports.Select(i => new XElement("Using", new XAttribute("Include", i)))),
            new XElement("ItemGroup", new[] { sdk }.Concat(plugins).Select(Reference)),
            new XElement("Import", new XAttribute("Project", "Sdk.targets"), new XAttribute("Sdk", "Microsoft.NET.Sdk")));

        var text = new StringBuilder();
        text.Append(Marker).Append('\n');
        text.Append("<!-- The SDK and plugins vnet ran with when it wrote this; run `vnet editor` again after installing or updating a plugin or vnet. -->\n");
        text.Append(project.ToString().ReplaceLineEndings("\n")).Append('\n');
        return text.ToString();
    }

    private static XElement Reference(string path) =>
        new("Reference", new XAttribute("Include", Path.GetFileNameWithoutExtension(path)), new XElement("HintPath", Escape(path)), new XElement("Private", "false"));

    /// <summary>MSBuild reads <c>% $ @ ' ; * ?</c> in an item as its own syntax; written as <c>%XX</c> they are the path's characters.</summary>
    private static string Escape(string path)
    {
        var escaped = new StringBuilder(path.Length);
        foreach (var c in path)
        {
            if (c is '%' or '$' or '@' or '\'' or ';' or '*' or '?')
            {
                escaped.Append('%').Append(((int)c).ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
            else
            {
                escaped.Append(c);
            }
        }

        return escaped.ToString();
    }
}
