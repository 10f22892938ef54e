using VagrantNet.Core.Conversion;

namespace VagrantNet.Core.Boxes;

/// <summary>
/// The provider-independent half of <c>vnet package</c>, as Vagrant's Package action: once the provider wrote its box
/// files (disk images, metadata.json) into a scratch directory, adds the box's Vagrantfile and the included files, and
/// tars the whole into the output file through a temporary name, so a failed or cancelled package leaves no box file.
/// </summary>
public static class BoxPackager
{
    public const string ScratchPrefix = "package-";

    /// <summary>Where <c>--include</c> files go inside the box, as Vagrant puts them.</summary>
    public const string IncludeDirectory = "include";

    /// <summary>The box Vagrantfile written when the user gives none: the place to put settings every machine of the box shares.</summary>
    public const string DefaultVagrantfile =
        "// Written by `vnet package`. Settings here apply to every machine made from this box, merged before the\n" +
        "// project's Vagrantfile.csx (as Vagrant merges a box's Vagrantfile).\n" +
        "Vagrant.Configure(config =>\n{\n});\n";

    /// <summary>
    /// Refuses, before anything is halted or copied, an output that exists or an input file that does not.
    /// </summary>
    public static void Check(string output, string? vagrantfile, IReadOnlyList<string> include)
    {
        if (File.Exists(output) || Directory.Exists(output))
        {
            throw new VnetException($"The box file {output} already exists. Remove it, or choose another name with --output.");
        }

        if (!Directory.Exists(Path.GetDirectoryName(output)))
        {
            throw new VnetException($"The directory of the box file {output} does not exist.");
        }

        if (vagrantfile is not null && !File.Exists(vagrantfile))
        {
            throw new VnetException($"The Vagrantfile to package, {vagrantfile}, does not exist (--vagrantfile).");
        }

        foreach (var file in include.Where(f => !File.Exists(f) && !Directory.Exists(f)))
        {
            throw new VnetException($"The file to include, {file}, does not exist (--include).");
        }
    }

    /// <summary>The machine's own key inside the box, as Vagrant names it.</summary>
    public const string PrivateKeyFile = "vagrant_private_key";

    /// <summary>
    /// Added to the box's Vagrantfile.csx when the machine has a key of its own: vnet replaced the insecure key in the
    /// guest, so a machine made from the box logs in only with this one (Vagrant's package does the same). The script
    /// finds its own directory, the box's, through the compiler's caller path (the compiled-script cache is keyed by path).
    /// </summary>
    public const string PrivateKeyBlock =
        "\n// The packaged machine's own SSH key: its guest no longer accepts Vagrant's insecure one.\n" +
        "static string PackagedBoxDirectory([System.Runtime.CompilerServices.CallerFilePath] string script = \"\") => System.IO.Path.GetDirectoryName(script)!;\n" +
        "Vagrant.Configure(config => config.Ssh.PrivateKeyPath = [System.IO.Path.Combine(PackagedBoxDirectory(), \"" + PrivateKeyFile + "\")]);\n";

    /// <summary>
    /// Adds the Vagrantfile, the machine's key and the included files to <paramref name="directory"/> (which holds the
    /// provider's files), then packs it into <paramref name="output"/>. A <c>.csx</c> Vagrantfile becomes the box's
    /// Vagrantfile.csx; any other is a Ruby one, kept as <c>Vagrantfile</c> for Vagrant, with its literal libvirt settings
    /// converted into the Vagrantfile.csx as <c>vnet box add</c> converts any box's.
    /// </summary>
    public static async Task PackAsync(string directory, string output, string? vagrantfile, string? privateKey, IReadOnlyList<string> include, CancellationToken cancellation)
    {
        if (!File.Exists(Path.Combine(directory, BoxMetadata.FileName)))
        {
            throw new VnetException("The provider wrote no metadata.json for the box; nothing was packaged.");
        }

        var script = DefaultVagrantfile;
        if (vagrantfile is not null && vagrantfile.EndsWith(".csx", StringComparison.Ordinal))
        {
            script = await File.ReadAllTextAsync(vagrantfile, cancellation).ConfigureAwait(false);
        }
        else if (vagrantfile is not null)
        {
            // The same converter as `vnet init --from`; what it cannot carry over stays in the script as marked comments.
            var ruby = await File.ReadAllTextAsync(vagrantfile, cancellation).ConfigureAwait(false);
            var conversion = VagrantfileConverter.Convert(ruby, vagrantfile);
            if (conversion.Failed)
            {
                var error = conversion.Diagnostics.First(d => d.Severity == ConversionSeverity.Error);
                throw new VnetException($"The Vagrantfile to package, {vagrantfile}({error.At.Line},{error.At.Column}), is Ruby that vnet cannot carry over ({error.Message}); vnet never runs Ruby. Give a Vagrantfile.csx instead.");
            }

            File.Copy(vagrantfile, Path.Combine(directory, BoxVagrantfile.RubyFileName));
            script = conversion.Script;
        }

        if (privateKey is not null && File.Exists(privateKey))
        {
            var key = Path.Combine(directory, PrivateKeyFile);
            File.Copy(privateKey, key);
            File.SetUnixFileMode(key, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            script += PrivateKeyBlock;
        }

        await File.WriteAllTextAsync(Path.Combine(directory, BoxVagrantfile.ScriptFileName), script, cancellation).ConfigureAwait(false);
        if (include.Count > 0)
        {
            var target = Directory.CreateDirectory(Path.Combine(directory, IncludeDirectory)).FullName;
            foreach (var file in include)
            {
                Copy(file, Path.Combine(target, Path.GetFileName(Path.TrimEndingDirectorySeparator(file))));
            }
        }

        await BoxRepackager.PackDirectoryAsync(directory, output, cancellation).ConfigureAwait(false);
    }

    private static void Copy(string from, string to)
    {
        if (File.Exists(from))
        {
            File.Copy(from, to);
            return;
        }

        Directory.CreateDirectory(to);
        foreach (var entry in Directory.EnumerateFileSystemEntries(from))
        {
            Copy(entry, Path.Combine(to, Path.GetFileName(entry)));
        }
    }
}
