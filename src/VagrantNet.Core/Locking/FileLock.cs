namespace VagrantNet.Core.Locking;

/// <summary>
/// A cross-process lock on a file. .NET takes an advisory flock for <see cref="FileShare.None"/> on Unix,
/// and the kernel drops it when the process dies, so a crashed vnet never leaves a stale lock.
/// </summary>
public sealed class FileLock : IDisposable, IAsyncDisposable
{
    private readonly FileStream _stream;

    private FileLock(string path, FileStream stream)
    {
        Path = path;
        _stream = stream;
    }

    public string Path { get; }

    /// <summary>Takes the lock at once or returns null when another process holds it.</summary>
    public static FileLock? TryAcquire(string path)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        try
        {
            var stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            return new FileLock(path, stream);
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>Waits for the lock up to <paramref name="timeout"/>; throws a <see cref="VnetException"/> naming <paramref name="what"/> after that.</summary>
    public static async Task<FileLock> AcquireAsync(string path, TimeSpan timeout, string what, CancellationToken cancellation)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var taken = TryAcquire(path);
            if (taken is not null)
            {
                return taken;
            }

            if (DateTime.UtcNow >= deadline)
            {
                throw new VnetException($"{what} is in use by another vnet process (lock {path}); wait for it to finish and try again.");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200), cancellation).ConfigureAwait(false);
        }
    }

    public void Dispose() => _stream.Dispose();

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }
}
