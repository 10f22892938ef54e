using VagrantNet.Core;
using VagrantNet.Core.IO;
using VagrantNet.Core.Plugins;
using VagrantNet.Scripting;

namespace VagrantNet.Cli.Editor;

/// <summary>What writing the editor files did.</summary>
internal enum EditorFilesResult
{
    Written,
    Updated,
    Unchanged,
}

/// <summary>
/// Writes <see cref="EditorProject"/> under a project's <c>.vnet/editor/</c> for the SDK vnet runs with and the plugins it
/// would load. Only a file vnet wrote itself (it starts with <see cref="EditorProject.Marker"/>) is ever replaced.
/// </summary>
internal static class EditorFiles
{
    /// <summary>Writes or updates the editor project of the project whose script is <paramref name="vagrantfile"/>, in the directory beside it.</summary>
    /// <exception cref="VnetException">The file is there and is not one vnet wrote.</exception>
    public static (EditorFilesResult Result, string Path) Write(string vagrantfile, IEnumerable<string> pluginDirectories)
    {
        var projectRoot = Path.GetDirectoryName(Path.GetFullPath(vagrantfile))!;
        var path = Path.Combine(projectRoot, EditorProject.Directory, EditorProject.FileName);
        var sdk = typeof(VagrantNet.Sdk.Vagrant).Assembly.Location;

        // The same plugin set the script is compiled against: every plugin the host would load from these directories.
        var text = EditorProject.Render(Path.GetFileName(vagrantfile), sdk, PluginManager.Discover(pluginDirectories), ScriptReferences.Imports);
        if (Directory.Exists(path))
        {
            throw new VnetException($"{DisplayPath.Of(path)} is a directory; vnet writes its editor project there. Move it away and run `vnet editor` again.");
        }

        if (!File.Exists(path))
        {
            AtomicFile.WriteAllText(path, text);
            return (EditorFilesResult.Written, path);
        }

        var existing = File.ReadAllText(path);
        if (!existing.StartsWith(EditorProject.Marker, StringComparison.Ordinal))
        {
            throw new VnetException($"{DisplayPath.Of(path)} was not written by vnet, so vnet leaves it alone. Move it away and run `vnet editor` to have vnet write its editor project there.");
        }

        if (existing == text)
        {
            return (EditorFilesResult.Unchanged, path);
        }

        AtomicFile.WriteAllText(path, text);
        return (EditorFilesResult.Updated, path);
    }
}
