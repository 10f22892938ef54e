using System.Text.Json;
using VagrantNet.Sdk.Config;

namespace VagrantNet.Core.Boxes;

/// <summary>
/// A box catalog in the Vagrant Cloud format: a box name, its versions, and for each version the
/// providers (and architectures) it is built for, with download URLs and checksums.
/// </summary>
public sealed record BoxCatalog(string Name, string? Description, IReadOnlyList<CatalogVersion> Versions)
{
    /// <summary>The largest catalog vnet reads.</summary>
    public const int MaxBytes = 16 << 20;

    /// <summary>Parses a catalog; every malformed shape is a <see cref="VnetException"/> naming <paramref name="source"/>.</summary>
    public static BoxCatalog Parse(ReadOnlySpan<byte> json, string source)
    {
        if (json.Length > MaxBytes)
        {
            throw Invalid(source, $"it is larger than {MaxBytes >> 20} MiB");
        }

        try
        {
            using var document = JsonDocument.Parse(json.ToArray(), new JsonDocumentOptions { MaxDepth = 64, AllowTrailingCommas = true });
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw Invalid(source, "it is not a JSON object");
            }

            var name = RequiredString(root, "name", source, "the catalog");
            var description = OptionalString(root, "description", source, "the catalog");
            var versions = new List<CatalogVersion>();
            if (root.TryGetProperty("versions", out var list))
            {
                if (list.ValueKind != JsonValueKind.Array)
                {
                    throw Invalid(source, "\"versions\" is not an array");
                }

                foreach (var item in list.EnumerateArray())
                {
                    versions.Add(ParseVersion(item, source));
                }
            }

            return new BoxCatalog(name, description, versions);
        }
        catch (JsonException e)
        {
            throw Invalid(source, $"it is not valid JSON ({e.Message})");
        }
    }

    private static CatalogVersion ParseVersion(JsonElement item, string source)
    {
        if (item.ValueKind != JsonValueKind.Object)
        {
            throw Invalid(source, "an entry of \"versions\" is not an object");
        }

        var text = RequiredString(item, "version", source, "a version");
        if (!BoxVersionNumber.TryParse(text, out var number))
        {
            throw Invalid(source, $"'{text}' is not a version number");
        }

        var providers = new List<CatalogProvider>();
        if (item.TryGetProperty("providers", out var list))
        {
            if (list.ValueKind != JsonValueKind.Array)
            {
                throw Invalid(source, $"\"providers\" of version {text} is not an array");
            }

            foreach (var provider in list.EnumerateArray())
            {
                if (provider.ValueKind != JsonValueKind.Object)
                {
                    throw Invalid(source, $"a provider of version {text} is not an object");
                }

                var where = $"a provider of version {text}";
                providers.Add(new CatalogProvider(
                    RequiredString(provider, "name", source, where),
                    RequiredString(provider, "url", source, where),
                    OptionalString(provider, "checksum", source, where),
                    OptionalString(provider, "checksum_type", source, where),
                    OptionalString(provider, "architecture", source, where),
                    provider.TryGetProperty("default_architecture", out var isDefault) && isDefault.ValueKind == JsonValueKind.True));
            }
        }

        return new CatalogVersion(text, number, providers);
    }

    private static string RequiredString(JsonElement element, string property, string source, string where) =>
        OptionalString(element, property, source, where) is { Length: > 0 } value
            ? value
            : throw Invalid(source, $"{where} has no \"{property}\"");

    private static string? OptionalString(JsonElement element, string property, string source, string where)
    {
        if (!element.TryGetProperty(property, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : throw Invalid(source, $"\"{property}\" of {where} is not a string");
    }

    private static VnetException Invalid(string source, string why) => new($"The box catalog at {source} is invalid: {why}.");

    /// <summary>Versions newest first.</summary>
    public IEnumerable<CatalogVersion> Newest() => Versions.OrderByDescending(v => v.Number);

    /// <summary>
    /// The newest version satisfying <paramref name="constraint"/> that offers the provider (any when null) for the
    /// architecture (exact match, else an entry that names none; with a null architecture, the catalog's default).
    /// </summary>
    public CatalogChoice Select(string? constraint, string? provider, string? architecture, string? preferredProvider = null)
    {
        var wanted = Constraint(constraint);
        var satisfying = Newest().Where(v => wanted.IsSatisfiedBy(v.Number)).ToList();
        if (satisfying.Count == 0)
        {
            throw new VnetException(
                $"The box '{Name}' has no version matching the constraint '{constraint}'. Available versions: {Available()}.");
        }

        foreach (var version in satisfying)
        {
            var candidates = version.Providers
                .Where(p => provider is null || p.Name == provider)
                .Select(p => (Provider: p, Architecture: ArchitectureMatch(p, version, architecture)))
                .Where(c => c.Architecture is not null)
                .ToList();
            if (candidates.Count == 0)
            {
                continue;
            }

            var names = candidates.Select(c => c.Provider.Name).Distinct().ToList();
            var chosen = names.Count == 1 ? names[0]
                : preferredProvider is not null && names.Contains(preferredProvider) ? preferredProvider
                : throw new VnetException($"The box '{Name}' (v{version.Version}) is available for several providers ({string.Join(", ", names)}); choose one with --provider.");
            var pick = candidates.Where(c => c.Provider.Name == chosen).OrderByDescending(c => c.Provider.Architecture == c.Architecture).First();
            return new CatalogChoice(version, pick.Provider, pick.Architecture!);
        }

        var offered = satisfying
            .SelectMany(v => v.Providers.Select(p => p.Architecture is null ? p.Name : $"{p.Name} ({p.Architecture})"))
            .Distinct();
        throw new VnetException(
            $"The box '{Name}' has no version{(constraint is null ? string.Empty : $" matching '{constraint}'")} for provider '{provider ?? "any"}' and architecture '{architecture ?? "default"}'. It offers: {string.Join(", ", offered)}.");
    }

    /// <summary>The newest version offering <paramref name="provider"/> for <paramref name="architecture"/>, if any.</summary>
    public CatalogVersion? NewestFor(string provider, string architecture, string? constraint = null)
    {
        var wanted = Constraint(constraint);
        return Newest().FirstOrDefault(v => wanted.IsSatisfiedBy(v.Number)
            && v.Providers.Any(p => p.Name == provider && ArchitectureMatch(p, v, architecture) is not null));
    }

    /// <summary>Parses a <c>--box-version</c> constraint; null means any version.</summary>
    public static VersionConstraint Constraint(string? text) =>
        text is null ? VersionConstraint.Any
        : VersionConstraint.TryParse(text, out var constraint, out var why) ? constraint
        : throw new VnetException($"'{text}' is not a valid version constraint: {why}.");

    private static string? ArchitectureMatch(CatalogProvider entry, CatalogVersion version, string? architecture)
    {
        if (architecture is null)
        {
            // No architecture asked for: the entry the catalog marks as default, or the only one.
            var sameName = version.Providers.Where(p => p.Name == entry.Name).ToList();
            var isDefault = entry.DefaultArchitecture || sameName.Count == 1 || (sameName.All(p => !p.DefaultArchitecture) && sameName[0] == entry);
            return isDefault ? entry.Architecture ?? BoxNames.DefaultArchitecture : null;
        }

        if (entry.Architecture == architecture)
        {
            return architecture;
        }

        // Catalogs older than architecture support name none; such an entry fits what was asked for.
        return entry.Architecture is null && !version.Providers.Any(p => p.Name == entry.Name && p.Architecture == architecture)
            ? architecture
            : null;
    }

    private string Available() => Versions.Count == 0 ? "none" : string.Join(", ", Newest().Select(v => v.Version));
}

public sealed record CatalogVersion(string Version, BoxVersionNumber Number, IReadOnlyList<CatalogProvider> Providers);

public sealed record CatalogProvider(string Name, string Url, string? Checksum, string? ChecksumType, string? Architecture, bool DefaultArchitecture);

/// <summary>What a catalog resolved to: the version, the provider entry and the architecture to store it under.</summary>
public sealed record CatalogChoice(CatalogVersion Version, CatalogProvider Provider, string Architecture);
