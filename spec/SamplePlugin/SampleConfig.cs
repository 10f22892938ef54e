using VagrantNet.Sdk.Config;

namespace SamplePlugin;

/// <summary>The sample provider's settings: <c>config.Vm.Provider&lt;SampleConfig&gt;(s =&gt; s.Greeting = "hi")</c>.</summary>
[ProviderName("sample")]
public sealed class SampleConfig : ProviderConfig
{
    public const string DefaultGreeting = "hello";

    public string? Greeting { get; set; }

    public int? Volume { get; set; }

    public override void FinalizeDefaults() => Greeting ??= DefaultGreeting;

    public override void Validate(ValidationErrors errors)
    {
        if (Volume is < 0 or > 11)
        {
            errors.Add("sample provider", "sample.volume", $"must be between 0 and 11, got {Volume}");
        }
    }
}
