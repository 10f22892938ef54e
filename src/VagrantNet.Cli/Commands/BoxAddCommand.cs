using System.CommandLine;
using VagrantNet.Cli.Hosting;
using VagrantNet.Core.Boxes;
using VagrantNet.Sdk.Config;

namespace VagrantNet.Cli.Commands;

/// <summary><c>vnet box add ADDRESS</c>: installs a box from a file, a URL, a catalog, or an org/name on the catalog server.</summary>
internal sealed class BoxAddCommand(CliContext context) : ICliCommand
{
    public string Name => "add";

    public Command Build()
    {
        var address = new Argument<string[]>("address") { Description = "A box file, a box or catalog URL, or org/name (the older NAME URL form is accepted too)", Arity = new ArgumentArity(1, 2) };
        var name = new Option<string?>("--name") { Description = "Name of the box (required for a box file or URL)" };
        var version = new Option<string?>("--box-version") { Description = "Constrain the version of the added box (such as '>= 1.0, < 2')" };
        var provider = new Option<string?>("--provider") { Description = "Provider the box must be for" };
        var architecture = new Option<string>("--architecture") { Description = "Architecture of the box", DefaultValueFactory = _ => BoxNames.DefaultArchitecture };
        var checksum = new Option<string?>("--checksum") { Description = "Checksum of the box file" };
        var checksumType = new Option<string?>("--checksum-type") { Description = "Checksum type: md5, sha1, sha256, sha384 or sha512" };
        checksumType.AcceptOnlyFromAmong([.. ChecksumTypes.All]);
        var force = new Option<bool>("--force", "-f") { Description = "Overwrite an existing box with the same name, version, provider and architecture" };
        var clean = new Option<bool>("--clean", "-c") { Description = "Discard a partial download instead of resuming it" };
        var insecure = new Option<bool>("--insecure") { Description = "Do not verify TLS certificates" };
        var caCert = new Option<string?>("--cacert") { Description = "CA certificate(s) (PEM) to verify the server with" };
        var command = new Command(Name, "Adds a box to the box store")
        {
            address, name, version, provider, architecture, checksum, checksumType, force, clean, insecure, caCert,
        };
        command.SetAction(async (parse, cancellation) =>
        {
            var sources = parse.GetValue(address) ?? [];
            var boxName = parse.GetValue(name);
            if (sources.Length == 2)
            {
                // vagrant box add NAME URL
                boxName ??= sources[0];
                sources = [sources[1]];
            }

            var request = new BoxAddRequest(sources)
            {
                Name = boxName,
                VersionConstraint = parse.GetValue(version),
                Provider = parse.GetValue(provider),
                Architecture = parse.GetValue(architecture),
                Checksum = parse.GetValue(checksum),
                ChecksumType = parse.GetValue(checksumType),
                Force = parse.GetValue(force),
                Clean = parse.GetValue(clean),
                Insecure = parse.GetValue(insecure),
                CaCert = parse.GetValue(caCert),
            };
            await new BoxAdder(BoxCommand.Store(context), context.LoggerFactory.CreateLogger("boxes")).AddAsync(request, context.Ui.Global, context.Interrupts.Cancellation).ConfigureAwait(false);
            return 0;
        });
        return command;
    }
}
