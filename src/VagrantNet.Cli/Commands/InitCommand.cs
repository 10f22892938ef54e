using System.CommandLine;
using VagrantNet.Cli.Editor;
using VagrantNet.Cli.Hosting;
using VagrantNet.Core;
using VagrantNet.Core.Conversion;
using VagrantNet.Core.Environment;
using VagrantNet.Core.IO;
using VagrantNet.Sdk.Config;

namespace VagrantNet.Cli.Commands;

/// <summary><c>vnet init [box] [url]</c>: writes a commented Vagrantfile.csx that validates as written.</summary>
internal sealed class InitCommand(CliContext context) : ICliCommand
{
    public string Name => "init";

    public Command Build()
    {
        var box = new Argument<string?>("box") { Description = "Box name to put in the new Vagrantfile.csx", Arity = ArgumentArity.ZeroOrOne };
        var url = new Argument<string?>("url") { Description = "URL of the box, written as vm.box_url", Arity = ArgumentArity.ZeroOrOne };
        var force = new Option<bool>("--force", "-f") { Description = "Overwrite an existing Vagrantfile.csx" };
        var minimal = new Option<bool>("--minimal", "-m") { Description = "Write a Vagrantfile.csx without comments" };
        var output = new Option<string?>("--output") { Description = "Write to this path instead of ./Vagrantfile.csx ('-' for stdout)" };
        var boxVersion = new Option<string?>("--box-version") { Description = "Version constraint to put in the new Vagrantfile.csx" };
        var template = new Option<string?>("--template") { Description = "Render this template file (<%= box_name %>, <%= box_url %>, <%= box_version %>) instead of vnet's own" };
        var from = new Option<string?>("--from") { Description = "Convert this Ruby Vagrantfile into the Vagrantfile.csx (no Ruby is run)" };
        var command = new Command(Name, "Initializes a new vnet environment by creating a Vagrantfile.csx") { box, url, force, minimal, output, boxVersion, template, from };
        command.SetAction(parse =>
        {
            if (parse.GetValue(from) is { } ruby)
            {
                if (parse.GetValue(box) is not null || parse.GetValue(url) is not null || parse.GetValue(template) is not null || parse.GetValue(minimal) || parse.GetValue(boxVersion) is not null)
                {
                    throw new VnetException("--from converts a Vagrantfile as it is: it cannot be combined with a box, a URL, --box-version, --minimal or --template.");
                }

                return Convert(Path.GetFullPath(ruby, context.WorkingDirectory), parse.GetValue(output), parse.GetValue(force));
            }

            // Refused before anything is written: a constraint vnet cannot read would only fail later, at `vnet up`.
            var version = parse.GetValue(boxVersion);
            if (version is not null && !VersionConstraint.TryParse(version, out _, out var why))
            {
                throw new VnetException($"--box-version: {UserText.Quote(version)} is not a valid version constraint: {UserText.Escape(why)}. Give one or more comma-separated requirements such as \">= 1.0, < 2\" or \"~> 1.2\".");
            }

            // Written with its whitespace folded to single spaces, so a line break in the option cannot break the string literal.
            var folded = version is null ? null : string.Join(' ', version.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
            var templateFile = parse.GetValue(template);
            if (templateFile is not null && parse.GetValue(minimal))
            {
                throw new VnetException("--minimal and --template cannot be used together: --minimal picks vnet's own short template, --template replaces it.");
            }

            var text = templateFile is null
                ? VagrantfileTemplate.Render(parse.GetValue(box) ?? "base", parse.GetValue(url), folded, parse.GetValue(minimal))
                : InitTemplate.Render(Path.GetFullPath(templateFile, context.WorkingDirectory), parse.GetValue(box) ?? "base", parse.GetValue(url), folded);
            var target = parse.GetValue(output);
            if (target == "-")
            {
                Console.Out.Write(text);
                return 0;
            }

            // Relative to the project directory vnet works in, not to wherever the process happened to start.
            var path = Path.GetFullPath(target ?? VagrantfileLocator.DefaultName, context.WorkingDirectory);
            if (File.Exists(path) && !parse.GetValue(force))
            {
                throw new VnetException($"{DisplayPath.Of(path)} already exists in this directory. Remove it or run `vnet init --force` before running `vnet init` again.");
            }

            AtomicFile.WriteAllText(path, text);
            WriteEditorFiles(path);
            context.Ui.Global.Info($"A {Path.GetFileName(path)} has been placed in this directory. You are now ready to `vnet up` your first virtual environment! Please read the comments in the file and the README for more information.");
            return 0;
        });
        return command;
    }

    /// <summary><c>init --from Vagrantfile</c>: the converted script, with each thing not converted as a warning at its line.</summary>
    private int Convert(string ruby, string? target, bool force)
    {
        if (!File.Exists(ruby))
        {
            throw new VnetException($"--from: {DisplayPath.Of(ruby)} does not exist. Give the path of the Ruby Vagrantfile to convert.");
        }

        // The installed providers say which of their settings exist, so one vnet lacks is a warning here, not a failing validate.
        var registry = context.LoadPlugins().Registry;
        var result = VagrantfileConverter.Convert(File.ReadAllText(ruby), DisplayPath.Of(ruby), new ConversionOptions { KnownProviderSetting = registry.HasProviderSetting });
        if (result.Failed)
        {
            throw new VnetException(string.Join(System.Environment.NewLine, result.Diagnostics.Where(d => d.Severity == ConversionSeverity.Error))
                + System.Environment.NewLine + "Nothing was written: vnet reads the Ruby that Vagrantfiles use, and this is not Ruby it can read.");
        }

        foreach (var diagnostic in result.Diagnostics)
        {
            Console.Error.WriteLine(diagnostic);
        }

        if (target == "-")
        {
            Console.Out.Write(result.Script);
            return 0;
        }

        var path = Path.GetFullPath(target ?? Path.Combine(Path.GetDirectoryName(ruby)!, VagrantfileLocator.DefaultName), context.WorkingDirectory);
        if (File.Exists(path) && !force)
        {
            throw new VnetException($"{DisplayPath.Of(path)} already exists. Remove it or run `vnet init --from {DisplayPath.Of(ruby)} --force` to replace it.");
        }

        AtomicFile.WriteAllText(path, result.Script);
        WriteEditorFiles(path);
        var kept = result.Diagnostics.Count == 0 ? "Everything was converted." : $"{result.Diagnostics.Count} thing(s) had no vnet equivalent and are kept as comments marked \"vnet: not converted\" (listed above).";
        context.Ui.Global.Info($"Converted {DisplayPath.Of(ruby)} into {DisplayPath.Of(path)}. {kept} Run `vnet validate` to check it.");
        return 0;
    }

    /// <summary>The editor project beside the new script, so that it completes from the start; a user's own file there is kept, and said so.</summary>
    private void WriteEditorFiles(string vagrantfile)
    {
        try
        {
            EditorFiles.Write(vagrantfile, context.PluginDirectories);
        }
        catch (VnetException e)
        {
            context.Ui.Global.Warn($"{e.Message} Editors will not complete {Path.GetFileName(vagrantfile)} until then.");
        }
    }
}
