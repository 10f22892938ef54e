using System.Text.Json;

namespace VagrantNet.Core.Boxes;

/// <summary>
/// A box's <c>metadata.json</c>: a JSON object naming the provider, plus whatever the provider keeps there
/// (libvirt: <c>format</c>, <c>virtual_size</c> or a <c>disks</c> array).
/// </summary>
public sealed class BoxMetadata
{
    /// <summary>The largest metadata.json vnet reads; real ones are a few hundred bytes.</summary>
    public const int MaxBytes = 1 << 20;

    public const string FileName = "metadata.json";

    private BoxMetadata(string provider, IReadOnlyDictionary<string, JsonElement> values)
    {
        Provider = provider;
        Values = values;
    }

    public string Provider { get; }

    public IReadOnlyDictionary<string, JsonElement> Values { get; }

    /// <summary>The disk images a libvirt box holds: each <c>disks[].path</c> (v2), else <c>box.img</c> (v1).</summary>
    public IReadOnlyList<string> LibvirtDisks()
    {
        if (!Values.TryGetValue("disks", out var disks))
        {
            return ["box.img"];
        }

        return [.. disks.EnumerateArray().Select(d => d.GetProperty("path").GetString()!)];
    }

    /// <summary>Parses and checks metadata.json; <paramref name="box"/> names the box in errors.</summary>
    public static BoxMetadata Parse(ReadOnlySpan<byte> json, string box)
    {
        if (json.Length > MaxBytes)
        {
            throw Invalid(box, $"it is larger than {MaxBytes / 1024} KiB");
        }

        Dictionary<string, JsonElement> values;
        try
        {
            using var document = JsonDocument.Parse(json.ToArray(), new JsonDocumentOptions { MaxDepth = 32 });
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw Invalid(box, "it is not a JSON object");
            }

            values = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
            foreach (var property in document.RootElement.EnumerateObject())
            {
                values[property.Name] = property.Value.Clone();
            }
        }
        catch (JsonException e)
        {
            throw Invalid(box, $"it is not valid JSON ({e.Message})");
        }

        if (!values.TryGetValue("provider", out var provider) || provider.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(provider.GetString()))
        {
            throw Invalid(box, "it does not name the provider (\"provider\": \"libvirt\")");
        }

        var metadata = new BoxMetadata(provider.GetString()!, values);
        if (metadata.Provider == "libvirt")
        {
            metadata.CheckLibvirt(box);
        }

        return metadata;
    }

    public static BoxMetadata Read(string path, string box)
    {
        var info = new FileInfo(path);
        if (!info.Exists || info.LinkTarget is not null)
        {
            throw new VnetException($"Box '{box}' has no {FileName}; it is not a valid box.");
        }

        if (info.Length > MaxBytes)
        {
            throw Invalid(box, $"it is larger than {MaxBytes / 1024} KiB");
        }

        return Parse(File.ReadAllBytes(path), box);
    }

    private void CheckLibvirt(string box)
    {
        if (Values.TryGetValue("format", out var format) && format.ValueKind != JsonValueKind.String)
        {
            throw Invalid(box, "\"format\" is not a string");
        }

        if (Values.TryGetValue("virtual_size", out var size) && !(size.ValueKind == JsonValueKind.Number && size.TryGetDouble(out var gb) && gb > 0))
        {
            throw Invalid(box, "\"virtual_size\" is not a positive number");
        }

        if (!Values.TryGetValue("disks", out var disks))
        {
            return;
        }

        if (disks.ValueKind != JsonValueKind.Array || disks.GetArrayLength() == 0)
        {
            throw Invalid(box, "\"disks\" is not a non-empty array");
        }

        foreach (var disk in disks.EnumerateArray())
        {
            if (disk.ValueKind != JsonValueKind.Object
                || !disk.TryGetProperty("path", out var path)
                || path.ValueKind != JsonValueKind.String
                || !ArchivePath.TryNormalize(path.GetString(), out _))
            {
                throw Invalid(box, "every entry of \"disks\" needs a \"path\" to a file inside the box");
            }
        }
    }

    /// <summary>Checks that the files the metadata names are in <paramref name="directory"/>.</summary>
    public void CheckFiles(string directory, string box)
    {
        if (Provider != "libvirt")
        {
            return;
        }

        foreach (var disk in LibvirtDisks())
        {
            ArchivePath.TryNormalize(disk, out var relative);
            if (!File.Exists(Path.Combine(directory, relative)))
            {
                throw new VnetException($"Box '{box}' is not a valid libvirt box: its metadata.json names the disk image '{disk}', which the box does not contain.");
            }
        }
    }

    private static VnetException Invalid(string box, string why) =>
        new($"Box '{box}' has an invalid {FileName}: {why}.");
}
