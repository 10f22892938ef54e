using System.CommandLine;
using VagrantNet.Sdk.Actions;
using VagrantNet.Sdk.Pipeline;

namespace VagrantNet.Cli.Commands;

/// <summary><c>--provision</c>, <c>--no-provision</c> and <c>--provision-with</c>, as up and reload take them.</summary>
internal sealed class ProvisionOptions
{
    private readonly Option<bool> _provision = new("--provision") { Description = "Enable provisioning" };
    private readonly Option<bool> _noProvision = new("--no-provision") { Description = "Disable provisioning" };
    private readonly Option<string[]> _with = new("--provision-with") { Description = "Run only the given provisioners (names or types, comma-separated)", AllowMultipleArgumentsPerToken = true };

    public void AddTo(Command command, bool includeToggles = true)
    {
        if (includeToggles)
        {
            command.Add(_provision);
            command.Add(_noProvision);
        }

        command.Add(_with);
    }

    public void Seed(ParseResult parse, ActionContext context, bool? forced = null)
    {
        var with = (parse.GetValue(_with) ?? []).SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();
        bool? provision = forced ?? (parse.GetValue(_noProvision) ? false : parse.GetValue(_provision) || with.Count > 0 ? true : null);
        context.Set(BuiltinKeys.Provision, provision);
        if (with.Count > 0)
        {
            context.Set(BuiltinKeys.ProvisionWith, with);
        }
    }
}
