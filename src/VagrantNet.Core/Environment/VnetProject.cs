using VagrantNet.Core.Configuration;

namespace VagrantNet.Core.Environment;

/// <summary>A project: the directory holding Vagrantfile.csx, its <c>.vnet</c> state and its loaded configuration.</summary>
public sealed class VnetProject(string vagrantfilePath, ProjectConfig config)
{
    public string VagrantfilePath { get; } = Path.GetFullPath(vagrantfilePath);

    public string RootDirectory => Path.GetDirectoryName(VagrantfilePath)!;

    /// <summary>The project's name, used to prefix resources as vagrant-libvirt does (<c>&lt;project&gt;_&lt;machine&gt;</c>).</summary>
    public string Name => Path.GetFileName(RootDirectory);

    /// <summary>The project's state directory: <c>.vnet</c> beside the Vagrantfile, or <c>VNET_DOTFILE_PATH</c>.</summary>
    public string DataDirectory { get; } = ProjectDirectories.DataDirectory(Path.GetDirectoryName(Path.GetFullPath(vagrantfilePath))!);

    public ProjectConfig Config { get; } = config;

    /// <summary>The provider a machine was created with, from its state directory, or null.</summary>
    public string? ExistingProvider(string machine)
    {
        var dir = Path.Combine(DataDirectory, "machines", machine);
        return Directory.Exists(dir)
            ? Directory.GetDirectories(dir).Where(p => File.Exists(Path.Combine(p, "id"))).Select(Path.GetFileName).FirstOrDefault()
            : null;
    }
}
