using System.Runtime.CompilerServices;
using VagrantNet.Sdk.Config;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace VagrantNet.Sdk.Data;

/// <summary>
/// Reads a YAML file that drives a Vagrantfile.csx (the <c>machines.yml</c> a Ruby Vagrantfile read with
/// <c>YAML.load_file</c>), as a tree of <see cref="YamlNode"/>s. A relative path is taken from the directory of the
/// script that calls it, so the project works from any directory.
/// </summary>
public static class YamlData
{
    /// <param name="path">The YAML file, relative to the calling script's directory or absolute.</param>
    /// <param name="script">Filled in by the compiler: the calling script's path.</param>
    public static YamlNode Load(string path, [CallerFilePath] string script = "")
    {
        ArgumentNullException.ThrowIfNull(path);
        var directory = Path.GetDirectoryName(script);
        var full = string.IsNullOrEmpty(directory) ? Path.GetFullPath(path) : Path.GetFullPath(path, directory);
        if (!File.Exists(full))
        {
            throw new ConfigurationException($"The YAML file '{path}' does not exist (looked for {full}).");
        }

        var stream = new YamlStream();
        try
        {
            using var reader = new StreamReader(full);
            stream.Load(reader);
        }
        catch (YamlException e)
        {
            throw new ConfigurationException($"{path}({e.Start.Line},{e.Start.Column}): the YAML cannot be read: {e.Message}", e);
        }

        return new YamlNode(path, "", stream.Documents.Count == 0 ? null : stream.Documents[0].RootNode);
    }
}
