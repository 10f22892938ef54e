using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using VagrantNet.Core.Configuration;
using VagrantNet.Core.Conversion;
using VagrantNet.Core.Environment;
using VagrantNet.Core.IO;
using VagrantNet.Core.Locking;
using VagrantNet.Sdk.Config;
using VagrantNet.Sdk.Machines;

namespace VagrantNet.Core.Boxes;

/// <summary>
/// The installed boxes: <c>$VNET_HOME/boxes/&lt;name, / as -VAGRANTSLASH-&gt;/&lt;version&gt;/&lt;arch&gt;/&lt;provider&gt;/</c>,
/// each holding metadata.json and the provider's files, with the catalog URL a box came from in
/// <c>&lt;name&gt;/metadata_url</c>. Boxes enter and leave by directory renames, so readers never see half a box.
/// </summary>
public sealed class BoxCollection : IBoxLookup
{
    public const string MetadataUrlFile = "metadata_url";

    private readonly ILogger _logger;

    public BoxCollection(VnetPaths paths, BoxAddSettings? settings = null, ILogger? logger = null)
    {
        Paths = paths;
        Settings = settings ?? new BoxAddSettings();
        _logger = logger ?? NullLogger.Instance;
    }

    public VnetPaths Paths { get; }

    public BoxAddSettings Settings { get; }

    /// <summary>Which provider settings vnet has, so a box's Ruby Vagrantfile converts without the ones it lacks; null when unknown.</summary>
    public ProviderSettingCheck? KnownProviderSetting { get; init; }

    /// <summary>Every installed box, by name, then newest version first, then provider and architecture.</summary>
    public IReadOnlyList<BoxInfo> All()
    {
        if (!Directory.Exists(Paths.Boxes))
        {
            return [];
        }

        var boxes = new List<BoxInfo>();
        foreach (var nameDirectory in Directory.EnumerateDirectories(Paths.Boxes))
        {
            boxes.AddRange(Installed(BoxNames.Unescape(Path.GetFileName(nameDirectory))));
        }

        return [.. boxes
            .OrderBy(b => b.Name, StringComparer.Ordinal)
            .ThenByDescending(b => BoxVersionNumber.Parse(b.Version))
            .ThenBy(b => b.Provider, StringComparer.Ordinal)
            .ThenBy(b => b.Architecture, StringComparer.Ordinal)];
    }

    /// <summary>The installed versions of one box, in no particular order.</summary>
    public IReadOnlyList<BoxInfo> Installed(string name)
    {
        var root = NameDirectory(name);
        if (!BoxNames.IsValidName(name, out _) || !Directory.Exists(root))
        {
            return [];
        }

        var boxes = new List<BoxInfo>();
        foreach (var versionDirectory in Directory.EnumerateDirectories(root))
        {
            var version = Path.GetFileName(versionDirectory);
            if (!BoxVersionNumber.TryParse(version, out _))
            {
                continue;
            }

            foreach (var architectureDirectory in Directory.EnumerateDirectories(versionDirectory))
            {
                foreach (var providerDirectory in Directory.EnumerateDirectories(architectureDirectory))
                {
                    var box = Load(name, version, Path.GetFileName(architectureDirectory), Path.GetFileName(providerDirectory));
                    if (box is not null)
                    {
                        boxes.Add(box);
                    }
                }
            }
        }

        return boxes;
    }

    /// <summary>The newest installed box matching the arguments, or null.</summary>
    public BoxInfo? Find(string name, string? versionConstraint, string provider, string architecture)
    {
        VersionConstraint constraint;
        if (versionConstraint is null)
        {
            constraint = VersionConstraint.Any;
        }
        else if (!VersionConstraint.TryParse(versionConstraint, out constraint, out _))
        {
            // Config validation reports the bad constraint; here it simply matches nothing.
            return null;
        }

        return Installed(name)
            .Where(b => b.Provider == provider && b.Architecture == architecture && constraint.IsSatisfiedBy(b.Version))
            .MaxBy(b => BoxVersionNumber.Parse(b.Version));
    }

    /// <summary>The installed box with exactly these coordinates, or null.</summary>
    public BoxInfo? Get(string name, string version, string provider, string architecture) =>
        BoxNames.IsValidName(name, out _) ? Load(name, version, architecture, provider) : null;

    /// <summary>The catalog URL the box was added from, or null when it came from a file or a direct URL.</summary>
    public string? MetadataUrl(string name)
    {
        var path = Path.Combine(NameDirectory(name), MetadataUrlFile);
        return File.Exists(path) ? File.ReadAllText(path).Trim() : null;
    }

    /// <summary>
    /// Removes one installed box; empty parent directories (and the catalog URL with the last version) go too.
    /// A symbolic link met on the way (the name, version, architecture or provider directory, or anything inside
    /// the box) is removed as a link: what it points to, wherever that is, is never touched.
    /// </summary>
    public void Remove(BoxInfo box)
    {
        var root = NameDirectory(box.Name);
        var version = BoxVersionDirectory(box.Name, box.Version);
        var architecture = Path.Combine(version, box.Architecture);
        var directory = BoxDirectory(box.Name, box.Version, box.Architecture, box.Provider);
        if (new[] { root, version, architecture, directory }.FirstOrDefault(SafeDelete.IsLink) is { } link)
        {
            _logger.LogWarning("Box {Name} reaches outside the store through the link {Link}; removing the link only", box.Name, link);
            File.Delete(link);
            return;
        }

        if (!Directory.Exists(directory))
        {
            return;
        }

        // Rename first, so no reader sees a half-deleted box; then delete at leisure.
        using (var trash = ScratchDirectory.Create(Paths, "box-remove-", create: false))
        {
            Directory.Move(directory, trash.Path);
        }

        DeleteIfEmpty(architecture);
        DeleteIfEmpty(version);
        if (Directory.Exists(root) && !Directory.EnumerateDirectories(root).Any())
        {
            SafeDelete.Tree(root);
        }
    }

    /// <summary>Waits for the cross-process lock of one box name, telling the user when another process holds it.</summary>
    public async Task<FileLock> LockAsync(string name, IMachineUi ui, CancellationToken cancellation)
    {
        var path = Path.Combine(Paths.Locks, "box-" + BoxNames.Escape(name) + ".lock");
        var held = FileLock.TryAcquire(path);
        if (held is not null)
        {
            return held;
        }

        ui.Info($"Waiting for another vnet process that is adding or removing box '{name}'...");
        return await FileLock.AcquireAsync(path, Settings.LockTimeout, $"Box '{name}'", cancellation).ConfigureAwait(false);
    }

    /// <summary>
    /// Moves an unpacked box into the store under its coordinates with a rename. With <paramref name="force"/>
    /// an installed box with the same coordinates is replaced; on any failure the store is left as it was.
    /// The caller holds the box's lock.
    /// </summary>
    public BoxInfo Install(UnpackedBox unpacked, string name, string version, string architecture, string? metadataUrl, bool force)
    {
        BoxNames.ValidateName(name);
        BoxNames.ValidateVersion(version, name);
        BoxNames.ValidateArchitecture(architecture, name);
        var provider = unpacked.Metadata.Provider;
        BoxNames.ValidateProvider(provider, name);
        var target = BoxDirectory(name, version, architecture, provider);
        var created = new List<string>();
        string? displaced = null;
        ScratchDirectory? displacedScratch = null;
        try
        {
            foreach (var directory in new[] { Paths.Boxes, NameDirectory(name), BoxVersionDirectory(name, version), Path.GetDirectoryName(target)! })
            {
                if (!Directory.Exists(directory))
                {
                    Directory.CreateDirectory(directory);
                    created.Add(directory);
                }
            }

            if (Directory.Exists(target))
            {
                if (!force)
                {
                    throw AlreadyInstalled(name, version, provider, architecture);
                }

                displacedScratch = ScratchDirectory.Create(Paths, "box-replaced-", create: false);
                displaced = displacedScratch.Path;
                Directory.Move(target, displaced);
            }

            Directory.Move(unpacked.Directory, target);
        }
        catch
        {
            if (displaced is not null && !Directory.Exists(target))
            {
                Directory.Move(displaced, target);
                displaced = null;
            }

            foreach (var directory in Enumerable.Reverse(created))
            {
                DeleteIfEmpty(directory);
            }

            if (displaced is null)
            {
                displacedScratch?.Dispose();
            }

            throw;
        }

        // Deletes the replaced box (if any) without following links out of it.
        displacedScratch?.Dispose();

        if (metadataUrl is not null)
        {
            AtomicFile.WriteAllText(Path.Combine(NameDirectory(name), MetadataUrlFile), Uri.TryCreate(metadataUrl, UriKind.Absolute, out var url) && url.UserInfo.Length > 0 ? UrlText.WithoutUserInfo(url) : metadataUrl);
        }

        _logger.LogDebug("Installed box {Name} {Version} {Provider} {Architecture} in {Directory}", name, version, provider, architecture, target);
        return Load(name, version, architecture, provider)!;
    }

    public static VnetException AlreadyInstalled(string name, string version, string provider, string architecture) =>
        new($"Box '{name}' (v{version}) for '{provider}' ({architecture}) is already installed. Remove it first with `vnet box remove`, or add it again with --force.");

    public string NameDirectory(string name) => Path.Combine(Paths.Boxes, BoxNames.Escape(name));

    public string BoxDirectory(string name, string version, string architecture, string provider) =>
        Path.Combine(BoxVersionDirectory(name, version), architecture, provider);

    private string BoxVersionDirectory(string name, string version) => Path.Combine(NameDirectory(name), version);

    private BoxInfo? Load(string name, string version, string architecture, string provider)
    {
        var directory = BoxDirectory(name, version, architecture, provider);
        var metadataPath = Path.Combine(directory, BoxMetadata.FileName);
        if (!File.Exists(metadataPath) || !BoxVersionNumber.TryParse(version, out _))
        {
            return null;
        }

        IReadOnlyDictionary<string, JsonElement> values;
        try
        {
            values = BoxMetadata.Read(metadataPath, name).Values;
        }
        catch (VnetException e)
        {
            _logger.LogWarning("Ignoring the installed box in {Directory}: {Reason}", directory, e.Message);
            return null;
        }

        return new BoxInfo(name, version, provider, architecture, directory) { Metadata = values };
    }

    private static void DeleteIfEmpty(string directory)
    {
        if (Directory.Exists(directory) && !Directory.EnumerateFileSystemEntries(directory).Any())
        {
            Directory.Delete(directory);
        }
    }
}
