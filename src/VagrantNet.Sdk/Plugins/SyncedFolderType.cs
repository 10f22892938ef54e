namespace VagrantNet.Sdk.Plugins;

/// <summary>A registered synced-folder implementation: higher <paramref name="Priority"/> wins when a folder names no type.</summary>
public sealed record SyncedFolderType(string Type, int Priority, Func<ISyncedFolder> Create);
