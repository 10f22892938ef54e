using System.Reflection;
using VagrantNet.Core.Conversion.Ruby;
using VagrantNet.Sdk.Config;

namespace VagrantNet.Core.Conversion;

/// <summary>Vagrant's configuration calls, each as its Vagrantfile.csx equivalent.</summary>
internal sealed partial class RubyTranslator
{
    // The providers vnet has; a block for any other (virtualbox, vmware_desktop, hyperv) is kept as a comment.
    private static readonly HashSet<string> Providers = ["libvirt", "podman"];

    private static readonly HashSet<string> IterationMethods = ["each", "each_pair", "each_with_index", "times", "upto", "each_entry"];

    private void CallStatement(RubyCall call)
    {
        if (call is { Receiver: RubyConstant { Scope: null, Name: "Vagrant" }, Name: "configure", Block: { } configure })
        {
            if (call.Positional is [var version] && Expression(version).Code is not ("\"2\"" or "2"))
            {
                throw Cannot(version, "a configuration version other than \"2\"");
            }

            var name = configure.Parameters.FirstOrDefault() ?? "config";
            _out.Line($"Vagrant.Configure({CsLiteral.Name(name)} =>");
            Block(configure.Body, "});", (name, new CsType.Config(typeof(RootConfig))));
            return;
        }

        if (call is { Receiver: RubyConstant { Scope: null, Name: "Vagrant" }, Name: "require_version" })
        {
            _out.Line($"// Vagrant.require_version {string.Join(", ", call.Positional.Select(p => Expression(p).Code))}: vnet does not check Vagrant's version.");
            return;
        }

        if (call is { Receiver: null, Name: "require" or "require_relative", Positional: [RubyString { Literal: { } library }] })
        {
            if (call.Name == "require_relative" || library is not ("yaml" or "json" or "fileutils" or "etc" or "socket" or "ipaddr" or "securerandom" or "English" or "pathname"))
            {
                throw Cannot(call, $"{call.Name} '{library}' (its Ruby code is not converted)");
            }

            _out.Line($"// require '{library}': not needed in C#.");
            return;
        }

        if (call.Block is { } block && IterationMethods.Contains(call.Name) && call.Receiver is not null)
        {
            Iteration(call, block);
            return;
        }

        if (call.Receiver is not null && ConfigPath(call.Receiver) is { } path)
        {
            ConfigCall(call, path);
            return;
        }

        var expression = Expression(call);
        _out.Line(expression.Code + ";");
    }

    private void Iteration(RubyCall call, RubyBlock block)
    {
        var receiver = Expression(call.Receiver!);
        switch (call.Name)
        {
            case "times":
                ForEach(call, block.Parameters, new Cs($"Enumerable.Range(0, {receiver.Code})", new CsType.Array(CsType.Int)), block.Body);
                return;
            case "upto" when call.Positional.Count == 1:
                {
                    var to = Expression(call.Positional[0]);
                    ForEach(call, block.Parameters, new Cs($"Enumerable.Range({receiver.Code}, {Parenthesized(to)} - {Parenthesized(receiver)} + 1)", new CsType.Array(CsType.Int)), block.Body);
                    return;
                }

            case "each_with_index":
                {
                    var element = ElementOf(receiver.Type);
                    var indexed = new Cs($"{receiver.Code}.Select((item, index) => (item, index))", new CsType.Array(new CsType.Tuple([element, CsType.Int])));
                    if (block.Parameters.Count == 3 && element is CsType.Dictionary dict)
                    {
                        var p = block.Parameters.Select(CsLiteral.Name).ToList();
                        _out.Line($"foreach (var (({p[0]}, {p[1]}), {p[2]}) in {indexed.Code})");
                        Block(block.Body, null, (block.Parameters[0], dict.Key), (block.Parameters[1], dict.Value), (block.Parameters[2], CsType.Int));
                        return;
                    }

                    ForEach(call, block.Parameters, indexed, block.Body);
                    return;
                }

            default:
                ForEach(call, block.Parameters, receiver, block.Body);
                return;
        }
    }

    /// <summary>For <c>config.vm</c>, <c>web.ssh</c>, <c>lv</c>: the configuration object the call is made on.</summary>
    private CsType? ConfigPath(RubyNode receiver)
    {
        try
        {
            var type = Expression(receiver).Type;
            return type is CsType.Config or CsType.ProviderSettings or CsType.Trigger ? type : null;
        }
        catch (NotConvertibleException)
        {
            return null;
        }
    }

    private void ConfigCall(RubyCall call, CsType on)
    {
        var receiver = Expression(call.Receiver!);
        switch (on)
        {
            case CsType.Config { ClrType: var t } when t == typeof(VmConfig):
                switch (call.Name)
                {
                    case "define":
                        Define(call, receiver);
                        return;
                    case "provider":
                        ProviderBlock(call, receiver);
                        return;
                    case "network":
                        Network(call, receiver);
                        return;
                    case "synced_folder":
                        SyncedFolder(call, receiver);
                        return;
                    case "provision":
                        Provision(call, receiver);
                        return;
                }

                break;
            case CsType.Config { ClrType: var t } when t == typeof(TriggerConfig) && call.Name is "before" or "after":
                Trigger(call, receiver);
                return;
            case CsType.ProviderSettings settings:
                throw Cannot(call, $"the {settings.Provider} provider's method '{call.Name}' (the untyped provider settings take only 'key = value'; use the typed provider config)");
        }

        throw Cannot(call, $"'{call.Name}' on {RubyPathOf(call.Receiver!)} (vnet has no such configuration call)");
    }

    private static string RubyPathOf(RubyNode node) => node switch
    {
        RubyCall { Receiver: { } r } c => RubyPathOf(r) + "." + c.Name,
        RubyCall c => c.Name,
        RubyLocal l => l.Name,
        _ => "it",
    };

    // ---- settings: config.vm.box = "x" ----

    private void AttributeAssignment(RubyAssign assign, RubyNode receiver, string name)
    {
        var target = Expression(receiver);
        switch (target.Type)
        {
            case CsType.ProviderSettings settings:
                if (_options.KnownProviderSetting is { } known && !known(settings.Provider, name))
                {
                    throw Cannot(assign, $"the {settings.Provider} provider setting '{name}' (vnet's {settings.Provider} provider has no such setting)");
                }

                _out.Line($"{target.Code}[{CsLiteral.String(name)}] = {Plain(Expression(assign.Value)).Code};");
                return;
            case CsType.Config config:
                {
                    var property = SettableProperty(config.ClrType, name)
                        ?? throw Cannot(assign, $"the setting '{RubyPathOf(receiver)}.{name}' (vnet has no such setting)");
                    var value = ValueFor(assign.Value, property.PropertyType);
                    _out.Line($"{target.Code}.{property.Name} = {value.Code};");
                    return;
                }

            default:
                throw Cannot(assign, $"setting '{name}' on {Describe(target.Type)}");
        }
    }

    private static PropertyInfo? SettableProperty(Type type, string rubyName)
    {
        var property = type.GetProperty(CsLiteral.Pascal(rubyName), BindingFlags.Public | BindingFlags.Instance);
        return property?.SetMethod?.IsPublic == true ? property : null;
    }

    /// <summary>A member access on a configuration object: a section (<c>config.Vm</c>) or a setting's value.</summary>
    private Cs ConfigMember(RubyCall call, Cs target, Type type)
    {
        var property = type.GetProperty(CsLiteral.Pascal(call.Name), BindingFlags.Public | BindingFlags.Instance);
        if (property is null || call.Arguments.Count > 0 || call.Block is not null)
        {
            throw Cannot(call, $"'{RubyPathOf(call)}' (vnet has no such configuration)");
        }

        return new Cs($"{target.Code}.{property.Name}", TypeOf(property.PropertyType));
    }

    private static CsType TypeOf(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type == typeof(string))
        {
            return CsType.String;
        }

        if (type == typeof(int) || type == typeof(long))
        {
            return CsType.Int;
        }

        if (type == typeof(bool))
        {
            return CsType.Bool;
        }

        if (type == typeof(double))
        {
            return CsType.Double;
        }

        if (type.IsArray)
        {
            return new CsType.Array(TypeOf(type.GetElementType()!));
        }

        if (typeof(ConfigSection).IsAssignableFrom(type) || type == typeof(TriggerDefinition))
        {
            return new CsType.Config(type);
        }

        return CsType.Object;
    }

    /// <summary>A Ruby value for a setting of CLR type <paramref name="type"/>: enums from symbols, objects from hashes.</summary>
    private Cs ValueFor(RubyNode value, Type type)
    {
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        if (underlying.IsEnum)
        {
            var name = value switch
            {
                RubySymbol s => s.Name,
                RubyString { Literal: { } l } => l,
                _ => throw Cannot(value, $"a value for {underlying.Name} that is not a literal"),
            };
            var member = Enum.GetNames(underlying).FirstOrDefault(n => string.Equals(n, CsLiteral.Pascal(name), StringComparison.OrdinalIgnoreCase))
                ?? throw Cannot(value, $"'{name}', which is not one of {string.Join(", ", Enum.GetNames(underlying).Select(n => n.ToLowerInvariant()))}");
            return new Cs($"{underlying.Name}.{member}", CsType.Object);
        }

        if (value is RubyHash hash && !underlying.IsGenericType && underlying.IsClass && underlying != typeof(string))
        {
            return ObjectInitializer(hash, underlying);
        }

        // Vagrant's trigger `abort = true` exits with 1.
        if (underlying == typeof(int) && value is RubyBool { Value: true })
        {
            return new Cs("1", CsType.Int);
        }

        return Coerce(Expression(value), TypeOf(type), value);
    }

    private Cs ObjectInitializer(RubyHash hash, Type type)
    {
        var members = hash.Pairs.Select(p =>
        {
            var key = RecordKey(p.Key) ?? throw Cannot(p.Key, "a key that is not a name");
            var property = type.GetProperty(CsLiteral.Pascal(key), BindingFlags.Public | BindingFlags.Instance)
                ?? throw Cannot(p.Key, $"the key '{key}' (vnet's {type.Name} has no such setting)");
            var value = property.PropertyType == typeof(IReadOnlyList<string>)
                ? Coerce(Expression(p.Value), new CsType.Array(CsType.String), p.Value)
                : ValueFor(p.Value, property.PropertyType);
            return $"{property.Name} = {value.Code}";
        });
        return new Cs($"new {type.Name} {{ {string.Join(", ", members)} }}", CsType.Object);
    }

    // ---- machines and providers ----

    private void Define(RubyCall call, Cs vm)
    {
        if (call.Positional.Count != 1)
        {
            throw Cannot(call, "a 'define' without exactly one machine name");
        }

        var name = Coerce(Expression(call.Positional[0]), CsType.String, call.Positional[0]);
        var options = NamedArguments(call, ["primary", "autostart"], (key, v) => $"{key}: {Coerce(Expression(v), CsType.Bool, v).Code}");
        if (call.Block is not { } block)
        {
            _out.Line($"{vm.Code}.Define({name.Code}{Prefixed(options)});");
            return;
        }

        var parameter = block.Parameters.FirstOrDefault() ?? "machine";
        _out.Line($"{vm.Code}.Define({name.Code}, {CsLiteral.Name(parameter)} =>");
        Block(block.Body, "}" + Prefixed(options) + ");", (parameter, new CsType.Config(typeof(RootConfig))));
    }

    private void ProviderBlock(RubyCall call, Cs vm)
    {
        var provider = call.Positional is [var p] ? ProviderName(p) : throw Cannot(call, "a 'provider' without a provider name");
        if (!Providers.Contains(provider))
        {
            throw Cannot(call, $"the {provider} provider's settings (vnet has no {provider} provider)");
        }

        if (call.Block is not { } block || block.Parameters.Count == 0)
        {
            _out.Line($"{vm.Code}.Provider({CsLiteral.String(provider)});");
            return;
        }

        var settings = block.Parameters[0];
        var names = new List<(string, CsType)> { (settings, new CsType.ProviderSettings(provider)) };
        var lambda = CsLiteral.Name(settings);
        if (block.Parameters.Count > 1)
        {
            names.Add((block.Parameters[1], new CsType.Config(typeof(RootConfig))));
            lambda = $"({lambda}, {CsLiteral.Name(block.Parameters[1])})";
        }

        _out.Line($"{vm.Code}.Provider({CsLiteral.String(provider)}, {lambda} =>");
        Block(block.Body, "});", [.. names]);
    }

    private string ProviderName(RubyNode node) => node switch
    {
        RubySymbol s => s.Name,
        RubyString { Literal: { } l } => l,
        _ => throw Cannot(node, "a provider name that is not a literal"),
    };

    /// <summary>The keyword arguments named in <paramref name="known"/>, written by <paramref name="write"/>; any other is refused.</summary>
    private List<string> NamedArguments(RubyCall call, IReadOnlyCollection<string> known, Func<string, RubyNode, string> write)
    {
        var result = new List<string>();
        foreach (var pair in call.TrailingHash?.Pairs ?? [])
        {
            var key = RecordKey(pair.Key) ?? throw Cannot(pair.Key, "an option name that is not a literal");
            if (!known.Contains(key))
            {
                throw Cannot(pair.Key, $"the option '{key}' of '{call.Name}' (vnet has no such option)");
            }

            result.Add(write(key, pair.Value));
        }

        return result;
    }

    private static string Prefixed(List<string> arguments) => arguments.Count == 0 ? string.Empty : ", " + string.Join(", ", arguments);

    private string OptionsDictionary(IEnumerable<RubyPair> pairs, string valueType = "object?", CsType? wanted = null)
    {
        var entries = pairs.Select(p =>
        {
            var key = p.Key is RubySymbol s ? CsLiteral.String(s.Name) : Coerce(Expression(p.Key), CsType.String, p.Key).Code;
            var value = wanted is null ? Plain(Expression(p.Value)) : Coerce(Expression(p.Value), wanted, p.Value);
            return $"[{key}] = {value.Code}";
        }).ToList();
        return entries.Count <= 2
            ? $"new Dictionary<string, {valueType}> {{ {string.Join(", ", entries)} }}"
            : $"new Dictionary<string, {valueType}>\n{{\n    {string.Join(",\n    ", entries)},\n}}";
    }
}
