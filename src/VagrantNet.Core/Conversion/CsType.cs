namespace VagrantNet.Core.Conversion;

/// <summary>
/// What the converter knows of a value's C# type: enough to choose <c>??</c> or <c>||</c>, <c>h.name</c> or
/// <c>h["name"]</c>, a <c>foreach</c> that deconstructs, and a conversion where an SDK setting wants another type.
/// </summary>
internal abstract record CsType
{
    public static readonly CsType String = new Simple("string", true);
    public static readonly CsType Int = new Simple("int", false);
    public static readonly CsType Double = new Simple("double", false);
    public static readonly CsType Bool = new Simple("bool", false);

    /// <summary>A value whose type is only known at run time (read from YAML, an environment variable's fallback).</summary>
    public static readonly CsType Object = new Simple("object", true);

    public static readonly CsType Void = new Simple("void", true);

    /// <summary>A value read from a YAML file: the SDK's YamlNode, cast where a setting wants text or a number.</summary>
    public static readonly CsType Yaml = new Simple("YamlNode", true);

    /// <summary>A number or flag that may be missing (a key some records of a list lack): <c>int?</c>.</summary>
    public static CsType Optional(CsType value) => value.IsReference ? value : new Simple(value.Name + "?", true);

    public abstract string Name { get; }

    public virtual bool IsReference => true;

    public sealed record Simple(string TypeName, bool Reference) : CsType
    {
        public override string Name => TypeName;

        public override bool IsReference => Reference;
    }

    public sealed record Array(CsType Element) : CsType
    {
        public override string Name => Element.Name + "[]";
    }

    /// <summary>A Ruby hash with symbol keys used as a record: an anonymous object, read as <c>h.key</c>.</summary>
    public sealed record Anonymous(IReadOnlyList<(string Name, CsType Type)> Fields) : CsType
    {
        public override string Name => "object";

        public CsType? Field(string name) => Fields.FirstOrDefault(f => f.Name == name).Type;
    }

    public sealed record Dictionary(CsType Key, CsType Value) : CsType
    {
        public override string Name => $"Dictionary<{Key.Name}, {Value.Name}>";
    }

    public sealed record Tuple(IReadOnlyList<CsType> Items) : CsType
    {
        public override string Name => "(" + string.Join(", ", Items.Select(i => i.Name)) + ")";

        public override bool IsReference => false;
    }

    /// <summary>A Vagrant configuration object: the root (<c>config</c>, a machine, <c>override</c>) or a section of it.</summary>
    public sealed record Config(System.Type ClrType) : CsType
    {
        public override string Name => ClrType.Name;
    }

    /// <summary>The untyped settings of a provider block (<c>lv["memory"] = 1024</c>).</summary>
    public sealed record ProviderSettings(string Provider) : CsType
    {
        public override string Name => "ProviderSettings";
    }

    /// <summary>A <c>Vagrant.configure</c> trigger block's parameter.</summary>
    public sealed record Trigger : CsType
    {
        public override string Name => "TriggerDefinition";
    }

    /// <summary>A provisioner block's parameter: its assignments become the provisioner's arguments.</summary>
    public sealed record ProvisionerBlock(string Type) : CsType
    {
        public override string Name => "provisioner";
    }
}

/// <summary>A translated expression: its C# text and what is known of its type.</summary>
internal sealed record Cs(string Code, CsType Type)
{
    public override string ToString() => Code;
}
