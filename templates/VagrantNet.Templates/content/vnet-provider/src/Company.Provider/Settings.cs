using VagrantNet.Sdk.Config;

namespace Company.Provider;

/// <summary>The provider's settings: <c>config.Vm.Provider&lt;Settings&gt;(p =&gt; p.Cpus = 2)</c>.</summary>
[ProviderName("providername")]
public sealed class Settings : ProviderConfig
{
    public int? Cpus { get; set; }

    public override void FinalizeDefaults() => Cpus ??= 1;

    public override void Validate(ValidationErrors errors)
    {
        if (Cpus is < 1)
        {
            errors.Add("providername provider", "providername.cpus", $"must be at least 1, got {Cpus}");
        }
    }
}
