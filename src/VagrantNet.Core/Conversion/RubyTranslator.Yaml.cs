using VagrantNet.Core.Conversion.Ruby;

namespace VagrantNet.Core.Conversion;

/// <summary>
/// <c>YAML.load_file("machines.yml")</c> and what Vagrantfiles do with its result, over the SDK's
/// <c>YamlData.Load</c>, which reads the same file relative to the script: keys and positions index it, lists
/// enumerate, mappings walk as pairs, and a value is cast where a setting wants text, a number or a flag.
/// </summary>
internal sealed partial class RubyTranslator
{
    private Cs? YamlLoad(RubyCall call, string constant)
    {
        var path = (constant, call.Name, call.Positional) switch
        {
            ("YAML" or "Psych", "load_file" or "safe_load_file", [var file, ..]) => file,
            ("YAML" or "Psych", "load" or "safe_load", [RubyCall { Receiver: RubyConstant { Scope: null, Name: "File" }, Name: "read", Positional: [var file] }, ..]) => file,
            _ => null,
        };
        return path is null ? null : new Cs($"YamlData.Load({YamlPath(path)})", CsType.Yaml);
    }

    /// <summary>The file's path as YamlData.Load takes it: the script's own directory is where it looks already.</summary>
    private string YamlPath(RubyNode path)
    {
        if (path is RubyCall { Receiver: RubyConstant { Scope: null, Name: "File" }, Name: "join" } join && join.Positional.Count > 1 && IsThisDirectory(join.Positional[0]))
        {
            var rest = join.Positional.Skip(1).Select(r => Coerce(Expression(r), CsType.String, r).Code).ToList();
            return rest.Count == 1 ? rest[0] : $"Path.Combine({string.Join(", ", rest)})";
        }

        return Coerce(Expression(path), CsType.String, path).Code;
    }

    private static bool IsThisDirectory(RubyNode node) =>
        node is RubyCall { Receiver: null, Name: "__dir__" }
            or RubyCall { Receiver: RubyConstant { Scope: null, Name: "File" }, Name: "dirname", Positional: [RubyCall { Name: "__FILE__" }] };

    private Cs YamlIndex(Cs target, RubyNode key) => key switch
    {
        RubySymbol s => new Cs($"{target.Code}[{CsLiteral.String(s.Name)}]", CsType.Yaml),
        _ => Expression(key) is var k && (k.Type == CsType.String || k.Type == CsType.Int)
            ? new Cs($"{target.Code}[{k.Code}]", CsType.Yaml)
            : throw Cannot(key, "a YAML key that is neither text nor a position"),
    };

    private Cs YamlMethod(RubyCall call, Cs target, List<Cs> args)
    {
        var t = target.Code;
        switch (call.Name)
        {
            case "key?" or "has_key?" or "include?" when args.Count == 1:
                return new Cs($"{t}.Has({Coerce(args[0], CsType.String, call).Code})", CsType.Bool);
            case "length" or "size" or "count" when args.Count == 0 && call.Block is null:
                return new Cs($"{t}.Count", CsType.Int);
            case "keys" when args.Count == 0:
                return new Cs($"{t}.Keys", new CsType.Array(CsType.String));
            case "nil?":
                return new Cs($"!{t}.Exists", CsType.Bool);
            case "to_s":
                return new Cs($"{t}.ToString()", CsType.String);
            case "to_i":
                return new Cs($"(int){t}", CsType.Int);
            case "first" when args.Count == 0:
                return new Cs($"{t}[0]", CsType.Yaml);
            case "fetch" when args.Count == 1:
                return YamlIndex(target, call.Positional[0]);
            case "fetch" when args.Count == 2:
                return YamlOr(YamlIndex(target, call.Positional[0]), args[1]);
            default:
                throw Cannot(call, $"the method '{call.Name}' on a value read from YAML");
        }
    }

    /// <summary>Ruby's <c>yaml_value || default</c>: the default where the key is missing or null.</summary>
    private static Cs YamlOr(Cs yaml, Cs fallback)
    {
        if (fallback.Type == CsType.String)
        {
            return new Cs($"({yaml.Code}.Text ?? {fallback.Code})", CsType.String);
        }

        if (fallback.Type == CsType.Int || fallback.Type == CsType.Bool || fallback.Type == CsType.Double)
        {
            return new Cs($"(({fallback.Type.Name}?){yaml.Code} ?? {fallback.Code})", fallback.Type);
        }

        return fallback.Type == CsType.Yaml ? new Cs($"({yaml.Code}.Exists ? {yaml.Code} : {fallback.Code})", CsType.Yaml) : new Cs($"({yaml.Code}.Value ?? {fallback.Code})", CsType.Object);
    }

    /// <summary>A value read from YAML, cast to what a setting wants; null when <paramref name="wanted"/> is no cast's.</summary>
    private static Cs? YamlCast(Cs value, CsType wanted)
    {
        if (wanted == CsType.String || wanted == CsType.Int || wanted == CsType.Bool || wanted == CsType.Double)
        {
            return new Cs($"({wanted.Name}){value.Code}", wanted);
        }

        if (wanted == CsType.Object)
        {
            return new Cs($"{value.Code}.Value", CsType.Object);
        }

        if (wanted is CsType.Array { Element: var element } && (element == CsType.String || element == CsType.Int))
        {
            return new Cs($"{value.Code}.Select(item => ({element.Name})item).ToArray()", wanted);
        }

        return null;
    }

    /// <summary>What goes into an untyped slot (a provider setting, an options dictionary): a YAML value as its plain value.</summary>
    private static Cs Plain(Cs value) => value.Type == CsType.Yaml ? new Cs($"{value.Code}.Value", CsType.Object) : value;
}
