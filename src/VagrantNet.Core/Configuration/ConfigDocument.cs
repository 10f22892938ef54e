using System.Collections;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using VagrantNet.Sdk.Config;

namespace VagrantNet.Core.Configuration;

/// <summary>
/// <c>vnet config</c>'s view of a machine's merged, finalized configuration as JSON: every public setting of every section,
/// the provider's included, under snake_case keys made from the C# names (<c>BoxVersion</c> is <c>box_version</c>, as
/// Vagrant's <c>box_version</c>). Walked by reflection, so a new setting appears without this class changing; secrets
/// (passwords, tokens, secret keys) are masked. Merge inputs (Define blocks, provider blocks) hold code, not settings,
/// and are left out.
/// </summary>
public static class ConfigDocument
{
    public const string Mask = "********";

    private const int MaxDepth = 16;

    /// <summary>One machine: its name, provider, and each section.</summary>
    public static JsonObject Machine(string name, string provider, RootConfig config, ProviderConfig providerConfig) => new()
    {
        ["name"] = name,
        ["provider"] = provider,
        ["vm"] = Object(config.Vm, 0),
        ["ssh"] = Object(config.Ssh, 0),
        ["vnet"] = Object(config.Vnet, 0),
        ["trigger"] = Object(config.Trigger, 0),
        ["provider_settings"] = Object(providerConfig, 0),
    };

    /// <summary>Every machine as <c>{"machines": [...]}</c>, indented.</summary>
    public static string Json(IEnumerable<JsonObject> machines) => Indented(new JsonObject { ["machines"] = new JsonArray([.. machines]) });

    /// <summary>The node as indented JSON, written without System.Text.Json's reflection (off in this build).</summary>
    public static string Indented(JsonNode node)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            node.WriteTo(writer);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>The readable listing: one <c>key.path = value</c> line per setting, in the JSON's order.</summary>
    public static string Listing(JsonObject machine)
    {
        var text = new StringBuilder();
        foreach (var (key, value) in machine)
        {
            if (key is not ("name" or "provider"))
            {
                Flatten(text, key, value);
            }
        }

        return text.ToString();
    }

    /// <summary>snake_case of a C# name: <c>BoxDownloadCaCert</c> is <c>box_download_ca_cert</c>.</summary>
    public static string SnakeCase(string name)
    {
        var text = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c) && i > 0 && (char.IsLower(name[i - 1]) || char.IsDigit(name[i - 1]) || (i + 1 < name.Length && char.IsLower(name[i + 1]))))
            {
                text.Append('_');
            }

            text.Append(char.ToLowerInvariant(c));
        }

        return text.ToString();
    }

    /// <summary>Whether a setting of this name holds a secret to mask.</summary>
    public static bool IsSecret(string name)
    {
        var key = name.Replace("_", string.Empty, StringComparison.Ordinal).ToLowerInvariant();
        return key.Contains("password", StringComparison.Ordinal) || key.Contains("token", StringComparison.Ordinal)
            || key.Contains("secret", StringComparison.Ordinal) || key.Contains("passphrase", StringComparison.Ordinal) || key.Contains("passwd", StringComparison.Ordinal);
    }

    private static JsonNode? Value(object? value, int depth)
    {
        switch (value)
        {
            case null:
                return null;
            case string text:
                return JsonValue.Create(text);
            case bool flag:
                return JsonValue.Create(flag);
            case int or long or uint or short or ushort or byte:
                return JsonValue.Create(Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture));
            case ulong big:
                return JsonValue.Create(big);
            case double or float or decimal:
                return JsonValue.Create(Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture));
            case Enum e:
                return SnakeCase(e.ToString());
            case Delegate or Type:
                return null;
            case IDictionary dictionary:
                return Dictionary(dictionary, depth);
            case IEnumerable list:
                return new JsonArray([.. list.Cast<object?>().Select(v => Value(v, depth + 1))]);
        }

        if (depth > MaxDepth)
        {
            return value.ToString();
        }

        var type = value.GetType();
        if (type.IsPrimitive || value is Guid or TimeSpan or DateTimeOffset or Uri)
        {
            return value.ToString();
        }

        return Object(value, depth);
    }

    private static JsonObject Object(object value, int depth)
    {
        var json = new JsonObject();
        foreach (var property in Settings(value.GetType()))
        {
            var setting = property.GetValue(value);
            var name = SnakeCase(property.Name);
            if (setting is ConfigSection section && Settings(section.GetType()).ToList() is [{ } only] && typeof(IEnumerable).IsAssignableFrom(only.PropertyType))
            {
                // A section that is only a list is that list, named as Vagrant names it (vm.networks, vm.provisioners) when
                // the list's name extends the section's, else by the section (vm.cloud_init).
                var list = only.Name.StartsWith(property.Name, StringComparison.Ordinal) ? SnakeCase(only.Name) : name;
                json[list] = Value(only.GetValue(section), depth + 1);
                continue;
            }

            json[name] = IsSecret(property.Name) && setting is not null ? Mask : Value(setting, depth + 1);
        }

        return json;
    }

    private static JsonObject Dictionary(IDictionary dictionary, int depth)
    {
        var json = new JsonObject();
        foreach (DictionaryEntry entry in dictionary)
        {
            var key = Convert.ToString(entry.Key, System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty;
            json[key] = IsSecret(key) && entry.Value is not null ? Mask : Value(entry.Value, depth + 1);
        }

        return json;
    }

    /// <summary>The public readable settings of a config type, in declaration order, without code-holding merge inputs.</summary>
    private static IEnumerable<PropertyInfo> Settings(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetIndexParameters().Length == 0 && p.GetMethod is not null && !HoldsCode(p.PropertyType))
            .OrderBy(p => p.DeclaringType == type ? 1 : 0)
            .ThenBy(p => p.MetadataToken);

    /// <summary>A delegate, or a list of records that carry one (Define and provider blocks): code to run, not a setting.</summary>
    private static bool HoldsCode(Type type)
    {
        if (typeof(Delegate).IsAssignableFrom(type) || type == typeof(Type))
        {
            return true;
        }

        var element = type.IsArray ? type.GetElementType() : type.IsGenericType && typeof(IEnumerable).IsAssignableFrom(type) && type != typeof(string) ? type.GetGenericArguments()[^1] : null;
        return element is not null && !element.IsPrimitive && element != typeof(string)
            && element.GetProperties(BindingFlags.Public | BindingFlags.Instance).Any(p => typeof(Delegate).IsAssignableFrom(p.PropertyType));
    }

    private static void Flatten(StringBuilder text, string path, JsonNode? value)
    {
        switch (value)
        {
            case JsonObject json when json.Count > 0:
                foreach (var (key, child) in json)
                {
                    Flatten(text, path + "." + key, child);
                }

                break;
            case JsonArray array when array.Count > 0:
                for (var i = 0; i < array.Count; i++)
                {
                    Flatten(text, $"{path}[{i}]", array[i]);
                }

                break;
            default:
                text.Append(path).Append(" = ").Append(value is null ? "null" : value.ToJsonString()).Append('\n');
                break;
        }
    }
}
