using NuGet.Packaging.Core;
using NuGet.Versioning;
using VagrantNet.Core.Environment;
using VagrantNet.Core.Locking;

namespace VagrantNet.Core.Plugins.Installing;

/// <summary>
/// Installs, updates and removes the user's plugins under <c>$VNET_HOME/plugins/&lt;id&gt;/&lt;version&gt;/</c>.
/// A package is staged and checked in a temporary directory under VNET_HOME, then moved into place in one rename,
/// so a refused or interrupted install leaves nothing that the plugin host would load. Changes are made under one
/// cross-process lock, as they share the manifest.
/// </summary>
public sealed class PluginInstaller(VnetPaths paths, string bundledDirectory, Version hostSdkVersion)
{
    public InstalledPlugins Manifest { get; } = new(paths.Plugins);

    /// <summary>Installs <paramref name="id"/> from <paramref name="source"/>: <paramref name="version"/>, else the newest stable version.</summary>
    public async Task<PluginInstallResult> InstallAsync(string id, string? version, string source, CancellationToken cancellation)
    {
        RefuseBundled(id, "installed");
        await using var held = await LockAsync(cancellation).ConfigureAwait(false);
        var feed = new PluginFeed(source);
        var versions = await feed.VersionsAsync(id, cancellation).ConfigureAwait(false);
        if (versions.Count == 0)
        {
            throw new VnetException($"No plugin package named '{id}' was found on the plugin feed {feed.Source}. Check the name (a NuGet package id), or pass the feed that has it with --plugin-source.");
        }

        return await InstallAsync(feed, id, Choose(id, version, versions, feed), cancellation).ConfigureAwait(false);
    }

    /// <summary>Moves each plugin (<paramref name="id"/>, or all) to the newest stable version on the feed it came from.</summary>
    public async Task<IReadOnlyList<PluginUpdateResult>> UpdateAsync(string? id, CancellationToken cancellation)
    {
        await using var held = await LockAsync(cancellation).ConfigureAwait(false);
        var plugins = id is null ? Manifest.Read() : [Manifest.Find(id) ?? throw NotInstalled(id)];
        var results = new List<PluginUpdateResult>();
        foreach (var plugin in plugins)
        {
            var feed = new PluginFeed(plugin.Source);
            var newest = (await feed.VersionsAsync(plugin.Id, cancellation).ConfigureAwait(false)).LastOrDefault(v => !v.IsPrerelease);
            if (newest is null || newest <= NuGetVersion.Parse(plugin.Version))
            {
                results.Add(new PluginUpdateResult(plugin, null));
                continue;
            }

            var installed = await InstallAsync(feed, plugin.Id, newest, cancellation).ConfigureAwait(false);
            results.Add(new PluginUpdateResult(plugin, installed.Plugin));
        }

        return results;
    }

    public async Task<InstalledPlugin> UninstallAsync(string id, CancellationToken cancellation)
    {
        RefuseBundled(id, "uninstalled");
        await using var held = await LockAsync(cancellation).ConfigureAwait(false);
        var plugin = Manifest.Find(id) ?? throw NotInstalled(id);
        Remove(Path.Combine(paths.Plugins, plugin.Id));
        Manifest.Forget(plugin.Id);
        return plugin;
    }

    /// <summary>Removes every user plugin, whether <c>vnet plugin install</c> or the user placed it, and the manifest.</summary>
    public async Task<IReadOnlyList<string>> ExpungeAsync(CancellationToken cancellation)
    {
        await using var held = await LockAsync(cancellation).ConfigureAwait(false);
        if (!Directory.Exists(paths.Plugins))
        {
            return [];
        }

        var removed = Directory.GetDirectories(paths.Plugins).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToList();
        foreach (var name in removed)
        {
            Remove(Path.Combine(paths.Plugins, name));
        }

        File.Delete(Manifest.Path);
        return removed;
    }

    /// <summary>The plugins bundled with vnet, which only a new vnet changes.</summary>
    public IReadOnlyList<string> Bundled() =>
        [.. PluginManager.Discover([bundledDirectory]).Select(Path.GetFileNameWithoutExtension).OfType<string>()];

    private async Task<PluginInstallResult> InstallAsync(PluginFeed feed, string id, NuGetVersion version, CancellationToken cancellation)
    {
        if (Manifest.Find(id) is { } existing && NuGetVersion.Parse(existing.Version) == version && Directory.Exists(Path.Combine(paths.Plugins, existing.Id, existing.Version)))
        {
            return new PluginInstallResult(existing, AlreadyInstalled: true);
        }

        var staging = Path.Combine(paths.Temp, "plugin-" + Guid.NewGuid().ToString("N"));
        try
        {
            var files = Path.Combine(staging, "files");
            Directory.CreateDirectory(files);
            var (plugin, dependencies) = await new PluginStager(feed).StageAsync(new PackageIdentity(id, version), files, cancellation).ConfigureAwait(false);
            var main = Path.Combine(files, plugin.Id + ".dll");
            if (!File.Exists(main))
            {
                throw new VnetException($"Plugin package {plugin} has no lib/{PluginStager.HostFramework.GetShortFolderName()}/{plugin.Id}.dll; vnet loads the assembly named after the package id, so build the plugin with that assembly name. It was not installed.");
            }

            if (new PluginProbe(hostSdkVersion).Refusal(main) is { } refusal)
            {
                throw new VnetException($"Plugin package {plugin} was not installed: {refusal}");
            }

            // The host loads a hand-placed X/X.dll before any X/<version>/, so an install beside one would never load.
            var handPlaced = Path.Combine(paths.Plugins, plugin.Id, plugin.Id + ".dll");
            if (File.Exists(handPlaced))
            {
                throw new VnetException($"{handPlaced} was placed there by hand and would be loaded instead of {plugin}; remove {Path.GetDirectoryName(handPlaced)} and install again.");
            }

            var installed = new InstalledPlugin(plugin.Id, plugin.Version.ToNormalizedString(), feed.Source, [.. dependencies.Select(d => d.ToString())]);
            var home = Directory.CreateDirectory(Path.Combine(paths.Plugins, plugin.Id)).FullName;
            var target = Path.Combine(home, installed.Version);
            if (Directory.Exists(target))
            {
                // Left by an install that stopped before recording it: the manifest does not know it, so nothing vouches for it.
                Directory.Delete(target, recursive: true);
            }

            Directory.Move(files, target);
            var previous = Manifest.Find(plugin.Id);
            Manifest.Record(installed);
            if (previous is not null && previous.Version != installed.Version)
            {
                Remove(Path.Combine(home, previous.Version));
            }

            return new PluginInstallResult(installed, AlreadyInstalled: false);
        }
        finally
        {
            if (Directory.Exists(staging))
            {
                Directory.Delete(staging, recursive: true);
            }
        }
    }

    private Task<FileLock> LockAsync(CancellationToken cancellation) =>
        FileLock.AcquireAsync(Path.Combine(paths.Locks, "plugins.lock"), TimeSpan.FromMinutes(10), $"The plugin directory {paths.Plugins}", cancellation);

    private static NuGetVersion Choose(string id, string? version, IReadOnlyList<NuGetVersion> versions, PluginFeed feed)
    {
        if (version is null)
        {
            return versions.LastOrDefault(v => !v.IsPrerelease)
                ?? throw new VnetException($"The plugin feed {feed.Source} has only prerelease versions of '{id}' ({string.Join(", ", versions)}); choose one with --plugin-version.");
        }

        if (!NuGetVersion.TryParse(version, out var wanted))
        {
            throw new VnetException($"'{version}' is not a package version; pass one such as 1.2.0 to --plugin-version.");
        }

        return versions.FirstOrDefault(v => v == wanted)
            ?? throw new VnetException($"The plugin feed {feed.Source} has no version {version} of '{id}'. Available: {string.Join(", ", versions)}.");
    }

    private void RefuseBundled(string id, string what)
    {
        if (Bundled().FirstOrDefault(b => string.Equals(b, id, StringComparison.OrdinalIgnoreCase)) is { } bundled)
        {
            throw new VnetException($"The plugin '{bundled}' is bundled with vnet ({Path.Combine(bundledDirectory, bundled)}) and cannot be {what} with `vnet plugin`; a new vnet release updates it.");
        }
    }

    private VnetException NotInstalled(string id) =>
        Directory.Exists(Path.Combine(paths.Plugins, id))
            ? new VnetException($"The plugin '{id}' in {Path.Combine(paths.Plugins, id)} was not installed with `vnet plugin install`; remove that directory by hand.")
            : new VnetException($"The plugin '{id}' is not installed. `vnet plugin list` shows the installed plugins.");

    /// <summary>Renames <paramref name="directory"/> away before deleting it, so the plugin host never sees half of it.</summary>
    private void Remove(string directory)
    {
        if (!Directory.Exists(directory))
        {
            return;
        }

        var trash = Path.Combine(Directory.CreateDirectory(paths.Temp).FullName, "removed-" + Guid.NewGuid().ToString("N"));
        Directory.Move(directory, trash);
        Directory.Delete(trash, recursive: true);
    }
}

public sealed record PluginInstallResult(InstalledPlugin Plugin, bool AlreadyInstalled);

/// <summary>One plugin <c>update</c> looked at: <see cref="Updated"/> is null when it was already the newest.</summary>
public sealed record PluginUpdateResult(InstalledPlugin Previous, InstalledPlugin? Updated);
