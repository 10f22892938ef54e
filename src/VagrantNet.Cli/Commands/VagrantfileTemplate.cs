using System.Text;

namespace VagrantNet.Cli.Commands;

/// <summary>The Vagrantfile.csx that <c>vnet init</c> writes.</summary>
internal static class VagrantfileTemplate
{
    public static string Render(string box, string? url, string? boxVersion, bool minimal)
    {
        var text = new StringBuilder();
        if (minimal)
        {
            text.AppendLine("Vagrant.Configure(config =>");
            text.AppendLine("{");
            text.AppendLine($"    config.Vm.Box = {Quote(box)};");
            AppendOptional(text, url, boxVersion);
            text.AppendLine("});");
            return text.ToString();
        }

        text.AppendLine("// Vagrantfile.csx: describes the machines of this project. It is C#: your editor");
        text.AppendLine("// completes and checks it (through .vnet/editor/, which `vnet init` wrote: run");
        text.AppendLine("// `vnet editor` after adding a plugin), and vnet reports mistakes as file(line,col).");
        text.AppendLine("// Reference: see the README's \"Vagrantfile.csx reference\".");
        text.AppendLine();
        text.AppendLine("Vagrant.Configure(config =>");
        text.AppendLine("{");
        text.AppendLine("    // Every machine is built from a box. Find boxes with `vnet box list`,");
        text.AppendLine("    // add them with `vnet box add NAME_OR_URL`.");
        text.AppendLine($"    config.Vm.Box = {Quote(box)};");
        AppendOptional(text, url, boxVersion);
        text.AppendLine();
        text.AppendLine("    // Check for a newer version of the box on `vnet up` (`vnet box outdated`).");
        text.AppendLine("    // config.Vm.BoxCheckUpdate = false;");
        text.AppendLine();
        text.AppendLine("    // A host-only network with a fixed address for this machine.");
        text.AppendLine("    // config.Vm.Network.PrivateNetwork(ip: \"192.168.56.10\");");
        text.AppendLine();
        text.AppendLine("    // The project directory is synced to /vagrant with rsync; more folders:");
        text.AppendLine("    // config.Vm.SyncedFolder(\"./data\", \"/data\", exclude: [\".git/\"]);");
        text.AppendLine();
        text.AppendLine("    // Provider settings, typed: for libvirt add `using VagrantNet.Providers.Libvirt;`");
        text.AppendLine("    // at the top and write config.Vm.Provider<LibvirtConfig>(lv => { lv.Memory = 1024; });");
        text.AppendLine("    // or untyped, for any provider:");
        text.AppendLine("    // config.Vm.Provider(\"libvirt\", p => { p[\"memory\"] = 1024; p[\"cpus\"] = 2; });");
        text.AppendLine();
        text.AppendLine("    // Run a shell script in the guest on the first `vnet up` (or `vnet provision`).");
        text.AppendLine("    // config.Vm.Provision.Shell(inline: \"apt-get update && apt-get install -y nginx\");");
        text.AppendLine();
        text.AppendLine("    // Several machines: give each a name and its own settings.");
        text.AppendLine("    // config.Vm.Define(\"web\", web => web.Vm.Hostname = \"web\", primary: true);");
        text.AppendLine("    // config.Vm.Define(\"db\", db => db.Vm.Hostname = \"db\");");
        text.AppendLine("});");
        return text.ToString();
    }

    private static void AppendOptional(StringBuilder text, string? url, string? boxVersion)
    {
        if (url is not null)
        {
            text.AppendLine($"    config.Vm.BoxUrl = [{Quote(url)}];");
        }

        if (boxVersion is not null)
        {
            text.AppendLine($"    config.Vm.BoxVersion = {Quote(boxVersion)};");
        }
    }

    private static string Quote(string value) => "\"" + value.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";
}
