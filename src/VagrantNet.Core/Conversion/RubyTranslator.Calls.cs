using VagrantNet.Core.Conversion.Ruby;

namespace VagrantNet.Core.Conversion;

/// <summary>Ruby's core methods as Vagrantfiles call them, in their .NET spelling.</summary>
internal sealed partial class RubyTranslator
{
    private Cs CallExpression(RubyCall call)
    {
        if (call.Receiver is null)
        {
            return FunctionCall(call);
        }

        if (call.Receiver is RubyConstant { Scope: null } constant && Lookup(constant.Name) is null)
        {
            return ClassMethod(call, constant.Name);
        }

        var target = Expression(call.Receiver);
        if (target.Type is CsType.Config config)
        {
            return ConfigMember(call, target, config.ClrType);
        }

        var args = call.Positional.Select(Expression).ToList();
        if (target.Type == CsType.Yaml && call.Block is null)
        {
            return YamlMethod(call, target, args);
        }

        var t = target.Code;
        switch (call.Name)
        {
            case "to_s":
                return new Cs(target.Type == CsType.String ? t : $"{Parenthesized(target)}.ToString()", CsType.String);
            case "to_sym" or "freeze" or "to_str" or "dup" or "clone":
                return target;
            case "to_i":
                return new Cs(target.Type == CsType.Int ? t : $"Convert.ToInt32({t})", CsType.Int);
            case "to_f":
                return new Cs($"Convert.ToDouble({t})", CsType.Double);
            case "to_a" when target.Type is CsType.Array:
                return new Cs($"{t}.ToArray()", target.Type);
            case "upcase":
                return new Cs($"{t}.ToUpperInvariant()", CsType.String);
            case "downcase":
                return new Cs($"{t}.ToLowerInvariant()", CsType.String);
            case "strip":
                return new Cs($"{t}.Trim()", CsType.String);
            case "chomp" when args.Count == 0:
                return new Cs($"{t}.TrimEnd('\\n')", CsType.String);
            case "capitalize":
                return new Cs($"(char.ToUpperInvariant({t}[0]) + {t}[1..])", CsType.String);
            case "include?" or "member?" or "key?" or "has_key?" when args.Count == 1:
                return new Cs(target.Type is CsType.Dictionary ? $"{t}.ContainsKey({args[0].Code})" : $"{t}.Contains({args[0].Code})", CsType.Bool);
            case "start_with?" when args.Count == 1:
                return new Cs($"{t}.StartsWith({args[0].Code}, StringComparison.Ordinal)", CsType.Bool);
            case "end_with?" when args.Count == 1:
                return new Cs($"{t}.EndsWith({args[0].Code}, StringComparison.Ordinal)", CsType.Bool);
            case "nil?":
                return new Cs($"{t} is null", CsType.Bool);
            case "zero?" or "positive?" or "negative?" or "even?" or "odd?" when args.Count == 0 && target.Type == CsType.Int:
                return new Cs(call.Name switch
                {
                    "zero?" => $"{t} == 0",
                    "positive?" => $"{t} > 0",
                    "negative?" => $"{t} < 0",
                    "even?" => $"{t} % 2 == 0",
                    _ => $"{t} % 2 != 0",
                }, CsType.Bool);
            case "empty?":
                return new Cs(target.Type == CsType.String ? $"{t}.Length == 0" : $"!{t}.Any()", CsType.Bool);
            case "any?" when call.Block is null:
                return new Cs($"{t}.Any()", CsType.Bool);
            case "length" or "size" or "count" when call.Block is null && args.Count == 0:
                return new Cs(target.Type switch { CsType.Array => $"{t}.Count()", CsType.Dictionary => $"{t}.Count", _ => $"{t}.Length" }, CsType.Int);
            case "first" when args.Count == 0:
                return new Cs($"{t}.First()", ElementOf(target.Type));
            case "last" when args.Count == 0:
                return new Cs($"{t}.Last()", ElementOf(target.Type));
            case "keys" when target.Type is CsType.Dictionary d:
                return new Cs($"{t}.Keys.ToArray()", new CsType.Array(d.Key));
            case "values" when target.Type is CsType.Dictionary d:
                return new Cs($"{t}.Values.ToArray()", new CsType.Array(d.Value));
            case "join":
                return new Cs($"string.Join({(args.Count == 0 ? "\"\"" : args[0].Code)}, {t})", CsType.String);
            case "split":
                return new Cs($"{t}.Split({(args.Count == 0 ? "' ', StringSplitOptions.RemoveEmptyEntries" : args[0].Code)})", new CsType.Array(CsType.String));
            case "sub" or "gsub" when args.Count == 2 && call.Block is null:
                return new Cs(
                    call.Positional[0] is RubyRegex
                        ? $"System.Text.RegularExpressions.Regex.Replace({t}, {args[0].Code}, {args[1].Code}{(call.Name == "sub" ? ", 1" : string.Empty)})"
                        : call.Name == "gsub" ? $"{t}.Replace({args[0].Code}, {args[1].Code})" : throw Cannot(call, "'sub' with a string pattern"),
                    CsType.String);
            case "fetch" when target.Type is CsType.Anonymous record && call.Positional.Count is 1 or 2 && RecordKey(call.Positional[0]) is { } field:
                {
                    var type = record.Field(field) ?? throw Cannot(call.Positional[0], $"the key '{field}', which the hash does not have");
                    var value = $"{t}.{CsLiteral.Name(field)}";
                    return args.Count == 2 ? new Cs($"({value} ?? {Coerce(args[1], type, call).Code})", type) : new Cs(value, type);
                }

            case "fetch" when target.Type is CsType.Dictionary d && args.Count == 2:
                return new Cs($"{t}.GetValueOrDefault({args[0].Code}, {Coerce(args[1], d.Value, call).Code})", d.Value);
            case "map" or "collect" when call.Block is { } block:
                return Lambda(target, "Select", block, array: true);
            case "select" or "filter" when call.Block is { Parameters.Count: 1 } block:
                return Lambda(target, "Where", block, array: true, keepElement: true);
            case "reject" when call.Block is { Parameters.Count: 1 } block:
                return Lambda(target, "Where", block, array: true, keepElement: true, negate: true);
            case "sort":
                return new Cs($"{t}.Order().ToArray()", target.Type);
            case "uniq":
                return new Cs($"{t}.Distinct().ToArray()", target.Type);
            case "reverse":
                return new Cs($"{t}.Reverse().ToArray()", target.Type);
            case "times" when call.Block is null:
                return new Cs($"Enumerable.Range(0, {t})", new CsType.Array(CsType.Int));
            case "each_with_index" when call.Block is null:
                return new Cs($"{t}.Select((item, index) => (item, index))", new CsType.Array(new CsType.Tuple([ElementOf(target.Type), CsType.Int])));
            default:
                throw Cannot(call, $"the method '{call.Name}' on {Describe(target.Type)}");
        }
    }

    private Cs Lambda(Cs target, string linq, RubyBlock block, bool array, bool keepElement = false, bool negate = false)
    {
        if (block.Body.Statements.Count != 1)
        {
            throw Cannot(block, "a block of more than one expression in a method call");
        }

        var element = ElementOf(target.Type);
        Cs? body = null;
        if (block.Parameters.Count == 1)
        {
            var parameter = block.Parameters[0];
            InScope(() => body = Expression(block.Body.Statements[0]), (parameter, element));
            var code = negate ? Not(body!.Code) : body!.Code;
            var type = keepElement ? target.Type : new CsType.Array(body.Type);
            return new Cs($"{target.Code}.{linq}({CsLiteral.Name(parameter)} => {code}){(array ? ".ToArray()" : string.Empty)}", type);
        }

        // |a, b| over pairs or tuples: the lambda deconstructs its one argument.
        IReadOnlyList<CsType> parts = element switch
        {
            CsType.Tuple t when t.Items.Count == block.Parameters.Count => t.Items,
            CsType.Dictionary d when block.Parameters.Count == 2 => [d.Key, d.Value],
            _ => throw Cannot(block, $"a block with |{string.Join(", ", block.Parameters)}| over {Describe(target.Type)}"),
        };
        var members = element is CsType.Dictionary ? ["Key", "Value"] : parts.Select((_, i) => $"Item{i + 1}").ToArray();
        for (var i = 0; i < block.Parameters.Count; i++)
        {
            _aliases[block.Parameters[i]] = "item." + members[i];
        }

        try
        {
            InScope(() => body = Expression(block.Body.Statements[0]), [.. block.Parameters.Select((p, i) => (p, parts[i]))]);
        }
        finally
        {
            foreach (var parameter in block.Parameters)
            {
                _aliases.Remove(parameter);
            }
        }

        var result = negate ? Not(body!.Code) : body!.Code;
        return new Cs(
            $"{target.Code}.{linq}(item => {result}){(array ? ".ToArray()" : string.Empty)}",
            keepElement ? target.Type : new CsType.Array(body.Type));
    }

    private Cs FunctionCall(RubyCall call)
    {
        var args = call.Positional.Select(Expression).ToList();
        switch (call.Name)
        {
            case "__dir__":
                _usesThisDirectory = true;
                return new Cs("ThisDirectory()", CsType.String);
            case "format" or "sprintf" when call.Positional.Count >= 1:
                return Format(call, args[0], new RubyArray(call.At, call.Positional.Skip(1).ToList()));
            case "puts" or "print":
                return new Cs($"Console.WriteLine({(args.Count == 0 ? string.Empty : args[0].Code)})", CsType.Void);
            case "raise" or "abort" or "fail" when args.Count == 1:
                return new Cs($"throw new ConfigurationException({Coerce(args[0], CsType.String, call).Code})", CsType.Void);
            default:
                throw Cannot(call, $"the method '{call.Name}'");
        }
    }

    private Cs ClassMethod(RubyCall call, string constant)
    {
        if (YamlLoad(call, constant) is { } yaml)
        {
            return yaml;
        }

        var args = call.Positional.Select(Expression).ToList();
        var a = args.Select(x => x.Code).ToList();
        switch (constant, call.Name)
        {
            case ("ENV", "fetch") when args.Count == 2:
                return new Cs($"(Environment.GetEnvironmentVariable({a[0]}) ?? {Coerce(args[1], CsType.String, call).Code})", CsType.String);
            case ("ENV", "fetch") when args.Count == 1:
                return new Cs($"(Environment.GetEnvironmentVariable({a[0]}) ?? throw new ConfigurationException(\"The environment variable \" + {a[0]} + \" is not set.\"))", CsType.String);
            case ("ENV", "key?" or "has_key?" or "include?") when args.Count == 1:
                return new Cs($"Environment.GetEnvironmentVariable({a[0]}) is not null", CsType.Bool);
            case ("File", "exist?" or "exists?" or "file?") when args.Count == 1:
                return new Cs($"File.Exists({a[0]})", CsType.Bool);
            case ("File" or "Dir", "directory?" or "exist?" or "exists?") when args.Count == 1:
                return new Cs($"Directory.Exists({a[0]})", CsType.Bool);
            case ("File", "join"):
                return new Cs($"Path.Combine({string.Join(", ", a)})", CsType.String);
            case ("File", "read") when args.Count == 1:
                return new Cs($"File.ReadAllText({a[0]})", CsType.String);
            case ("File", "basename") when args.Count == 1:
                return new Cs($"Path.GetFileName({a[0]})", CsType.String);
            case ("File", "dirname") when call.Positional is [RubyCall { Name: "__FILE__" }]:
                _usesThisDirectory = true;
                return new Cs("ThisDirectory()", CsType.String);
            case ("File", "dirname") when args.Count == 1:
                return new Cs($"Path.GetDirectoryName({a[0]})!", CsType.String);
            case ("File", "expand_path") when call.Positional.Count == 2 && call.Positional[1] is RubyCall { Name: "__FILE__" }:
                _usesThisDirectory = true;
                // Ruby expands against the file as if it were a directory: "../x" is a sibling of the file.
                return new Cs($"Path.GetFullPath({a[0]}, Path.Combine(ThisDirectory(), \"Vagrantfile.csx\"))", CsType.String);
            case ("File", "expand_path") when args.Count == 2:
                return new Cs($"Path.GetFullPath({a[0]}, {a[1]})", CsType.String);
            case ("File", "expand_path") when args.Count == 1:
                return new Cs($"Path.GetFullPath({a[0]}.StartsWith(\"~/\") ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), {a[0]}[2..]) : {a[0]})", CsType.String);
            case ("Dir", "home"):
                return new Cs("Environment.GetFolderPath(Environment.SpecialFolder.UserProfile)", CsType.String);
            case ("Dir", "pwd"):
                return new Cs("Environment.CurrentDirectory", CsType.String);
            case ("Vagrant", "has_plugin?") when call.Positional is [RubyString { Literal: { } plugin }]:
                // vnet's providers and synced folders are built in; a Vagrant plugin is never installed here.
                return new Cs(plugin == "vagrant-libvirt" ? "true" : $"false /* Vagrant plugin {plugin}: vnet loads no Vagrant plugins */", CsType.Bool);
            default:
                throw Cannot(call, $"{constant}.{call.Name}");
        }
    }
}
