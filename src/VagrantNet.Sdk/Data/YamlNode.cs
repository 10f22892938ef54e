using System.Collections;
using System.Globalization;
using VagrantNet.Sdk.Config;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace VagrantNet.Sdk.Data;

/// <summary>
/// One value of a YAML file read by <see cref="YamlData.Load"/>: a mapping (indexed by key), a sequence (enumerated,
/// or indexed by position), a scalar (converted with an explicit cast) or nothing (a missing key or a null). Reading
/// a missing key gives a node that is nothing, as Ruby gives nil; converting nothing, or a scalar that is not of the
/// wanted kind, fails with a message naming the file and the key.
/// </summary>
public sealed class YamlNode : IEnumerable<YamlNode>
{
    private readonly string _file;
    private readonly string _path;
    private readonly YamlDotNet.RepresentationModel.YamlNode? _node;

    internal YamlNode(string file, string path, YamlDotNet.RepresentationModel.YamlNode? node)
    {
        _file = file;
        _path = path;
        _node = node is YamlScalarNode { Style: ScalarStyle.Plain, Value: "~" or "null" or "Null" or "NULL" or "" } ? null : node;
    }

    /// <summary>Where this value is, for messages: <c>servers[0].ip</c>.</summary>
    public string Path => _path.Length == 0 ? "the document" : _path;

    /// <summary>False for a missing key or a YAML null.</summary>
    public bool Exists => _node is not null;

    /// <summary>Ruby's truth: false for nothing and for <c>false</c>, true for anything else.</summary>
    public bool Truthy => _node is not null && !(_node is YamlScalarNode { Style: ScalarStyle.Plain } s && IsFalse(s.Value));

    /// <summary>The value at a key of a mapping; nothing when the mapping lacks it.</summary>
    public YamlNode this[string key]
    {
        get
        {
            var child = Mapping(key).Children.FirstOrDefault(c => c.Key is YamlScalarNode s && s.Value == key).Value;
            return new YamlNode(_file, _path.Length == 0 ? key : $"{_path}.{key}", child);
        }
    }

    /// <summary>The item at a position of a sequence (negative counts from the end, as in Ruby); nothing past its end.</summary>
    public YamlNode this[int index]
    {
        get
        {
            var items = Sequence().Children;
            var at = index < 0 ? items.Count + index : index;
            return new YamlNode(_file, $"{_path}[{index}]", at >= 0 && at < items.Count ? items[at] : null);
        }
    }

    /// <summary>Whether a mapping has the key.</summary>
    public bool Has(string key) => Mapping(key).Children.Any(c => c.Key is YamlScalarNode s && s.Value == key);

    /// <summary>The keys of a mapping, in the file's order.</summary>
    public IReadOnlyList<string> Keys => [.. Mapping(null).Children.Keys.Select(k => ((YamlScalarNode)k).Value ?? string.Empty)];

    /// <summary>The key/value pairs of a mapping, in the file's order (what Ruby's <c>hash.each do |k, v|</c> walks).</summary>
    public IEnumerable<KeyValuePair<string, YamlNode>> Pairs => Keys.Select(k => KeyValuePair.Create(k, this[k]));

    /// <summary>The number of items of a sequence or pairs of a mapping.</summary>
    public int Count => _node switch
    {
        YamlSequenceNode s => s.Children.Count,
        YamlMappingNode m => m.Children.Count,
        _ => throw Wrong("a list or a mapping"),
    };

    /// <summary>
    /// A scalar as YAML's core schema types it (a whole number, a fraction, true/false, else text; quoted is always
    /// text), null for nothing: what a provider setting set by name receives.
    /// </summary>
    public object? Value => _node switch
    {
        null => null,
        YamlScalarNode { Style: not ScalarStyle.Plain } s => s.Value,
        YamlScalarNode s when int.TryParse(s.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var i) => i,
        YamlScalarNode s when long.TryParse(s.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l) => l,
        YamlScalarNode s when double.TryParse(s.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => d,
        YamlScalarNode s when IsTrue(s.Value) => true,
        YamlScalarNode s when IsFalse(s.Value) => false,
        YamlScalarNode s => s.Value,
        _ => throw Wrong("a single value"),
    };

    public static explicit operator string(YamlNode node) => ArgumentNullExceptionOr(node).Scalar("text");

    /// <summary>A scalar's text, or null for nothing (for <c>node.Text ?? "default"</c>).</summary>
    public string? Text => Exists ? Scalar("text") : null;

    public static explicit operator int(YamlNode node) =>
        int.TryParse(ArgumentNullExceptionOr(node).Scalar("a whole number"), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw node.Wrong("a whole number");

    public static explicit operator int?(YamlNode? node) => node is null || !node.Exists ? null : (int)node;

    public static explicit operator double(YamlNode node) =>
        double.TryParse(ArgumentNullExceptionOr(node).Scalar("a number"), NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw node.Wrong("a number");

    public static explicit operator double?(YamlNode? node) => node is null || !node.Exists ? null : (double)node;

    public static explicit operator bool(YamlNode node)
    {
        var text = ArgumentNullExceptionOr(node).Scalar("true or false");
        return IsTrue(text) || (!IsFalse(text) ? throw node.Wrong("true or false") : false);
    }

    public static explicit operator bool?(YamlNode? node) => node is null || !node.Exists ? null : (bool)node;

    /// <summary>The items of a sequence; nothing has none (Ruby would fail on nil, a loop over a missing list is empty here too rarely to matter).</summary>
    public IEnumerator<YamlNode> GetEnumerator() =>
        _node is null
            ? throw Wrong("a list")
            : Sequence().Children.Select((item, i) => new YamlNode(_file, $"{_path}[{i}]", item)).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>A scalar's text, as Ruby's interpolation shows it; empty for nothing.</summary>
    public override string ToString() => _node is YamlScalarNode s ? s.Value ?? string.Empty : _node is null ? string.Empty : $"({Path} in {_file})";

    private static YamlNode ArgumentNullExceptionOr(YamlNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        return node;
    }

    private string Scalar(string wanted) => _node is YamlScalarNode s ? s.Value ?? string.Empty : throw Wrong(wanted);

    private YamlMappingNode Mapping(string? key) =>
        _node as YamlMappingNode ?? throw Wrong(key is null ? "a mapping" : $"a mapping with the key '{key}'");

    private YamlSequenceNode Sequence() => _node as YamlSequenceNode ?? throw Wrong("a list");

    private ConfigurationException Wrong(string wanted)
    {
        var what = _node switch
        {
            null => "missing",
            YamlScalarNode s => $"'{s.Value}'",
            YamlSequenceNode => "a list",
            _ => "a mapping",
        };
        var at = _node is null ? string.Empty : $"({_node.Start.Line},{_node.Start.Column})";
        return new ConfigurationException($"{_file}{at}: {Path} is {what}, not {wanted}.");
    }

    private static bool IsTrue(string? text) => text is "true" or "True" or "TRUE" or "yes" or "Yes" or "on" or "On";

    private static bool IsFalse(string? text) => text is "false" or "False" or "FALSE" or "no" or "No" or "off" or "Off";
}
