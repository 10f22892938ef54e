using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace VagrantNet.Tests.Conversion.Differential;

/// <summary>
/// Compares what Vagrant made of a Ruby Vagrantfile (vagrant-config-dump.rb) with what vnet made of its conversion
/// (<c>vnet config --json</c>), field by field, in the words a user would use: "r1: vm.hostname: vagrant "r1", vnet "r2"".
/// Only what both tools define is compared, with Vagrant's defaults spelled out where it leaves a setting nil.
/// </summary>
internal sealed partial class ConfigDifferences
{
    private readonly List<string> _found = [];
    private readonly string _ruby;

    private ConfigDifferences(string ruby) => _ruby = ruby;

    /// <summary>The differences, in machine order; empty when vnet and Vagrant agree on everything compared.</summary>
    public static IReadOnlyList<string> Between(JsonObject vagrant, JsonObject vnet, string ruby)
    {
        var differences = new ConfigDifferences(ruby);
        differences.CompareProjects(vagrant, vnet);
        return differences._found;
    }

    private void CompareProjects(JsonObject vagrant, JsonObject vnet)
    {
        if (vagrant["error"] is { } refused)
        {
            _found.Add($"vagrant refuses the file: {FirstLine(refused.GetValue<string>())}");
            return;
        }

        var vagrantMachines = vagrant["machines"]!.AsArray().Select(m => m!.AsObject()).ToList();
        var vnetMachines = vnet["machines"]!.AsArray().Select(m => m!.AsObject()).ToList();
        var vagrantNames = vagrantMachines.Select(m => Text(m["name"])).ToList();
        var vnetNames = vnetMachines.Select(m => Text(m["name"])).ToList();
        if (!vagrantNames.SequenceEqual(vnetNames))
        {
            _found.Add($"machines: vagrant [{string.Join(", ", vagrantNames)}], vnet [{string.Join(", ", vnetNames)}]");
        }

        foreach (var machine in vagrantMachines)
        {
            var name = Text(machine["name"]);
            if (vnetMachines.FirstOrDefault(m => Text(m["name"]) == name) is { } other)
            {
                CompareMachine(name!, machine, other);
            }
        }
    }

    private void CompareMachine(string name, JsonObject vagrant, JsonObject vnet)
    {
        var vm = vagrant["vm"]!.AsObject();
        var vnetVm = vnet["vm"]!.AsObject();
        foreach (var key in new[] { "box", "box_version", "box_url", "hostname", "boot_timeout", "graceful_halt_timeout" })
        {
            Same($"{name}: vm.{key}", vm[key], vnetVm[key]);
        }

        Same($"{name}: vm.communicator", vm["communicator"] ?? "ssh", vnetVm["communicator"]);
        Same($"{name}: vm.post_up_message", EmptyAsNull(vm["post_up_message"]), EmptyAsNull(vnetVm["post_up_message"]));
        CompareNetworks(name, vm["networks"]!.AsArray(), vnetVm["networks"]!.AsArray());
        CompareFolders(name, vm["synced_folders"]!.AsArray(), vnetVm["synced_folders"]!.AsArray());
        CompareProvisioners(name, vm["provisioners"]!.AsArray(), vnetVm["provisioners"]!.AsArray());
        CompareSsh(name, vagrant["ssh"]!.AsObject(), vnet["ssh"]!.AsObject());
        foreach (var list in new[] { "before_triggers", "after_triggers" })
        {
            CompareTriggers($"{name}: trigger.{list}", vagrant["trigger"]![list]!.AsArray(), vnet["trigger"]![list]!.AsArray());
        }

        CompareProviderSettings(name, vagrant["provider_settings"]?.AsObject(), vagrant["provider_defaults"]?.AsObject(), vnet["provider_settings"]?.AsObject());
    }

    // Vagrant adds the SSH forward (id "ssh") to every machine itself; vnet's libvirt machines reach SSH directly.
    private void CompareNetworks(string name, JsonArray vagrant, JsonArray vnet)
    {
        var ours = vagrant.Select(n => n!.AsObject()).Where(n => Text(n["options"]!["id"]) != "ssh").ToList();
        var theirs = vnet.Select(n => n!.AsObject()).Where(n => Text(n["id"]) != "ssh").ToList();
        if (ours.Count != theirs.Count)
        {
            _found.Add($"{name}: vm.networks: vagrant {ours.Count}, vnet {theirs.Count}");
            return;
        }

        for (var i = 0; i < ours.Count; i++)
        {
            var at = $"{name}: vm.networks[{i}]";
            var options = ours[i]["options"]!.AsObject();
            var other = theirs[i];
            Same($"{at}.kind", Text(ours[i]["kind"])!.Replace("_network", string.Empty, StringComparison.Ordinal), other["kind"]);
            if (Text(ours[i]["kind"]) == "forwarded_port")
            {
                Same($"{at}.guest", options["guest"], other["guest_port"]);
                Same($"{at}.host", options["host"], other["host_port"]);
                Same($"{at}.protocol", options["protocol"] ?? "tcp", other["protocol"]);
                Unless(options["host_ip"], v => Same($"{at}.host_ip", v, other["host_ip"]));
                Unless(options["auto_correct"], v => Same($"{at}.auto_correct", v, other["auto_correct"]));
                continue;
            }

            // Every option the user gave, under its own name, a typed setting's or the provider's (libvirt__ dropped);
            // Vagrant adds protocol and a random id to every network itself.
            Same($"{at}.auto_config", options["auto_config"] ?? true, other["auto_config"]);
            foreach (var (key, value) in options.Where(o => o.Key is not ("id" or "protocol" or "auto_config")))
            {
                Same($"{at}.{key}", value, ProviderOption(other, key));
            }
        }
    }

    // An option is either kept under the network's options as written or became a typed setting of its own.
    private static JsonNode? ProviderOption(JsonObject network, string key)
    {
        var bare = key.StartsWith("libvirt__", StringComparison.Ordinal) ? key["libvirt__".Length..] : key;
        return network["options"]?[key] ?? network["options"]?[bare] ?? network[key] ?? network[bare];
    }

    private void CompareFolders(string name, JsonArray vagrant, JsonArray vnet)
    {
        // Paired by guest path: Vagrant's ids are the guest paths, vnet names its default folder itself.
        var theirs = vnet.Select(f => f!.AsObject()).ToDictionary(f => Text(f["guest_path"]) ?? string.Empty);
        foreach (var folder in vagrant.Select(f => f!.AsObject()))
        {
            var options = folder["options"]!.AsObject();
            var id = Text(options["guestpath"]) ?? Text(folder["id"])!;
            var at = $"{name}: vm.synced_folders[{id}]";
            if (!theirs.TryGetValue(id, out var other))
            {
                _found.Add($"{at}: vnet has no such folder");
                continue;
            }

            Same($"{at}.host_path", options["hostpath"], other["host_path"]);
            Same($"{at}.guest_path", options["guestpath"], other["guest_path"]);
            Same($"{at}.disabled", options["disabled"] ?? false, other["disabled"]);
            Unless(options["type"], v => Same($"{at}.type", v, other["type"]));
            Unless(options["owner"], v => Same($"{at}.owner", v, other["owner"]));
            Unless(options["group"], v => Same($"{at}.group", v, other["group"]));
            Unless(options["rsync__exclude"], v => Same($"{at}.rsync__exclude", AsList(v), other["exclude"]));
            Unless(options["mount_options"], v => Same($"{at}.mount_options", AsList(v), other["mount_options"]));
        }

        foreach (var extra in theirs.Keys.Except(vagrant.Select(f => Text(f!["options"]!["guestpath"]) ?? Text(f!["id"]) ?? string.Empty)))
        {
            _found.Add($"{name}: vm.synced_folders[{extra}]: vagrant has no such folder");
        }
    }

    private void CompareProvisioners(string name, JsonArray vagrant, JsonArray vnet)
    {
        if (vagrant.Count != vnet.Count)
        {
            _found.Add($"{name}: vm.provisioners: vagrant {vagrant.Count} [{Types(vagrant)}], vnet {vnet.Count} [{Types(vnet)}]");
            return;
        }

        for (var i = 0; i < vagrant.Count; i++)
        {
            var at = $"{name}: vm.provisioners[{i}]";
            var ours = vagrant[i]!.AsObject();
            var other = vnet[i]!.AsObject();
            Same($"{at}.type", ours["type"], other["type"]);
            Unless(ours["name"], v => Same($"{at}.name", v, other["name"]));
            Same($"{at}.run", ours["run"] ?? "once", other["run"]);
            var config = ours["config"]?.AsObject() ?? [];
            var otherConfig = other["config"]?.AsObject() ?? [];
            foreach (var key in new[] { "inline", "path", "privileged", "source", "destination", "upload_path", "reboot", "reset" })
            {
                Unless(config[key], v => Same($"{at}.{key}", v, otherConfig[key]));
            }

            Unless(config["args"], v => Same($"{at}.args", AsList(v), otherConfig["args"]));
            Unless(config["env"], v => Same($"{at}.env", v, otherConfig["env"]));
        }
    }

    private void CompareSsh(string name, JsonObject vagrant, JsonObject vnet)
    {
        // Vagrant leaves unset SSH settings nil and reads config.ssh.default at connect time.
        var defaults = vagrant["default"]?.AsObject() ?? [];
        Same($"{name}: ssh.username", vagrant["username"] ?? defaults["username"] ?? "vagrant", vnet["username"]);
        foreach (var key in new[] { "insert_key", "forward_agent", "forward_x11", "shell", "connect_timeout", "password", "host", "port" })
        {
            Same($"{name}: ssh.{key}", vagrant[key], vnet[key]);
        }

        Unless(vagrant["private_key_path"], v => Same($"{name}: ssh.private_key_path", AsList(v), AsList(vnet["private_key_path"])));
    }

    private void CompareTriggers(string at, JsonArray vagrant, JsonArray vnet)
    {
        if (vagrant.Count != vnet.Count)
        {
            _found.Add($"{at}: vagrant {vagrant.Count}, vnet {vnet.Count}");
            return;
        }

        for (var i = 0; i < vagrant.Count; i++)
        {
            var ours = vagrant[i]!.AsObject();
            var other = vnet[i]!.AsObject();
            Same($"{at}[{i}].action", ours["command"], other["action"]);
            foreach (var key in new[] { "name", "info", "warn", "on_error", "abort" })
            {
                Unless(ours[key], v => Same($"{at}[{i}].{key}", v, other[key]));
            }

            Unless(ours["only_on"], v => Same($"{at}[{i}].only_on", AsList(v), other["only_on"]));
            Unless(ours["ignore"], v => Same($"{at}[{i}].ignore", AsList(v), other["ignore"]));
            Unless(ours["exit_codes"], v => Same($"{at}[{i}].exit_codes", AsList(v), other["exit_codes"]));
            CompareTriggerScript($"{at}[{i}].run", ours["run"]?.AsObject(), other["run"]?.AsObject());
            CompareTriggerScript($"{at}[{i}].run_remote", ours["run_remote"]?.AsObject(), other["run_remote"]?.AsObject());
        }
    }

    // Vagrant keeps a trigger's script as a whole shell provisioner configuration, defaults included: the user's part
    // is what it runs.
    private void CompareTriggerScript(string at, JsonObject? vagrant, JsonObject? vnet)
    {
        if (vagrant is null)
        {
            return;
        }

        if (vnet is null)
        {
            _found.Add($"{at}: vagrant {Show(vagrant)}, vnet null");
            return;
        }

        foreach (var key in new[] { "inline", "path" })
        {
            Same($"{at}.{key}", vagrant[key], vnet[key]);
        }

        Same($"{at}.args", AsList(vagrant["args"]) ?? new JsonArray(), AsList(vnet["args"]) ?? new JsonArray());
        Unless(vagrant["env"], v => Same($"{at}.env", v, vnet["env"] ?? new JsonObject()));
    }

    // Vagrant finalizes every provider setting to a default; vnet's defaults are its own choice. So only the settings
    // the Ruby file names (`x.memory = ...`) and that differ from vagrant-libvirt's default for this machine are
    // compared: those are the user's, and must arrive.
    private void CompareProviderSettings(string name, JsonObject? vagrant, JsonObject? defaults, JsonObject? vnet)
    {
        if (vagrant is null)
        {
            return;
        }

        var named = SettingAssignment().Matches(_ruby).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
        foreach (var (key, value) in vagrant.Where(s => named.Contains(s.Key) && Normal(s.Value) != Normal(defaults?[s.Key])))
        {
            if (vnet is null || !vnet.ContainsKey(key))
            {
                _found.Add($"{name}: provider_settings.{key}: vagrant {Show(value)}, vnet has no such setting");
                continue;
            }

            Same($"{name}: provider_settings.{key}", value, vnet[key]);
        }
    }

    private void Same(string at, JsonNode? vagrant, JsonNode? vnet)
    {
        if (Normal(vagrant) != Normal(vnet))
        {
            _found.Add($"{at}: vagrant {Show(vagrant)}, vnet {Show(vnet)}");
        }
    }

    private static void Unless(JsonNode? vagrant, Action<JsonNode> compare)
    {
        if (vagrant is not null)
        {
            compare(vagrant);
        }
    }

    // Scalars compare by their text, so 512 and "512" agree: Ruby keeps what the user typed, vnet's settings are typed.
    private static string Normal(JsonNode? node) => node switch
    {
        null => "null",
        JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
        JsonValue value when value.GetValueKind() == JsonValueKind.Number => value.GetValue<decimal>().ToString(CultureInfo.InvariantCulture),
        JsonValue value => value.ToJsonString(),
        JsonArray array => "[" + string.Join(",", array.Select(Normal)) + "]",
        JsonObject obj => "{" + string.Join(",", obj.Where(p => p.Value is not null).OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key + ":" + Normal(p.Value))) + "}",
        _ => node.ToJsonString(),
    };

    private static JsonNode? AsList(JsonNode? node) => node is null or JsonArray ? node : new JsonArray(node.DeepClone());

    private static JsonNode? EmptyAsNull(JsonNode? node) => Text(node) is "" ? null : node;

    private static readonly JsonSerializerOptions Readable = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static string Show(JsonNode? node) => node?.ToJsonString(Readable) ?? "null";

    private static string? Text(JsonNode? node) => node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : node?.ToJsonString();

    private static string Types(JsonArray provisioners) => string.Join(", ", provisioners.Select(p => Text(p!["type"])));

    // Vagrant's load errors are a paragraph of advice, then the path, the line and "Message: ...": the message is the news.
    private static string FirstLine(string text)
    {
        var lines = text.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
        return lines.FirstOrDefault(l => l.StartsWith("Message:", StringComparison.Ordinal)) ?? lines.FirstOrDefault() ?? text;
    }

    [GeneratedRegex(@"\.([a-z_][a-z0-9_]*)\s*=[^=~]", RegexOptions.CultureInvariant)]
    private static partial Regex SettingAssignment();
}
