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

    /// <summary>
    /// Validates what the machine's config holds for this provider outside this object, such as the
    /// <c>libvirt__</c> options of its networks. Called after <see cref="ConfigSection.Validate"/>; by default checks nothing.
    /// </summary>
    public virtual void ValidateMachine(RootConfig machine, ValidationErrors errors)
    {
    }

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
            throw new ConfigurationException($"The {NameOf(GetType())} provider setting {UserText.Quote(key)} cannot take {Describe(value)}: it expects {Describe(property.PropertyType)}.", e);
        }
    }

    /// <summary>Whether <see cref="Set"/> takes this setting name (<c>nic_model_type</c> or <c>NicModelType</c>).</summary>
    public bool HasSetting(string key) => FindProperty(key) is not null;

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

    /// <summary>
    /// Converts only where nothing is lost or guessed: a whole number of any integer type to another integer type it
    /// fits in, any number to a floating-point setting, a name to an enum, a list element by element. A bool is not
    /// a number, a fraction is not a whole number and text is not a number: each is refused.
    /// </summary>
    private static object? Convert(object? value, Type target)
    {
        var underlying = Nullable.GetUnderlyingType(target) ?? target;
        if (value is null)
        {
            return !target.IsValueType || Nullable.GetUnderlyingType(target) is not null ? null : throw new InvalidCastException();
        }

        if (underlying.IsInstanceOfType(value))
        {
            return value;
        }

        if (underlying.IsEnum)
        {
            return value is string name && Enum.GetNames(underlying).FirstOrDefault(n => string.Equals(n, name.Replace("_", string.Empty), StringComparison.OrdinalIgnoreCase)) is { } found
                ? Enum.Parse(underlying, found)
                : throw new InvalidCastException();
        }

        if (underlying.IsArray && value is System.Collections.IEnumerable items and not string)
        {
            var element = underlying.GetElementType()!;
            var list = items.Cast<object?>().Select(i => Convert(i, element)).ToArray();
            var array = Array.CreateInstance(element, list.Length);
            Array.Copy(list, array, list.Length);
            return array;
        }

        if (IsInteger(underlying) && IsInteger(value.GetType()))
        {
            // Checked: a value the setting cannot hold is an OverflowException, reported as a bad value.
            return System.Convert.ChangeType(value, underlying, CultureInfo.InvariantCulture);
        }

        if (underlying == typeof(double) || underlying == typeof(float) || underlying == typeof(decimal))
        {
            return IsInteger(value.GetType()) || value is double or float or decimal
                ? System.Convert.ChangeType(value, underlying, CultureInfo.InvariantCulture)
                : throw new InvalidCastException();
        }

        throw new InvalidCastException();
    }

    private static bool IsInteger(Type type) =>
        type == typeof(int) || type == typeof(long) || type == typeof(short) || type == typeof(sbyte)
        || type == typeof(uint) || type == typeof(ulong) || type == typeof(ushort) || type == typeof(byte);

    private static string Describe(object? value) => value switch
    {
        null => "null",
        bool b => $"Boolean {(b ? "true" : "false")}",
        string text => $"String {UserText.Quote(text)}",
        IFormattable number => $"{value.GetType().Name} {number.ToString(null, CultureInfo.InvariantCulture)}",
        _ => $"{value.GetType().Name} {UserText.Quote(value.ToString())}",
    };

    private static string Describe(Type type)
    {
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        return underlying.IsEnum
            ? $"{underlying.Name} (one of {string.Join(", ", Enum.GetNames(underlying).Select(ToSnakeCase))})"
            : underlying.Name;
    }
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
