using System.Globalization;
using System.Reflection;

namespace VagrantNet.Sdk.Config;

/// <summary>Names the provider a config class belongs to, so <c>Provider&lt;T&gt;</c> needs no string.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class ProviderNameAttribute(string name) : Attribute
{
    public string Name { get; } = name;
}

/// <summary>Base of a provider's typed settings (<c>LibvirtConfig</c>, ...).</summary>
public abstract class ProviderConfig : ConfigSection
{
    /// <summary>The provider name declared with <see cref="ProviderNameAttribute"/>.</summary>
    public static string NameOf(Type configType) =>
        configType.GetCustomAttribute<ProviderNameAttribute>()?.Name
        ?? throw new ConfigurationException($"{configType.FullName} has no [ProviderName] attribute, so vnet cannot tell which provider it configures.");

    /// <summary>Sets a setting by its Vagrant name (<c>nic_model_type</c>) or its property name (<c>NicModelType</c>).</summary>
    public void Set(string key, object? value)
    {
        var property = FindProperty(key)
            ?? throw new ConfigurationException($"The {NameOf(GetType())} provider has no setting '{key}'. Known settings: {string.Join(", ", SettableProperties().Select(p => ToSnakeCase(p.Name)))}.");
        try
        {
            property.SetValue(this, Convert(value, property.PropertyType));
        }
        catch (Exception e) when (e is InvalidCastException or FormatException or OverflowException or ArgumentException)
        {
            throw new ConfigurationException($"The {NameOf(GetType())} provider setting '{key}' cannot take {Describe(value)}: it expects {Describe(property.PropertyType)}.", e);
        }
    }

    private PropertyInfo? FindProperty(string key)
    {
        var wanted = Normalize(key);
        return SettableProperties().FirstOrDefault(p => Normalize(p.Name) == wanted);
    }

    private IEnumerable<PropertyInfo> SettableProperties() =>
        GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.SetMethod?.IsPublic == true);

    private static string Normalize(string name) => name.Replace("_", string.Empty).ToLowerInvariant();

    private static string ToSnakeCase(string name) =>
        string.Concat(name.Select((c, i) => char.IsUpper(c) && i > 0 ? "_" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));

    private static object? Convert(object? value, Type target)
    {
        var underlying = Nullable.GetUnderlyingType(target) ?? target;
        if (value is null || underlying.IsInstanceOfType(value))
        {
            return value;
        }

        if (underlying.IsEnum)
        {
            return Enum.Parse(underlying, value.ToString()!.Replace("_", string.Empty), ignoreCase: true);
        }

        if (underlying.IsArray && value is System.Collections.IEnumerable items and not string)
        {
            var element = underlying.GetElementType()!;
            var list = items.Cast<object?>().Select(i => Convert(i, element)).ToArray();
            var array = Array.CreateInstance(element, list.Length);
            Array.Copy(list, array, list.Length);
            return array;
        }

        return System.Convert.ChangeType(value, underlying, CultureInfo.InvariantCulture);
    }

    private static string Describe(object? value) => value is null ? "null" : $"{value.GetType().Name} '{value}'";

    private static string Describe(Type type) => (Nullable.GetUnderlyingType(type) ?? type).Name;
}

/// <summary>
/// Untyped provider settings, applied by name to the provider's typed config. With a <paramref name="target"/>,
/// each value is applied as it is written, so a bad setting throws from the script line that wrote it.
/// </summary>
public sealed class ProviderSettings(string provider, ProviderConfig? target = null)
{
    private readonly List<KeyValuePair<string, object?>> _values = [];

    public string Provider { get; } = provider;

    public object? this[string key]
    {
        get => _values.LastOrDefault(v => v.Key == key).Value;
        set
        {
            target?.Set(key, value);
            _values.Add(new(key, value));
        }
    }

    public void ApplyTo(ProviderConfig config)
    {
        foreach (var (key, value) in _values)
        {
            config.Set(key, value);
        }
    }
}
