namespace VagrantNet.Core.Environment;

/// <summary>
/// Where a project is looked for and where its state lives, moved by <c>VNET_CWD</c> and <c>VNET_DOTFILE_PATH</c> as
/// Vagrant's <c>VAGRANT_CWD</c> and <c>VAGRANT_DOTFILE_PATH</c> move them.
/// </summary>
public static class ProjectDirectories
{
    public const string CwdVariable = "VNET_CWD";
    public const string DotfilePathVariable = "VNET_DOTFILE_PATH";
    public const string DefaultDataDirectoryName = ".vnet";

    /// <summary>
    /// The directory the Vagrantfile.csx search starts from: <c>VNET_CWD</c> (relative to <paramref name="processDirectory"/>)
    /// or <paramref name="processDirectory"/>. A VNET_CWD that is not a directory is returned as an error, not thrown, so
    /// that commands that need no project (<c>box list</c>, <c>--help</c>) still run, as they do in Vagrant.
    /// </summary>
    public static (string? Directory, string? Error) WorkingDirectory(string processDirectory)
    {
        if (System.Environment.GetEnvironmentVariable(CwdVariable) is not { Length: > 0 } cwd)
        {
            return (processDirectory, null);
        }

        var full = Path.GetFullPath(cwd, processDirectory);
        return Directory.Exists(full)
            ? (full, null)
            : (null, $"{CwdVariable} is set to '{cwd}', but {full} is not a directory. Set {CwdVariable} to the directory that holds the project's Vagrantfile.csx (or a directory below it), or unset it to use the current directory.");
    }

    /// <summary>
    /// The project's state directory: <c>VNET_DOTFILE_PATH</c> (relative to the project's root, the Vagrantfile's
    /// directory, as Vagrant expands VAGRANT_DOTFILE_PATH) or <c>.vnet</c> in the root.
    /// </summary>
    public static string DataDirectory(string rootDirectory) =>
        System.Environment.GetEnvironmentVariable(DotfilePathVariable) is { Length: > 0 } dotfile
            ? Path.GetFullPath(dotfile, rootDirectory)
            : Path.Combine(rootDirectory, DefaultDataDirectoryName);
}
