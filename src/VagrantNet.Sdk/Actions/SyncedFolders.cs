using System.Text.Json;
using VagrantNet.Sdk.Pipeline;

namespace VagrantNet.Sdk.Actions;

/// <summary>
/// Shares the machine's synced folders: each implementation prepares the host before the rest of the
/// pipeline (boot), then enables its folders in the running guest on the way back. Records the types
/// used in <c>synced_folders</c> so <see cref="SyncedFolderCleanup"/> knows what to clean.
/// </summary>
public sealed class SyncedFolders : IAction, IWorksAfterTheRest
{
    public const string StateFile = "synced_folders";

    public async Task InvokeAsync(ActionContext context, ActionDelegate next)
    {
        var machine = context.Machine;
        var groups = SyncedFolderPlan.For(machine);
        foreach (var folder in groups.SelectMany(g => g.Folders))
        {
            if (!Directory.Exists(folder.HostPath))
            {
                if (!folder.Create)
                {
                    throw new VnetError(
                        $"Machine '{machine.Name}': the host path of the synced folder '{folder.GuestPath}' does not exist: {folder.HostPath}. " +
                        "Create it, or set create: true to let vnet create it.");
                }

                Directory.CreateDirectory(folder.HostPath);
            }
        }

        var record = groups.ToDictionary(
            g => g.Type.Type,
            g => g.Folders.Select(f => new Dictionary<string, string> { ["id"] = f.Id, ["hostpath"] = f.HostPath, ["guestpath"] = f.GuestPath }).ToList());
        machine.WriteState(StateFile, JsonSerializer.Serialize(record));

        foreach (var group in groups)
        {
            await group.Implementation.PrepareAsync(machine, group.Folders, context.Cancellation).ConfigureAwait(false);
        }

        await next(context).ConfigureAwait(false);

        foreach (var group in groups)
        {
            context.Cancellation.ThrowIfCancellationRequested();
            await group.Implementation.EnableAsync(machine, group.Folders, context.Cancellation).ConfigureAwait(false);
        }
    }

    /// <summary>The synced-folder types recorded by the last <see cref="SyncedFolders"/> run, or null when none was recorded.</summary>
    public static IReadOnlyList<string>? RecordedTypes(Machines.IMachine machine)
    {
        var text = machine.ReadState(StateFile);
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(text)?.Keys.ToList();
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
