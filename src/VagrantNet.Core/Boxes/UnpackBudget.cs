using System.Text.Json;

namespace VagrantNet.Core.Boxes;

/// <summary>
/// The limits of one unpack: what it writes must fit in the free space (less the reserve), measured at the start
/// and again as it grows; and once the box's virtual size is known (metadata.json's <c>virtual_size</c>, or a
/// qcow2 header's size), no file and no total may go far beyond it. A refusal names the limit.
/// </summary>
internal sealed class UnpackBudget : IUnpackBudget
{
    private const long CheckEvery = 64L << 20;

    private readonly string _directory;
    private readonly BoxAddSettings _settings;
    private readonly long _room;
    private long _written;
    private long _nextCheck = CheckEvery;
    private long _declaredVirtual;
    private long _headerVirtual;

    public UnpackBudget(string directory, BoxAddSettings settings)
    {
        _directory = directory;
        _settings = settings;
        _room = settings.FreeSpace(directory) - settings.FreeSpaceReserve;
    }

    private long VirtualSize => Math.Max(_declaredVirtual, _headerVirtual);

    public void Admit(string relative, long dataBytes, long apparentSize, ReadOnlySpan<byte> head)
    {
        if (BoxImageCheck.Qcow2VirtualSize(head) is { } size)
        {
            _headerVirtual = Math.Min(_headerVirtual + size, long.MaxValue / 4);
        }

        if (VirtualSize > 0 && apparentSize > BoxImageCheck.Bound(VirtualSize))
        {
            throw new BoxArchiveException($"its '{relative}' is {apparentSize} bytes, far beyond the box's virtual size of {VirtualSize} bytes (at most {BoxImageCheck.Bound(VirtualSize)} allowed)");
        }

        if (VirtualSize == 0 && apparentSize > _room)
        {
            // A sparse file costs nothing here, but the provider copies it whole into its storage pool.
            throw new BoxArchiveException($"its '{relative}' is {apparentSize} bytes, more than the {Math.Max(0, _room)} bytes that fit in {_directory} while keeping {_settings.FreeSpaceReserve} bytes free");
        }

        CheckTotal(_written + dataBytes);
    }

    public void Wrote(long bytes)
    {
        _written += bytes;
        CheckTotal(_written);
        if (_written >= _nextCheck)
        {
            _nextCheck = _written + CheckEvery;
            var free = _settings.FreeSpace(_directory);
            if (free < _settings.FreeSpaceReserve)
            {
                throw new BoxArchiveException($"the disk filled while unpacking it: {free} bytes are left in {_directory}, less than the {_settings.FreeSpaceReserve} bytes vnet keeps free");
            }
        }
    }

    public void Completed(string relative, string path)
    {
        if (relative != BoxMetadata.FileName)
        {
            return;
        }

        try
        {
            // Only the size is wanted here; the full check of metadata.json comes after unpacking.
            using var document = JsonDocument.Parse(File.ReadAllBytes(path));
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("virtual_size", out var size) && size.TryGetDouble(out var gb) && gb > 0)
            {
                _declaredVirtual = (long)Math.Min(gb * (1L << 30), long.MaxValue / 4);
            }
        }
        catch (JsonException)
        {
        }

        CheckTotal(_written);
    }

    private void CheckTotal(long total)
    {
        if (VirtualSize > 0 && total > BoxImageCheck.Bound(VirtualSize))
        {
            throw new BoxArchiveException($"it unpacks to more than {BoxImageCheck.Bound(VirtualSize)} bytes, far beyond the box's virtual size of {VirtualSize} bytes");
        }

        if (total > _room)
        {
            throw new BoxArchiveException($"unpacking it needs more than {Math.Max(0, _room)} bytes, what fits in {_directory} while keeping {_settings.FreeSpaceReserve} bytes free");
        }
    }
}
