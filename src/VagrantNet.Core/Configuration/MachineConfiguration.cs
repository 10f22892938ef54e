using VagrantNet.Sdk.Config;

namespace VagrantNet.Core.Configuration;

/// <summary>One machine's finalized configuration for one provider.</summary>
public sealed record MachineConfiguration(string Name, string Provider, RootConfig Config, ProviderConfig ProviderConfig, ValidationErrors Errors, MachineDefinition Definition);
