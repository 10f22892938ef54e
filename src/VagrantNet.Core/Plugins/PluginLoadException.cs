namespace VagrantNet.Core.Plugins;

/// <summary>A plugin was refused or failed to load; the message names the plugin.</summary>
public sealed class PluginLoadException(string message, Exception? inner = null) : VnetException(message, inner ?? new InvalidOperationException(message));
