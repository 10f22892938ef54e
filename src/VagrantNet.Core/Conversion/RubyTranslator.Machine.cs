using VagrantNet.Core.Conversion.Ruby;
using VagrantNet.Sdk.Config;

namespace VagrantNet.Core.Conversion;

/// <summary>A machine's networks, synced folders, provisioners and triggers.</summary>
internal sealed partial class RubyTranslator
{
    private void Network(RubyCall call, Cs vm)
    {
        var kind = call.Positional is [var k] ? ProviderName(k) : throw Cannot(call, "a 'network' without its kind");
        var pairs = call.TrailingHash?.Pairs ?? [];
        var (method, known) = kind switch
        {
            "private_network" => ("PrivateNetwork", new Dictionary<string, (string Name, CsType Type)>
            {
                ["ip"] = ("ip", CsType.String),
                ["type"] = ("type", CsType.String),
                ["netmask"] = ("netmask", CsType.String),
                ["mac"] = ("mac", CsType.String),
                ["auto_config"] = ("autoConfig", CsType.Bool),
            }),
            "public_network" => ("PublicNetwork", new Dictionary<string, (string Name, CsType Type)>
            {
                ["ip"] = ("ip", CsType.String),
                ["bridge"] = ("bridge", CsType.String),
                ["netmask"] = ("netmask", CsType.String),
                ["mac"] = ("mac", CsType.String),
                ["auto_config"] = ("autoConfig", CsType.Bool),
            }),
            "forwarded_port" => ("ForwardedPort", new Dictionary<string, (string Name, CsType Type)>
            {
                ["guest"] = ("guest", CsType.Int),
                ["host"] = ("host", CsType.Int),
                ["protocol"] = ("protocol", CsType.String),
                ["host_ip"] = ("hostIp", CsType.String),
                ["guest_ip"] = ("guestIp", CsType.String),
                ["id"] = ("id", CsType.String),
                ["auto_correct"] = ("autoCorrect", CsType.Bool),
            }),
            _ => throw Cannot(call.Positional[0], $"the network kind '{kind}'"),
        };

        var arguments = new List<string>();
        var options = new List<RubyPair>();
        foreach (var pair in pairs)
        {
            var key = RecordKey(pair.Key) ?? throw Cannot(pair.Key, "a network option name that is not a literal");
            if (known.TryGetValue(key, out var parameter))
            {
                arguments.Add($"{parameter.Name}: {Coerce(Expression(pair.Value), parameter.Type, pair.Value).Code}");
            }
            else if (kind == "forwarded_port")
            {
                throw Cannot(pair.Key, $"the forwarded port option '{key}'");
            }
            else
            {
                options.Add(pair);
            }
        }

        if (options.Count > 0)
        {
            arguments.Add("options: " + OptionsDictionary(options));
        }

        _out.Line($"{vm.Code}.Network.{method}({string.Join(", ", arguments)});");
    }

    private void SyncedFolder(RubyCall call, Cs vm)
    {
        if (call.Positional.Count != 2)
        {
            throw Cannot(call, "a 'synced_folder' without a host and a guest path");
        }

        var arguments = new List<string>
        {
            Coerce(Expression(call.Positional[0]), CsType.String, call.Positional[0]).Code,
            Coerce(Expression(call.Positional[1]), CsType.String, call.Positional[1]).Code,
        };
        var known = new Dictionary<string, (string Name, CsType Type)>
        {
            ["type"] = ("type", CsType.String),
            ["disabled"] = ("disabled", CsType.Bool),
            ["rsync__exclude"] = ("exclude", new CsType.Array(CsType.String)),
            ["rsync__args"] = ("args", new CsType.Array(CsType.String)),
            ["owner"] = ("owner", CsType.String),
            ["group"] = ("group", CsType.String),
            ["mount_options"] = ("mountOptions", new CsType.Array(CsType.String)),
            ["create"] = ("create", CsType.Bool),
            ["id"] = ("id", CsType.String),
        };
        var options = new List<RubyPair>();
        foreach (var pair in call.TrailingHash?.Pairs ?? [])
        {
            var key = RecordKey(pair.Key) ?? throw Cannot(pair.Key, "a synced folder option name that is not a literal");
            if (known.TryGetValue(key, out var parameter))
            {
                arguments.Add($"{parameter.Name}: {Coerce(Expression(pair.Value), parameter.Type, pair.Value).Code}");
            }
            else
            {
                options.Add(pair);
            }
        }

        if (options.Count > 0)
        {
            arguments.Add("options: " + OptionsDictionary(options));
        }

        _out.Line($"{vm.Code}.SyncedFolder({string.Join(", ", arguments)});");
    }

    private void Provision(RubyCall call, Cs vm)
    {
        if (call.Positional.Count != 1)
        {
            throw Cannot(call, "a 'provision' without its name or type");
        }

        var pairs = new List<RubyPair>(call.TrailingHash?.Pairs ?? []);
        var first = ProviderName(call.Positional[0]);
        var typePair = pairs.FirstOrDefault(p => RecordKey(p.Key) == "type");
        string type;
        if (typePair is not null)
        {
            type = ProviderName(typePair.Value);
            pairs.Remove(typePair);
            pairs.Insert(0, new RubyPair(new RubySymbol(call.At, "name"), call.Positional[0]));
        }
        else
        {
            type = first;
        }

        if (call.Block is { } block)
        {
            // provision "shell" do |s| s.inline = "..." end: the assignments are the provisioner's options.
            foreach (var statement in block.Body.Statements)
            {
                if (statement is RubyAssign { Target: RubyCall { Receiver: RubyLocal r, Name: var key } } assign && block.Parameters.Count == 1 && r.Name == block.Parameters[0])
                {
                    pairs.Add(new RubyPair(new RubySymbol(assign.At, key), assign.Value));
                }
                else
                {
                    throw Cannot(statement, $"this statement in the {type} provisioner's block (only 'option = value' converts)");
                }
            }
        }

        var (method, known) = type switch
        {
            "shell" => ("Shell", new Dictionary<string, (string Name, CsType Type)>
            {
                ["name"] = ("name", CsType.String),
                ["inline"] = ("inline", CsType.String),
                ["path"] = ("path", CsType.String),
                ["args"] = ("args", CsType.Object),
                ["env"] = ("env", CsType.Object),
                ["privileged"] = ("privileged", CsType.Bool),
                ["binary"] = ("binary", CsType.Bool),
                ["upload_path"] = ("uploadPath", CsType.String),
                ["reset"] = ("reset", CsType.Bool),
                ["reboot"] = ("reboot", CsType.Bool),
                ["sensitive"] = ("sensitive", CsType.Bool),
                ["run"] = ("run", CsType.Object),
                ["before"] = ("before", CsType.String),
                ["after"] = ("after", CsType.String),
            }),
            "file" => ("File", new Dictionary<string, (string Name, CsType Type)>
            {
                ["name"] = ("name", CsType.String),
                ["source"] = ("source", CsType.String),
                ["destination"] = ("destination", CsType.String),
                ["run"] = ("run", CsType.Object),
                ["before"] = ("before", CsType.String),
                ["after"] = ("after", CsType.String),
            }),
            _ => throw Cannot(call, $"the {type} provisioner (vnet has shell and file provisioners)"),
        };

        var arguments = new List<string>();
        var dropped = new List<string>();
        foreach (var pair in pairs)
        {
            var key = RecordKey(pair.Key) ?? throw Cannot(pair.Key, "a provisioner option name that is not a literal");
            if (!known.TryGetValue(key, out var parameter))
            {
                Warn(pair.Key, $"the {type} provisioner option '{key}' has no vnet equivalent (kept as a comment)");
                dropped.Add(key);
                continue;
            }

            var value = key switch
            {
                "run" => new Cs("Run." + CsLiteral.Pascal(ProviderName(pair.Value)), CsType.Object),
                "env" when pair.Value is RubyHash env => new Cs(OptionsDictionary(env.Pairs, "string", CsType.String), CsType.Object),
                "args" => ShellArguments(pair.Value),
                _ => Coerce(Expression(pair.Value), parameter.Type, pair.Value),
            };
            arguments.Add($"{parameter.Name}: {value.Code}");
        }

        foreach (var key in dropped)
        {
            _out.Line($"// vnet: not converted: the {type} provisioner option '{key}' (vnet has no equivalent)");
        }

        _out.Line($"{vm.Code}.Provision.{method}({string.Join(", ", arguments)});");
    }

    /// <summary>Shell arguments: one string (split by the guest's shell, as Vagrant does) or a list.</summary>
    private Cs ShellArguments(RubyNode value)
    {
        var args = Expression(value);
        return args.Type switch
        {
            CsType.Array { Element: var e } when e == CsType.String => new Cs($"(ShellArgs){args.Code}", CsType.Object),
            CsType.Array => new Cs($"(ShellArgs){args.Code}.Select(a => a?.ToString()!).ToArray()", CsType.Object),
            _ => Coerce(args, CsType.String, value),
        };
    }

    private void Trigger(RubyCall call, Cs triggers)
    {
        if (call.Positional.Count != 1)
        {
            throw Cannot(call, $"a trigger without the actions it runs {call.Name}");
        }

        var actions = Expression(call.Positional[0]);
        var pairs = call.TrailingHash?.Pairs ?? [];
        if (pairs.FirstOrDefault(p => RecordKey(p.Key) == "type") is { } typePair && ProviderName(typePair.Value) != "action")
        {
            throw Cannot(typePair.Key, $"a trigger of type '{ProviderName(typePair.Value)}' (vnet runs action triggers)");
        }

        var method = call.Name == "before" ? "Before" : "After";
        var parameter = call.Block?.Parameters.FirstOrDefault() ?? "trigger";
        _out.Line($"{triggers.Code}.{method}({actions.Code}, {CsLiteral.Name(parameter)} =>");
        _out.Line("{");
        _out.Indent();
        var name = CsLiteral.Name(parameter);
        foreach (var pair in pairs.Where(p => RecordKey(p.Key) != "type"))
        {
            var key = RecordKey(pair.Key) ?? throw Cannot(pair.Key, "a trigger option name that is not a literal");
            var property = SettableProperty(typeof(TriggerDefinition), key) ?? throw Cannot(pair.Key, $"the trigger option '{key}'");
            _out.Line($"{name}.{property.Name} = {ValueFor(pair.Value, property.PropertyType).Code};");
        }

        if (call.Block is { } block)
        {
            InScope(() => Statements(block.Body), (parameter, new CsType.Config(typeof(TriggerDefinition))));
            _out.CommentsBefore(EndOf(block.Body) + 1);
        }

        _out.Outdent();
        _out.Line("});");
    }
}
