using VagrantNet.Core.IO;
using VagrantNet.Sdk.Config;

namespace VagrantNet.Core.Configuration;

/// <summary>Evaluates the user-wide and project Vagrantfile.csx into layers, in Vagrant's merge order.</summary>
public sealed class ConfigLoader(IVagrantfileEvaluator evaluator)
{
    /// <summary>Loads <paramref name="userVagrantfile"/> (when it exists) and <paramref name="projectVagrantfile"/>.</summary>
    public async Task<ProjectConfig> LoadAsync(string? userVagrantfile, string projectVagrantfile, CancellationToken cancellation)
    {
        var layers = new List<ConfigLayer>();
        if (userVagrantfile is not null && File.Exists(userVagrantfile))
        {
            layers.Add(await LoadLayerAsync(userVagrantfile, cancellation).ConfigureAwait(false));
        }

        layers.Add(await LoadLayerAsync(projectVagrantfile, cancellation).ConfigureAwait(false));
        var project = new ProjectConfig(layers);
        var primaries = project.Machines.Where(m => m.Primary).Select(m => m.Name).ToList();
        if (primaries.Count > 1 && project.Machines.Count > 1)
        {
            throw new VnetException($"{DisplayPath.Of(projectVagrantfile)}: machines {string.Join(" and ", primaries.Select(p => $"'{p}'"))} are both marked primary; only one machine can be primary.");
        }

        return project;
    }

    /// <summary>Evaluates one file into a fresh <see cref="RootConfig"/>.</summary>
    public async Task<ConfigLayer> LoadLayerAsync(string path, CancellationToken cancellation)
    {
        var blocks = await evaluator.EvaluateAsync(path, cancellation).ConfigureAwait(false);
        var config = new RootConfig();
        foreach (var block in blocks)
        {
            ScriptErrorLocator.Run(() => block(config), path);
        }

        return new ConfigLayer(path, config);
    }
}
