using System.Text.Json;
using System.Xml.Linq;
using VagrantNet.Providers.Libvirt.Driver;
using VagrantNet.Providers.Libvirt.Interop;
using VagrantNet.Providers.Libvirt.Xml;
using VagrantNet.Sdk.Actions;
using VagrantNet.Sdk.Machines;
using VagrantNet.Sdk.Pipeline;

namespace VagrantNet.Providers.Libvirt.Actions;

/// <summary>
/// Puts the box's disk image into the storage pool once, as vagrant-libvirt names it
/// (<c>&lt;box&gt;_vagrant_box_image_&lt;version&gt;_box.img</c>), so every machine from the box shares it as a
/// backing file. A cross-process lock keeps two imports of one box from racing; an interrupted import
/// leaves no half volume behind.
/// </summary>
public sealed class HandleBoxImage : IAction
{
    public async Task InvokeAsync(ActionContext context, ActionDelegate next)
    {
        var box = context.Get(BuiltinKeys.Box);
        var (file, format, virtualSize) = Describe(box);
        var volumeName = VolumeName(box, Path.GetFileName(file), file);
        var config = context.LibvirtConfig();
        await using (await context.Machine.Host.LockAsync("libvirt-box-image-" + volumeName, TimeSpan.FromMinutes(30), context.Cancellation).ConfigureAwait(false))
        {
            using var pool = context.Driver().EnsurePool(config.StoragePoolName!, config.StoragePoolPath!);
            var volume = pool.TryLookupVolume(volumeName);
            if (volume is null)
            {
                // Only a miss pays for a rescan (a copy another tool put into the pool directory): a refresh is a pool
                // job of its own, and fails other clients' calls while it runs.
                pool.Refresh();
                volume = pool.TryLookupVolume(volumeName);
            }

            var upload = UploadMarker(context, config, volumeName);
            if (volume is not null && File.Exists(upload))
            {
                // An upload that never finished (vnet was killed during it) left a volume of the final name: a base
                // image with a hole in it. It goes, and is uploaded again.
                context.Ui.Warn($"The box image volume '{volumeName}' is left from an upload that did not finish; uploading it again.");
                volume.Delete();
                volume.Dispose();
                volume = null;
            }

            if (volume is null)
            {
                context.Ui.Info($"Uploading base box image as volume into Libvirt storage...");
                volume = Import(context, pool, volumeName, file, format, virtualSize);
            }

            using (volume)
            {
                // Recorded even for a volume found in place: `box remove` deletes every copy vnet's machines rely on.
                BoxImageRecord.Add(context.Machine.Host.Home, box, new BoxImageRecord(context.Driver().Uri, config.StoragePoolName!, volumeName));
                context.Set(LibvirtKeys.BoxImage, new BoxImage(volumeName, volume.GetPath(), format, Math.Max(virtualSize, volume.GetInfo().Capacity)));
            }
        }

        await next(context).ConfigureAwait(false);
    }

    /// <summary>
    /// Present while an upload of <paramref name="volumeName"/> into this libvirt's pool is under way (a volume cannot
    /// be uploaded under a temporary name and renamed, as the local copy is).
    /// </summary>
    private static string UploadMarker(ActionContext context, LibvirtConfig config, string volumeName)
    {
        var where = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(context.Driver().Uri + "\n" + config.StoragePoolName)))[..16];
        return Path.Combine(context.Machine.Host.Home, "data", "libvirt", "uploads", where, volumeName);
    }

    /// <summary>Whether a volume is a shared box image (kept on destroy), by vagrant-libvirt's naming.</summary>
    public static bool IsBoxImage(string volumeName) => volumeName.Contains("_vagrant_box_image_", StringComparison.Ordinal);

    /// <summary>The volumes of a domain's own disks: the file names of <paramref name="diskPaths"/> that are no box image.</summary>
    public static IEnumerable<string> OwnVolumes(IEnumerable<string> diskPaths) =>
        diskPaths.Select(Path.GetFileName).OfType<string>().Where(v => !IsBoxImage(v));

    /// <summary>
    /// vagrant-libvirt's volume name for a box disk. A box of version 0 (added from a file, with no version) is named by
    /// the disk file's modification time, as vagrant-libvirt does: a box removed and added again under the same name is
    /// unpacked anew, so its machines never boot the image an older box of that name left in the pool.
    /// </summary>
    public static string VolumeName(BoxInfo box, string diskFile, string? diskPath = null)
    {
        var version = box.Version;
        if (version is "0" or "")
        {
            var modified = new DateTimeOffset(File.GetLastWriteTimeUtc(diskPath ?? Path.Combine(box.Directory, diskFile))).ToUnixTimeSeconds();
            version = "0_" + modified.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return $"{box.Name.Replace("/", "-VAGRANTSLASH-", StringComparison.Ordinal)}_vagrant_box_image_{version}_{diskFile}";
    }

    /// <summary>The box's first disk, its format and virtual size, from metadata.json (v1 or v2 "disks").</summary>
    public static (string File, string Format, ulong VirtualSizeBytes) Describe(BoxInfo box)
    {
        var metadata = box.Metadata;
        string path = "box.img";
        var format = metadata.TryGetValue("format", out var f) && f.ValueKind == JsonValueKind.String ? f.GetString()! : "qcow2";
        if (metadata.TryGetValue("disks", out var disks) && disks.ValueKind == JsonValueKind.Array && disks.GetArrayLength() > 0)
        {
            var first = disks[0];
            if (first.TryGetProperty("path", out var p))
            {
                path = p.GetString() ?? path;
            }

            if (first.TryGetProperty("format", out var df))
            {
                format = df.GetString() ?? format;
            }
        }

        ulong size = 0;
        if (metadata.TryGetValue("virtual_size", out var vs) && vs.TryGetDouble(out var gb))
        {
            size = (ulong)(gb * 1024 * 1024 * 1024);
        }

        var file = Path.Combine(box.Directory, path);
        if (!File.Exists(file))
        {
            throw new LibvirtProviderException($"Box '{box.Name}' ({box.Version}) has no disk image at {file}; re-add it with `vnet box add --force`.");
        }

        return (file, format, size);
    }

    private static LibvirtStorageVolume Import(ActionContext context, LibvirtStoragePool pool, string name, string file, string format, ulong virtualSize)
    {
        var length = new FileInfo(file).Length;
        var progress = context.Ui.Progress("Importing box image", length);
        var poolPath = XElement.Parse(pool.GetXmlDesc()).Element("target")?.Element("path")?.Value;
        if (context.Driver().IsLocal && poolPath is not null && Directory.Exists(poolPath)
            && CopyIntoPool(pool, poolPath, name, file, progress, context.Cancellation) is { } copied)
        {
            return copied;
        }

        var capacity = Math.Max(virtualSize, (ulong)length);
        var marker = UploadMarker(context, context.LibvirtConfig(), name);
        Directory.CreateDirectory(Path.GetDirectoryName(marker)!);
        File.WriteAllText(marker, context.Driver().Uri);
        var volume = pool.CreateVolume(VolumeXmlBuilder.Volume(name, capacity, format, (ulong)length).ToString());
        try
        {
            using (var source = File.OpenRead(file))
            {
                volume.Upload(source, length, progress, context.Cancellation);
            }

            File.Delete(marker);
            return volume;
        }
        catch (Exception e)
        {
            RemoveHalfVolume(context, volume, name, marker);
            if (e is LibvirtException)
            {
                var box = context.Get(BuiltinKeys.Box);
                throw new LibvirtProviderException($"Machine '{context.Machine.Name}': the image of box '{box.Name}' ({box.Version}) could not be uploaded into storage pool '{pool.Name}': {e.Message}", e);
            }

            throw;
        }
    }

    /// <summary>
    /// Same host: copies straight into the pool directory under a hidden name, then renames it into place.
    /// Null when this user may not write there (a system pool used by a non-root user): upload instead.
    /// </summary>
    private static LibvirtStorageVolume? CopyIntoPool(LibvirtStoragePool pool, string poolPath, string name, string file, IProgress<long> progress, CancellationToken cancellation)
    {
        var part = Path.Combine(poolPath, "." + name + ".part");
        var final = Path.Combine(poolPath, name);
        try
        {
            Copy(file, part, progress, cancellation);
            File.Move(part, final);
        }
        catch (UnauthorizedAccessException) when (!File.Exists(part))
        {
            return null;
        }
        catch
        {
            File.Delete(part);
            throw;
        }

        pool.Refresh();
        var volume = pool.TryLookupVolume(name);
        if (volume is null)
        {
            // Nothing can use a file the pool does not list: leave no copy behind.
            File.Delete(final);
            throw new LibvirtProviderException($"The box image was copied to {final} but libvirt's pool '{pool.Name}' does not list it; the copy was removed.");
        }

        return volume;
    }

    /// <summary>Deletes the volume a failed upload created; a failure to do so is told, never hiding the upload's error.</summary>
    private static void RemoveHalfVolume(ActionContext context, LibvirtStorageVolume volume, string name, string marker)
    {
        try
        {
            volume.Delete();
            File.Delete(marker);
        }
        catch (LibvirtException e)
        {
            context.Ui.Warn($"The partly uploaded volume '{name}' could not be removed ({e.Message}); remove it with `virsh vol-delete`.");
        }
        finally
        {
            volume.Dispose();
        }
    }

    private static void Copy(string from, string to, IProgress<long> progress, CancellationToken cancellation)
    {
        using var source = new FileStream(from, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20);
        // A part file left by a killed import is overwritten: the lock rules out a concurrent one.
        using var target = new FileStream(to, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20);
        var buffer = new byte[4 << 20];
        long done = 0;
        int read;
        while ((read = source.Read(buffer)) > 0)
        {
            cancellation.ThrowIfCancellationRequested();
            target.Write(buffer, 0, read);
            done += read;
            progress.Report(done);
        }
    }
}
