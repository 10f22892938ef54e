using VagrantNet.Sdk.Config;
using VagrantNet.Sdk.Machines;
using VagrantNet.Sdk.Plugins;

namespace VagrantNet.Sdk.Actions;

/// <summary>The enabled synced folders of one implementation type, host paths made absolute.</summary>
public sealed record SyncedFolderGroup(SyncedFolderType Type, ISyncedFolder Implementation, IReadOnlyList<SyncedFolderDefinition> Folders);

/// <summary>
/// Picks each enabled folder's implementation as Vagrant does: the type the folder names, else the
/// usable registered type with the highest priority. Used by the synced-folder steps and by
/// commands such as <c>vnet rsync</c>.
/// </summary>
public static class SyncedFolderPlan
{
    public static IReadOnlyList<SyncedFolderGroup> For(IMachine machine)
    {
        var types = machine.Host.SyncedFolderTypes;
        var instances = new Dictionary<string, (SyncedFolderType Type, ISyncedFolder Implementation, string? Unusable)>(StringComparer.Ordinal);
        (SyncedFolderType Type, ISyncedFolder Implementation, string? Unusable) Instance(SyncedFolderType type)
        {
            if (!instances.TryGetValue(type.Type, out var entry))
            {
                var implementation = type.Create();
                entry = (type, implementation, implementation.Usable(machine));
                instances[type.Type] = entry;
            }

            return entry;
        }

        string? defaultType = null;
        var groups = new Dictionary<string, List<SyncedFolderDefinition>>(StringComparer.Ordinal);
        foreach (var folder in machine.Config.Vm.SyncedFolders.Where(f => !f.Disabled))
        {
            string type;
            if (folder.Type is { } named)
            {
                var registered = types.FirstOrDefault(t => t.Type == named)
                    ?? throw new VnetError($"Machine '{machine.Name}': the synced folder '{folder.GuestPath}' asks for type '{named}', which no installed plugin provides. Installed types: {Installed(types)}.");
                if (Instance(registered).Unusable is { } why)
                {
                    throw new VnetError($"Machine '{machine.Name}': the synced folder type '{named}' cannot be used for '{folder.GuestPath}': {why}");
                }

                type = named;
            }
            else
            {
                type = defaultType ??= DefaultType(machine, types, Instance);
            }

            if (!groups.TryGetValue(type, out var list))
            {
                groups[type] = list = [];
            }

            list.Add(Resolve(folder, machine.ProjectDirectory, type));
        }

        return [.. groups.Select(g => new SyncedFolderGroup(instances[g.Key].Type, instances[g.Key].Implementation, g.Value))];
    }

    /// <summary>A copy of <paramref name="folder"/> with its host path made absolute against <paramref name="projectDirectory"/>.</summary>
    public static SyncedFolderDefinition Resolve(SyncedFolderDefinition folder, string projectDirectory, string? type = null) => new()
    {
        Id = folder.Id,
        HostPath = Path.GetFullPath(ExpandHome(folder.HostPath), projectDirectory),
        GuestPath = folder.GuestPath,
        Type = type ?? folder.Type,
        Disabled = folder.Disabled,
        Exclude = folder.Exclude,
        Args = folder.Args,
        Owner = folder.Owner,
        Group = folder.Group,
        MountOptions = folder.MountOptions,
        Create = folder.Create,
        Options = folder.Options,
    };

    private static string DefaultType(
        IMachine machine,
        IReadOnlyList<SyncedFolderType> types,
        Func<SyncedFolderType, (SyncedFolderType Type, ISyncedFolder Implementation, string? Unusable)> instance)
    {
        var reasons = new List<string>();
        foreach (var type in types.OrderByDescending(t => t.Priority))
        {
            if (instance(type).Unusable is { } why)
            {
                reasons.Add($"{type.Type}: {why}");
                continue;
            }

            return type.Type;
        }

        throw new VnetError(
            $"Machine '{machine.Name}': no synced folder type can be used on this host. " +
            (reasons.Count == 0 ? "No synced folder plugin is installed." : string.Join("; ", reasons)) +
            " Disable the folders (disabled: true) or install what is missing.");
    }

    private static string Installed(IReadOnlyList<SyncedFolderType> types) =>
        types.Count == 0 ? "none" : string.Join(", ", types.Select(t => t.Type));

    private static string ExpandHome(string path) =>
        path == "~" || path.StartsWith("~/", StringComparison.Ordinal)
            ? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile) + path[1..]
            : path;
}
