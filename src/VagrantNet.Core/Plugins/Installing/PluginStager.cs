using NuGet.Frameworks;
using NuGet.Packaging;
using NuGet.Packaging.Core;
using NuGet.Versioning;

namespace VagrantNet.Core.Plugins.Installing;

/// <summary>
/// Lays a plugin package out in a directory as the plugin host loads it: the plugin's lib assets for this runtime and,
/// beside them, those of every package it depends on (transitively) except the ones the host provides. Each dependency
/// gets the lowest version its range allows, as NuGet picks; one that cannot be found, that has nothing for this
/// runtime, or that two packages want in incompatible versions is refused by name.
/// </summary>
public sealed class PluginStager(PluginFeed feed)
{
    /// <summary>The framework vnet runs on: the one plugin assets are chosen for.</summary>
    public static readonly NuGetFramework HostFramework =
        NuGetFramework.Parse($"net{System.Environment.Version.Major}.{System.Environment.Version.Minor}");

    /// <summary>Stages <paramref name="plugin"/> into <paramref name="directory"/>: its identity as the package spells it, and the dependencies placed with it.</summary>
    public async Task<(PackageIdentity Plugin, IReadOnlyList<PackageIdentity> Dependencies)> StageAsync(PackageIdentity plugin, string directory, CancellationToken cancellation)
    {
        var downloads = Directory.CreateDirectory(Path.Combine(directory, "..", Path.GetFileName(directory) + ".nupkgs")).FullName;
        try
        {
            var placed = new Dictionary<string, string>(StringComparer.Ordinal);
            var chosen = new Dictionary<string, (NuGetVersion Version, string RequiredBy)>(StringComparer.OrdinalIgnoreCase);
            var dependencies = new List<PackageIdentity>();
            var staged = plugin;
            var pending = new Queue<(PackageIdentity Package, bool IsPlugin)>([(plugin, true)]);
            while (pending.TryDequeue(out var next))
            {
                var nupkg = Path.Combine(downloads, $"{next.Package.Id}.{next.Package.Version}.nupkg");
                await feed.DownloadAsync(next.Package.Id, next.Package.Version, nupkg, cancellation).ConfigureAwait(false);
                using var reader = new PackageArchiveReader(nupkg);
                var identity = reader.GetIdentity();
                if (next.IsPlugin)
                {
                    RequireLibFor(reader, identity, $"Plugin package {identity}");
                    staged = identity;
                }
                else
                {
                    dependencies.Add(identity);
                }

                Place(reader, identity, directory, placed);
                foreach (var dependency in DependenciesOf(reader))
                {
                    var wanted = await ChooseAsync(dependency, identity, chosen, cancellation).ConfigureAwait(false);
                    if (wanted is not null)
                    {
                        pending.Enqueue((wanted, false));
                    }
                }
            }

            return (staged, dependencies);
        }
        finally
        {
            Directory.Delete(downloads, recursive: true);
        }
    }

    /// <summary>The version of <paramref name="dependency"/> to place, or null when the host provides it or it is already chosen.</summary>
    private async Task<PackageIdentity?> ChooseAsync(PackageDependency dependency, PackageIdentity requiredBy, Dictionary<string, (NuGetVersion Version, string RequiredBy)> chosen, CancellationToken cancellation)
    {
        if (PluginLoadContext.SharedAssemblies.Contains(dependency.Id))
        {
            return null;
        }

        if (chosen.TryGetValue(dependency.Id, out var earlier))
        {
            return dependency.VersionRange.Satisfies(earlier.Version)
                ? null
                : throw new VnetException(
                    $"{requiredBy} needs {dependency.Id} {dependency.VersionRange.PrettyPrint()} but {earlier.RequiredBy} needs {dependency.Id} {earlier.Version}, and a plugin has one copy of each dependency; " +
                    "install a version of the plugin whose dependencies agree, or ask its author to align them.");
        }

        var versions = await feed.VersionsAsync(dependency.Id, cancellation).ConfigureAwait(false);
        var version = dependency.VersionRange.FindBestMatch(versions)
            ?? throw new VnetException(versions.Count == 0
                ? $"{requiredBy} depends on {dependency.Id} {dependency.VersionRange.PrettyPrint()}, which the plugin feed {feed.Source} does not have; publish it to that feed or install from one that has it (--plugin-source)."
                : $"{requiredBy} depends on {dependency.Id} {dependency.VersionRange.PrettyPrint()}, but the plugin feed {feed.Source} has only {string.Join(", ", versions)}; publish a matching version to that feed.");
        chosen[dependency.Id] = (version, requiredBy.ToString());
        return new PackageIdentity(dependency.Id, version);
    }

    private static IEnumerable<PackageDependency> DependenciesOf(PackageArchiveReader reader)
    {
        var groups = reader.GetPackageDependencies().ToList();
        return NuGetFrameworkUtility.GetNearest(groups, HostFramework, g => g.TargetFramework)?.Packages ?? [];
    }

    private static void RequireLibFor(PackageArchiveReader reader, PackageIdentity identity, string what)
    {
        if (NuGetFrameworkUtility.GetNearest(reader.GetLibItems(), HostFramework, g => g.TargetFramework) is null)
        {
            throw new VnetException($"{what} has no lib/ assets that run on {HostFramework.GetShortFolderName()} (it has: {Frameworks(reader)}); it cannot be installed into this vnet.");
        }
    }

    /// <summary>Copies the package's nearest lib group into <paramref name="directory"/>, keeping paths below lib/&lt;tfm&gt;/.</summary>
    private static void Place(PackageArchiveReader reader, PackageIdentity identity, string directory, Dictionary<string, string> placed)
    {
        var libs = reader.GetLibItems().ToList();
        if (libs.Count == 0)
        {
            // A package of dependencies only (or of build assets): nothing of its own to load.
            return;
        }

        var group = NuGetFrameworkUtility.GetNearest(libs, HostFramework, g => g.TargetFramework)
            ?? throw new VnetException($"Dependency {identity} has no lib/ assets that run on {HostFramework.GetShortFolderName()} (it has: {Frameworks(reader)}); the plugin cannot be installed with it.");
        var prefix = $"lib/{group.TargetFramework.GetShortFolderName()}/";
        foreach (var item in group.Items.Where(i => i.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) && !i.EndsWith('/')))
        {
            var relative = item[prefix.Length..];
            if (placed.TryGetValue(relative, out var owner))
            {
                throw new VnetException($"{identity} and {owner} both carry {relative}; a plugin's files share one directory, so they cannot be installed together.");
            }

            placed[relative] = identity.ToString();
            var target = Path.GetFullPath(Path.Combine(directory, relative));
            if (!target.StartsWith(Path.GetFullPath(directory) + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            {
                throw new VnetException($"{identity} carries {item}, which points outside the plugin's directory; it was not installed.");
            }

            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            reader.ExtractFile(item, target, NuGet.Common.NullLogger.Instance);
        }
    }

    private static string Frameworks(PackageArchiveReader reader) =>
        string.Join(", ", reader.GetLibItems().Select(g => g.TargetFramework.GetShortFolderName()).DefaultIfEmpty("no lib/ folder"));
}
