namespace VagrantNet.Core.Environment;

/// <summary>Finds the project's Vagrantfile.csx by walking up from a directory, as Vagrant does.</summary>
public static class VagrantfileLocator
{
    public const string DefaultName = "Vagrantfile.csx";

    /// <summary>The file name to look for: <c>VNET_VAGRANTFILE</c> or <c>Vagrantfile.csx</c>.</summary>
    public static string FileName =>
        System.Environment.GetEnvironmentVariable("VNET_VAGRANTFILE") is { Length: > 0 } name ? name : DefaultName;

    /// <summary>The full path of the nearest Vagrantfile at or above <paramref name="start"/>, or null.</summary>
    public static string? Find(string start)
    {
        var name = FileName;
        if (Path.IsPathRooted(name))
        {
            return Present(name) ? name : null;
        }

        for (var dir = new DirectoryInfo(Path.GetFullPath(start)); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, name);
            if (Present(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>
    /// Anything by that name stops the walk, also a directory or a dangling link: evaluating it then says what is wrong
    /// with it, instead of a Vagrantfile further up being used or none being reported.
    /// </summary>
    private static bool Present(string path) => File.Exists(path) || Directory.Exists(path) || new FileInfo(path).LinkTarget is not null;

    public static string Require(string start) =>
        Find(start) ?? throw new VnetException(
            $"A {FileName} is required to run this command, but none was found in {Path.GetFullPath(start)} or any directory above it. " +
            (RubyVagrantfileHint(start) ?? "Run `vnet init` to create one, or change to a directory that has one."));

    /// <summary>
    /// When the nearest project has only Vagrant's Ruby <c>Vagrantfile</c>, the sentence that says so and how to
    /// convert it; null when there is none.
    /// </summary>
    public static string? RubyVagrantfileHint(string start)
    {
        for (var dir = new DirectoryInfo(Path.GetFullPath(start)); dir is not null; dir = dir.Parent)
        {
            var ruby = Path.Combine(dir.FullName, "Vagrantfile");
            if (File.Exists(ruby))
            {
                var relative = Path.GetRelativePath(Path.GetFullPath(start), ruby);
                return $"There is a Ruby Vagrantfile at {ruby}: vnet does not run Ruby, but converts it. Run `vnet init --from {relative}` to write the equivalent {DefaultName}.";
            }
        }

        return null;
    }
}
