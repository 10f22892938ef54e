using System.CommandLine;
using System.Text.Json;
using VagrantNet.Cli.Hosting;
using VagrantNet.Cli.Ui;
using VagrantNet.Sdk.Machines;

namespace VagrantNet.Cli.Commands;

/// <summary><c>vnet box list</c>: the installed boxes as a table (plain columns when piped) (machine-readable: box-name, box-provider, box-version lines).</summary>
internal sealed class BoxListCommand(CliContext context) : ICliCommand
{
    public string Name => "list";

    public Command Build()
    {
        var boxInfo = new Option<bool>("--box-info", "-i") { Description = "Show each box's info.json (author, homepage, ...) and size" };
        var command = new Command(Name, "Lists the installed boxes") { boxInfo };
        command.SetAction(parse =>
        {
            var boxes = BoxCommand.Store(context).All();
            var ui = context.Ui;
            var withInfo = parse.GetValue(boxInfo);
            if (ui.MachineReadable)
            {
                foreach (var box in boxes)
                {
                    ui.Data(string.Empty, "box-name", box.Name);
                    ui.Data(string.Empty, "box-provider", box.Provider);
                    ui.Data(string.Empty, "box-version", box.Version);
                    ui.Data(string.Empty, "box-architecture", box.Architecture);
                    if (withInfo)
                    {
                        foreach (var (key, value) in Info(box))
                        {
                            ui.Data(string.Empty, "box-info", key, value);
                        }
                    }
                }

                return 0;
            }

            if (boxes.Count == 0)
            {
                ui.Output.WriteLine("There are no installed boxes! Use `vnet box add` to add some.");
                return 0;
            }

            List<string> headers = ["Name", "Version", "Provider", "Architecture"];
            if (withInfo)
            {
                headers.AddRange(["Size", "Info"]);
            }

            var rows = new List<IReadOnlyList<string>>();
            foreach (var box in boxes)
            {
                var cells = new List<string> { box.Name, box.Version, box.Provider, box.Architecture };
                if (withInfo)
                {
                    cells.Add(ByteSize.Format(DirectorySize(box.Directory)));
                    cells.Add(string.Join('\n', Info(box).Select(i => $"{i.Key}: {i.Value}")));
                }

                rows.Add(cells);
            }

            TableOutput.Write(ui, headers, rows);
            return 0;
        });
        return command;
    }

    /// <summary>The box's info.json as key/value text (strings as they are, other values as JSON).</summary>
    private static IEnumerable<(string Key, string Value)> Info(BoxInfo box)
    {
        var path = Path.Combine(box.Directory, "info.json");
        if (!File.Exists(path) || new FileInfo(path).Length > 1 << 20)
        {
            yield break;
        }

        Dictionary<string, JsonElement>? info;
        try
        {
            info = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(File.ReadAllText(path));
        }
        catch (JsonException)
        {
            yield break;
        }

        foreach (var (key, value) in info ?? [])
        {
            yield return (key, value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText());
        }
    }

    private static long DirectorySize(string directory) =>
        new DirectoryInfo(directory).EnumerateFiles("*", SearchOption.AllDirectories).Where(f => f.LinkTarget is null).Sum(f => f.Length);
}
