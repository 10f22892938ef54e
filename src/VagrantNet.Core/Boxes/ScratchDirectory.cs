using VagrantNet.Core.Environment;
using VagrantNet.Core.Locking;

namespace VagrantNet.Core.Boxes;

/// <summary>
/// A directory under <c>$VNET_HOME/tmp</c> that one process works in (an unpack, a box on its way out). Its owner
/// holds <c>&lt;dir&gt;.owner</c> locked for as long as it lives; the kernel drops the lock when the owner dies, so a
/// later add can tell a directory a killed vnet left behind from one still in use, and remove it.
/// </summary>
public sealed class ScratchDirectory : IDisposable
{
    /// <summary>The prefixes of the scratch directories the box store makes.</summary>
    public static readonly IReadOnlyList<string> Prefixes = ["box-import-", "box-remove-", "box-replaced-", BoxPackager.ScratchPrefix];

    private const string OwnerSuffix = ".owner";

    private readonly FileLock _owner;

    private ScratchDirectory(string path, FileLock owner)
    {
        Path = path;
        _owner = owner;
    }

    public string Path { get; }

    /// <summary>Takes a new name under tmp; with <paramref name="create"/> the directory is made, else only reserved (for a rename onto it).</summary>
    public static ScratchDirectory Create(VnetPaths paths, string prefix, bool create)
    {
        var temp = paths.EnsureDirectory(paths.Temp);
        for (var attempt = 0; ; attempt++)
        {
            var path = System.IO.Path.Combine(temp, prefix + Guid.NewGuid().ToString("N"));

            // The lock comes first, so no sweeper ever sees the directory without its owner.
            var owner = FileLock.TryAcquire(path + OwnerSuffix);
            if (owner is null)
            {
                // Only a sweeper removing an orphaned lock file of the same name can get here; take another name.
                if (attempt < 3)
                {
                    continue;
                }

                throw new VnetException($"vnet could not lock a scratch directory in {temp}.");
            }

            if (create)
            {
                Directory.CreateDirectory(path);
            }

            return new ScratchDirectory(path, owner);
        }
    }

    /// <summary>Removes the scratch directories (and their lock files) whose owner is gone; those in use are left alone.</summary>
    public static void SweepStale(VnetPaths paths)
    {
        if (!Directory.Exists(paths.Temp))
        {
            return;
        }

        foreach (var entry in new DirectoryInfo(paths.Temp).EnumerateFileSystemInfos())
        {
            var isOwnerFile = entry.Name.EndsWith(OwnerSuffix, StringComparison.Ordinal);
            var directory = isOwnerFile ? entry.FullName[..^OwnerSuffix.Length] : entry.FullName;
            var name = System.IO.Path.GetFileName(directory);
            if (!Prefixes.Any(p => name.StartsWith(p, StringComparison.Ordinal)) || (isOwnerFile && Directory.Exists(directory)))
            {
                continue;
            }

            using var owner = FileLock.TryAcquire(directory + OwnerSuffix);
            if (owner is null)
            {
                continue;
            }

            try
            {
                SafeDelete.Tree(directory);
                File.Delete(directory + OwnerSuffix);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Left for a later sweep; a stale scratch directory must not fail the add that found it.
            }
        }
    }

    /// <summary>Deletes the directory if it is still there (it is gone once moved into the store) and lets go of it.</summary>
    public void Dispose()
    {
        try
        {
            SafeDelete.Tree(Path);
            File.Delete(Path + OwnerSuffix);
        }
        finally
        {
            _owner.Dispose();
        }
    }
}

/// <summary>Deleting directory trees without ever following a symbolic link out of them.</summary>
public static class SafeDelete
{
    /// <summary>Whether the entry itself is a symbolic link (to anything, or dangling).</summary>
    public static bool IsLink(string path) => new FileInfo(path).LinkTarget is not null;

    /// <summary>
    /// Removes <paramref name="path"/>: a link is unlinked (its target is untouched), a file deleted, a directory
    /// emptied entry by entry the same way and then removed. Nothing when the path does not exist.
    /// </summary>
    public static void Tree(string path)
    {
        var info = new FileInfo(path);
        if (info.LinkTarget is not null || File.Exists(path))
        {
            File.Delete(path);
            return;
        }

        if (!Directory.Exists(path))
        {
            return;
        }

        foreach (var entry in new DirectoryInfo(path).EnumerateFileSystemInfos("*", new EnumerationOptions { AttributesToSkip = 0, RecurseSubdirectories = false }))
        {
            if (entry is DirectoryInfo && entry.LinkTarget is null)
            {
                Tree(entry.FullName);
            }
            else
            {
                File.Delete(entry.FullName);
            }
        }

        Directory.Delete(path);
    }
}
