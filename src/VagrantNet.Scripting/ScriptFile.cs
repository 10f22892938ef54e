using System.Runtime.InteropServices;
using VagrantNet.Core;
using VagrantNet.Core.IO;

namespace VagrantNet.Scripting;

/// <summary>
/// Reads a Vagrantfile.csx or a <c>#load</c>ed file with a bound: a device (<c>/dev/zero</c>), a FIFO or a huge file
/// would otherwise grow vnet without limit or block it. Uses no Roslyn type: the cache hit hashes through here.
/// </summary>
public static partial class ScriptFile
{
    /// <summary>Far above any real Vagrantfile.csx; a script this large is a mistake, not a configuration.</summary>
    public const int MaxBytes = 1024 * 1024;

    /// <summary>The bytes of <paramref name="path"/>; a <see cref="VnetException"/> naming it when it cannot be a script.</summary>
    public static byte[] ReadAllBytes(string path)
    {
        var display = DisplayPath.Of(path);
        if (System.IO.Directory.Exists(path))
        {
            throw new VnetException($"{display} is a directory, not a script file.");
        }

        var info = new FileInfo(path);
        if (info.LinkTarget is not null && info.ResolveLinkTarget(returnFinalTarget: true) is not { Exists: true })
        {
            throw new VnetException($"{display} is a symbolic link to {info.LinkTarget}, which does not exist.");
        }

        if (!info.Exists)
        {
            throw new VnetException($"{display} does not exist.");
        }

        if (FileType(path) is { } type && type != RegularFile)
        {
            throw new VnetException($"{display} is not a regular file (a device, FIFO or socket); a script must be a plain file.");
        }

        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1);
            var buffer = new byte[Math.Min(MaxBytes + 1, Math.Max(4096, stream.CanSeek ? stream.Length + 1 : 4096))];
            var length = 0;
            int read;
            while ((read = stream.Read(buffer, length, buffer.Length - length)) > 0)
            {
                length += read;
                if (length > MaxBytes)
                {
                    throw TooLarge(display);
                }

                if (length == buffer.Length)
                {
                    Array.Resize(ref buffer, Math.Min(MaxBytes + 1, buffer.Length * 2));
                }
            }

            return buffer.AsSpan(0, length).ToArray();
        }
        catch (UnauthorizedAccessException)
        {
            throw new VnetException($"{display} cannot be read: permission denied.");
        }
        catch (IOException e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new VnetException($"{display} does not exist.");
        }
        catch (IOException e)
        {
            throw new VnetException($"{display} cannot be read: {e.Message}");
        }
    }

    private static VnetException TooLarge(string display) =>
        new($"{display} is larger than {MaxBytes / 1024 / 1024} MiB, the limit for a script file; a Vagrantfile.csx and the files it #loads must each stay below it.");

    private const int TypeMask = 0xF000;
    private const int RegularFile = 0x8000;

    /// <summary>
    /// The file-type bits of <c>stat</c> (following links), through the runtime's own portable stat shim: its FileStatus
    /// starts with two ints, flags then mode, on every architecture (libc's struct stat does not). Null when the shim is
    /// unavailable: the size bound still holds then.
    /// </summary>
    private static int? FileType(string path)
    {
        try
        {
            var status = new byte[256];
            return Stat(path, status) == 0 ? BitConverter.ToInt32(status, sizeof(int)) & TypeMask : null;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return null;
        }
    }

    [LibraryImport("libSystem.Native", EntryPoint = "SystemNative_Stat", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Stat(string path, [Out] byte[] status);
}
