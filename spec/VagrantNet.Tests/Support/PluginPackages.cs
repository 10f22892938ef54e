using System.IO.Compression;
using System.Security;

namespace VagrantNet.Tests.Support;

/// <summary>
/// Writes real .nupkg files into a local folder feed: a zip with a .nuspec and lib/&lt;tfm&gt;/ files, which is all
/// NuGet reads from a package. Built with System.IO.Compression, so no test starts `dotnet pack`.
/// </summary>
internal static class PluginPackages
{
    public const string Framework = "net10.0";

    /// <summary>The sample plugin (spec/SamplePlugin's build output) as package SamplePlugin <paramref name="version"/>.</summary>
    public static string SamplePlugin(string feed, string version, IReadOnlyList<(string Id, string Range)>? dependencies = null, params (string Name, byte[] Content)[] extraFiles) =>
        Write(feed, "SamplePlugin", version, [("SamplePlugin.dll", File.ReadAllBytes(Path.Combine(TestPaths.SamplePluginOutput, "SamplePlugin.dll"))), .. extraFiles], dependencies ?? []);

    /// <summary>Writes <c><paramref name="id"/>.<paramref name="version"/>.nupkg</c> into <paramref name="feed"/> and returns its path.</summary>
    public static string Write(string feed, string id, string version, IReadOnlyList<(string Name, byte[] Content)> libFiles, IReadOnlyList<(string Id, string Range)> dependencies)
    {
        Directory.CreateDirectory(feed);
        var path = Path.Combine(feed, $"{id}.{version}.nupkg");
        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        using (var nuspec = new StreamWriter(zip.CreateEntry($"{id}.nuspec").Open()))
        {
            var group = string.Concat(dependencies.Select(d => $"""<dependency id="{SecurityElement.Escape(d.Id)}" version="{SecurityElement.Escape(d.Range)}" />"""));
            nuspec.Write($"""
                <?xml version="1.0" encoding="utf-8"?>
                <package xmlns="http://schemas.microsoft.com/packaging/2013/05/nuspec.xsd">
                  <metadata>
                    <id>{id}</id>
                    <version>{version}</version>
                    <authors>vnet tests</authors>
                    <description>A package the plugin tests install.</description>
                    <dependencies><group targetFramework="{Framework}">{group}</group></dependencies>
                  </metadata>
                </package>
                """);
        }

        foreach (var (name, content) in libFiles)
        {
            using var entry = zip.CreateEntry($"lib/{Framework}/{name}").Open();
            entry.Write(content);
        }

        return path;
    }
}
