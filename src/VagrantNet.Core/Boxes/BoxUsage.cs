using System.Text.Json;
using VagrantNet.Core.Machines;
using VagrantNet.Sdk.Machines;

namespace VagrantNet.Core.Boxes;

/// <summary>A machine in the global index that was created from an installed box.</summary>
public sealed record BoxUser(string Machine, string Provider, string VagrantfilePath, string BoxName, string BoxVersion, string BoxProvider, string? BoxArchitecture);

/// <summary>
/// Which machines use which boxes: every machine in the index whose state directory holds a <c>box_meta</c>
/// (<c>{"name", "version", "provider"}</c>) naming the box it was created from.
/// </summary>
public static class BoxUsage
{
    public static IReadOnlyList<BoxUser> Users(MachineIndex index)
    {
        var users = new List<BoxUser>();
        foreach (var entry in index.Read().Values)
        {
            var path = Path.Combine(entry.LocalDataPath, "machines", entry.Name, entry.Provider, "box_meta");
            if (!File.Exists(path))
            {
                continue;
            }

            try
            {
                using var document = JsonDocument.Parse(File.ReadAllText(path));
                var root = document.RootElement;
                if (root.ValueKind == JsonValueKind.Object
                    && Text(root, "name") is { } name
                    && Text(root, "version") is { } version
                    && Text(root, "provider") is { } provider)
                {
                    users.Add(new BoxUser(entry.Name, entry.Provider, entry.VagrantfilePath, name, version, provider, Text(root, "architecture")));
                }
            }
            catch (Exception e) when (e is JsonException or IOException)
            {
                // A machine whose state cannot be read is not known to use any box.
            }
        }

        return users;
    }

    /// <summary>The machines using exactly this installed box.</summary>
    public static IReadOnlyList<BoxUser> UsersOf(IReadOnlyList<BoxUser> users, BoxInfo box) =>
        [.. users.Where(u => u.BoxName == box.Name && u.BoxVersion == box.Version && u.BoxProvider == box.Provider
            && (u.BoxArchitecture is null || u.BoxArchitecture == box.Architecture))];

    private static string? Text(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
