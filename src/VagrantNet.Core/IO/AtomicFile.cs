namespace VagrantNet.Core.IO;

/// <summary>Writes files so that readers see either the old or the new content, never half of it.</summary>
public static class AtomicFile
{
    public static void WriteAllText(string path, string content, UnixFileMode? mode = null)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var temp = path + ".tmp-" + System.Environment.ProcessId;
        try
        {
            using (var stream = new FileStream(temp, new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, UnixCreateMode = mode ?? (UnixFileMode)0b110_100_100 }))
            using (var writer = new StreamWriter(stream))
            {
                writer.Write(content);
            }

            File.Move(temp, path, overwrite: true);
        }
        catch
        {
            // A failed write (disk full, the target a directory) must not leave its temporary file behind.
            Delete(temp);
            throw;
        }
    }

    public static void WriteAllBytes(string path, byte[] content)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var temp = path + ".tmp-" + System.Environment.ProcessId;
        try
        {
            File.WriteAllBytes(temp, content);
            File.Move(temp, path, overwrite: true);
        }
        catch
        {
            Delete(temp);
            throw;
        }
    }

    private static void Delete(string temp)
    {
        try
        {
            File.Delete(temp);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The original error is the one to report.
        }
    }
}
