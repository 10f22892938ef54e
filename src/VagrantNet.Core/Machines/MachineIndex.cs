using System.Text.Json;
using System.Text.Json.Serialization;
using VagrantNet.Core.Environment;
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
        if (!File.Exists(Path))
        {
            return new Dictionary<string, MachineIndexEntry>();
        }

        try
        {
            var file = JsonSerializer.Deserialize<IndexFile>(File.ReadAllText(Path), Json);
            return file?.Machines ?? [];
        }
        catch (JsonException e)
        {
            throw new VnetException($"The machine index {Path} is corrupt ({e.Message}); move it away and run the command again.", e);
        }
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
