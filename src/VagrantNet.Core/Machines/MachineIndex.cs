using System.Text.Json;
using System.Text.Json.Serialization;
using VagrantNet.Core.IO;
using VagrantNet.Core.Locking;

namespace VagrantNet.Core.Machines;

/// <summary>
/// The global machine index (<c>$VNET_HOME/data/machine-index/index</c>), in Vagrant's JSON shape,
/// so <c>global-status</c> can list every machine on the host. Writes hold a file lock.
/// </summary>
public sealed class MachineIndex(string path)
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    public string Path { get; } = path;

    public IReadOnlyDictionary<string, MachineIndexEntry> Read()
    {
        string text;
        try
        {
            if (!File.Exists(Path))
            {
                return new Dictionary<string, MachineIndexEntry>();
            }

            text = File.ReadAllText(Path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new VnetException($"The machine index {Path} cannot be read ({e.Message}); fix its permissions, or move it away and run the command again.", e);
        }

        IndexFile? file;
        try
        {
            file = JsonSerializer.Deserialize<IndexFile>(text, Json);
        }
        catch (JsonException e)
        {
            throw Corrupt(e.Message, e);
        }

        var machines = file?.Machines ?? [];
        foreach (var (uuid, entry) in machines)
        {
            // A key or entry vnet would not have written: the file was edited or damaged.
            if (uuid.Length == 0 || !uuid.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            {
                throw Corrupt($"the machine key '{uuid}' is not an id vnet writes", null);
            }

            if (entry is null || string.IsNullOrWhiteSpace(entry.Name) || string.IsNullOrWhiteSpace(entry.Provider)
                || string.IsNullOrWhiteSpace(entry.VagrantfilePath) || string.IsNullOrWhiteSpace(entry.LocalDataPath))
            {
                throw Corrupt($"the entry '{uuid}' lacks its name, provider, vagrantfile_path or local_data_path", null);
            }
        }

        return machines;
    }

    private VnetException Corrupt(string reason, Exception? inner)
    {
        var message = $"The machine index {Path} is corrupt ({reason}); move it away and run the command again (vnet rebuilds it as machines are brought up).";
        return inner is null ? new VnetException(message) : new VnetException(message, inner);
    }

    public MachineIndexEntry? Get(string uuid) => Read().GetValueOrDefault(uuid);

    /// <summary>Adds or replaces an entry; returns its uuid (a new one when <paramref name="uuid"/> is null).</summary>
    public string Set(string? uuid, MachineIndexEntry entry)
    {
        uuid ??= Guid.NewGuid().ToString("N");
        Update(machines => machines[uuid] = entry with { UpdatedAt = DateTimeOffset.UtcNow.ToString("O") });
        return uuid;
    }

    public void Remove(string uuid) => Update(machines => machines.Remove(uuid));

    private void Update(Action<Dictionary<string, MachineIndexEntry>> change)
    {
        using var held = FileLock.AcquireAsync(Path + ".lock", TimeSpan.FromSeconds(30), "The machine index", CancellationToken.None).GetAwaiter().GetResult();
        var machines = new Dictionary<string, MachineIndexEntry>(Read());
        change(machines);
        AtomicFile.WriteAllText(Path, JsonSerializer.Serialize(new IndexFile { Version = 1, Machines = machines }, Json));
    }

    private sealed class IndexFile
    {
        [JsonPropertyName("version")]
        public int Version { get; set; } = 1;

        [JsonPropertyName("machines")]
        public Dictionary<string, MachineIndexEntry> Machines { get; set; } = [];
    }
}

public sealed record MachineIndexEntry(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("provider")] string Provider,
    [property: JsonPropertyName("state")] string State,
    [property: JsonPropertyName("vagrantfile_path")] string VagrantfilePath,
    [property: JsonPropertyName("local_data_path")] string LocalDataPath)
{
    [JsonPropertyName("updated_at")]
    public string? UpdatedAt { get; init; }

    [JsonPropertyName("extra_data")]
    public Dictionary<string, string>? ExtraData { get; init; }
}
