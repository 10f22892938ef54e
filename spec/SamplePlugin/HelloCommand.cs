using VagrantNet.Sdk;
using VagrantNet.Sdk.Plugins;

namespace SamplePlugin;

/// <summary>
/// <c>vnet sample-hello [name]</c>: greets, and lists the project's machines when there is a project. Tests set
/// <c>SAMPLE_PLUGIN_COMMAND</c> to register it under another name (a built-in one, to see the clash refused).
/// </summary>
internal static class HelloCommand
{
    public const string DefaultName = "sample-hello";

    public static void Register(IPluginRegistry registry) =>
        registry.Command(
            Environment.GetEnvironmentVariable("SAMPLE_PLUGIN_COMMAND") is { Length: > 0 } name ? name : DefaultName,
            "Greets from the sample plugin",
            RunAsync,
            new CommandArgument("name", "Whom to greet") { Optional = true });

    private static async Task<int> RunAsync(ICommandContext context)
    {
        var name = context.Arguments["name"] ?? "world";
        if (name == "nobody")
        {
            throw new VnetError("The sample plugin greets somebody; name someone other than 'nobody'.");
        }

        context.Ui.Info($"Hello, {name}, from the sample plugin.");
        if (File.Exists(Path.Combine(context.WorkingDirectory, "Vagrantfile.csx")))
        {
            foreach (var machine in await context.MachinesAsync().ConfigureAwait(false))
            {
                context.Ui.Detail($"machine {machine.Name} ({machine.ProviderName})");
            }
        }

        return 0;
    }
}
