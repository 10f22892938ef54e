namespace VagrantNet.Sdk.Config;

/// <summary>Collects every validation error of one machine, grouped by section, so all are reported at once.</summary>
public sealed class ValidationErrors
{
    private readonly List<ValidationError> _errors = [];

    public ValidationErrors(string machine, string? projectDirectory = null)
    {
        Machine = machine;
        ProjectDirectory = Path.GetFullPath(projectDirectory ?? System.Environment.CurrentDirectory);
    }

    public string Machine { get; }

    /// <summary>The directory holding the project's Vagrantfile.csx: relative paths in the config are relative to it.</summary>
    public string ProjectDirectory { get; }

    /// <summary>The communicators the installed plugins provide (such as <c>ssh</c>); null when not known, and then not checked.</summary>
    public IReadOnlyCollection<string>? Communicators { get; init; }

    /// <summary>The synced folder types the installed plugins provide (such as <c>rsync</c>, <c>nfs</c>); null when not known, and then not checked.</summary>
    public IReadOnlyCollection<string>? SyncedFolderTypes { get; init; }

    /// <summary>Whether the machine's provider works without a box (<c>ProviderOptions.BoxOptional</c>), so an unset <c>vm.box</c> is no error.</summary>
    public bool BoxOptional { get; init; }

    public IReadOnlyList<ValidationError> All => _errors;

    public bool IsEmpty => _errors.Count == 0;

    /// <summary>Adds an error about <paramref name="setting"/> (for example <c>vm.box</c>) in <paramref name="section"/>.</summary>
    public void Add(string section, string setting, string message) =>
        _errors.Add(new ValidationError(Machine, section, setting, message));

    /// <summary>A path as the user wrote it, resolved against <see cref="ProjectDirectory"/> as Vagrant resolves it against the root path.</summary>
    public string ProjectPath(string path) => Path.GetFullPath(path, ProjectDirectory);

    /// <summary>Whether <paramref name="path"/>, resolved as <see cref="ProjectPath"/> does, is an existing file; false for text that is no path at all (empty, or holding a NUL).</summary>
    public bool IsFile(string? path) => IsPath(path) && File.Exists(ProjectPath(path!));

    /// <summary>Whether <paramref name="path"/>, resolved as <see cref="ProjectPath"/> does, is an existing directory; false for text that is no path at all.</summary>
    public bool IsDirectory(string? path) => IsPath(path) && Directory.Exists(ProjectPath(path!));

    private static bool IsPath(string? path) => !string.IsNullOrEmpty(path) && !path.Contains('\0');
}

public sealed record ValidationError(string Machine, string Section, string Setting, string Message)
{
    public override string ToString() => $"{Setting}: {Message}";
}
