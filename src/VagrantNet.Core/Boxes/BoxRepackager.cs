using System.Formats.Tar;
using System.IO.Compression;
using VagrantNet.Sdk.Machines;

namespace VagrantNet.Core.Boxes;

/// <summary><c>vnet box repackage</c>: the installed box's files, tarred and gzipped back into a box file.</summary>
public static class BoxRepackager
{
    public static Task RepackageAsync(BoxInfo box, string output, CancellationToken cancellation) =>
        PackDirectoryAsync(box.Directory, output, cancellation);

    /// <summary>
    /// Tars and gzips every file under <paramref name="directory"/> into <paramref name="output"/>, through a temporary
    /// file renamed into place: a failed or cancelled pack leaves no partial box file.
    /// </summary>
    public static async Task PackDirectoryAsync(string directory, string output, CancellationToken cancellation)
    {
        var temp = output + ".tmp-" + System.Environment.ProcessId;
        try
        {
            await using (var file = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous))
            await using (var gzip = new GZipStream(file, CompressionLevel.Fastest))
            await using (var tar = new TarWriter(gzip, TarEntryFormat.Pax, leaveOpen: true))
            {
                foreach (var path in Directory.EnumerateFileSystemEntries(directory, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
                {
                    cancellation.ThrowIfCancellationRequested();
                    var name = Path.GetRelativePath(directory, path).Replace(Path.DirectorySeparatorChar, '/');
                    await tar.WriteEntryAsync(path, name, cancellation).ConfigureAwait(false);
                }
            }

            File.Move(temp, output, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }
    }
}
