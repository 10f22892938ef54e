namespace VagrantNet.Core.Plugins;

/// <summary>What loading the plugins left: everything they registered, and the assemblies scripts compile against.</summary>
public sealed record LoadedPlugins(PluginRegistry Registry, PluginManager Manager);
