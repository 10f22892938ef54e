using System.Buffers;
using System.Globalization;
using System.Text;
using Microsoft.Win32.SafeHandles;

namespace VagrantNet.Core.Boxes;

/// <summary>An archive vnet refuses to unpack, and why. The caller adds the box's name.</summary>
public sealed class BoxArchiveException(string message) : Exception(message);

/// <summary>Decides, file by file and chunk by chunk, whether unpacking may go on; refuses with a <see cref="BoxArchiveException"/>.</summary>
public interface IUnpackBudget
{
    /// <summary>
    /// Before a file is written: the bytes of data it will write, its size on disk as seen by readers (larger for
    /// a sparse file), and its first bytes (up to 512) when they are at hand.
    /// </summary>
    void Admit(string relative, long dataBytes, long apparentSize, ReadOnlySpan<byte> head);

    /// <summary>After each chunk of file data is written.</summary>
    void Wrote(long bytes);

    /// <summary>After a file is written and closed.</summary>
    void Completed(string relative, string path);
}

/// <summary>
/// Unpacks a tar stream (ustar, GNU and pax, including GNU sparse files in all their encodings) into a
/// directory that must be new and empty, refusing anything that could land outside it: absolute names,
/// <c>..</c>, links pointing out, writes through links, device nodes and FIFOs. One forward pass over the
/// stream, large buffers, no seeking, so it runs at the speed of the decompressor in front of it.
/// </summary>
public sealed class TarExtractor
{
    private const int Block = 512;
    private const int MaxHeaderData = 1 << 20;
    private const int MaxSparseRegions = 1 << 20;
    private const int MaxEntries = 1 << 20;

    private readonly Stream _source;
    private readonly string _root;
    private readonly IReadOnlyDictionary<string, long> _sizeLimits;
    private readonly CancellationToken _cancellation;
    private readonly IUnpackBudget? _budget;
    private readonly byte[] _buffer = new byte[1 << 20];
    private readonly HashSet<string> _directories = new(StringComparer.Ordinal) { string.Empty };
    private readonly HashSet<string> _files = new(StringComparer.Ordinal);
    private readonly List<(string Path, string Target)> _symlinks = [];
    private readonly HashSet<string> _symlinkPaths = new(StringComparer.Ordinal);
    private int _start;
    private int _end;
    private int _entries;

    /// <param name="source">The decompressed tar stream.</param>
    /// <param name="destination">An existing, empty directory.</param>
    /// <param name="sizeLimits">Largest sizes for particular top-level names (metadata.json ...).</param>
    /// <param name="budget">Size and free-space limits, checked as the archive is unpacked; null for none.</param>
    public TarExtractor(Stream source, string destination, IReadOnlyDictionary<string, long>? sizeLimits, CancellationToken cancellation, IUnpackBudget? budget = null)
    {
        _budget = budget;
        _source = source;
        _root = Path.GetFullPath(destination);
        _sizeLimits = sizeLimits ?? new Dictionary<string, long>();
        _cancellation = cancellation;
    }

    /// <summary>Bytes of file content written.</summary>
    public long BytesWritten { get; private set; }

    /// <summary>The regular files unpacked, as normalized relative paths.</summary>
    public IReadOnlyCollection<string> Files => _files;

    public void Extract()
    {
        var pending = new PendingAttributes();
        var sawHeader = false;
        Span<byte> header = stackalloc byte[Block];
        while (true)
        {
            _cancellation.ThrowIfCancellationRequested();
            if (!TryFill(Block))
            {
                if (_end - _start != 0)
                {
                    throw new BoxArchiveException("the archive ends in the middle of a tar header (it is truncated)");
                }

                if (!sawHeader)
                {
                    throw new BoxArchiveException("the archive is empty");
                }

                break;
            }

            _buffer.AsSpan(_start, Block).CopyTo(header);
            if (header.IndexOfAnyExcept((byte)0) < 0)
            {
                _start += Block;
                if (!sawHeader)
                {
                    throw new BoxArchiveException("the archive holds no entries");
                }

                Drain();
                break;
            }

            if (!ChecksumMatches(header))
            {
                throw new BoxArchiveException(sawHeader
                    ? "a tar header is damaged (bad checksum); the file is corrupt or truncated"
                    : "it is not a tar archive, nor a gzip, zstd, xz or bzip2 compressed one");
            }

            sawHeader = true;
            if (++_entries > MaxEntries)
            {
                throw new BoxArchiveException($"it holds more than {MaxEntries} entries");
            }

            var entry = ParseHeader(header);
            _start += Block;
            switch (entry.Type)
            {
                case (byte)'x':
                    pending.ReadPax(ReadSmallData(entry.Size, "a pax extended header"));
                    continue;
                case (byte)'g':
                    _ = ReadSmallData(entry.Size, "a pax global header");
                    continue;
                case (byte)'L':
                    pending.LongName = CString(ReadSmallData(entry.Size, "a GNU long name"));
                    continue;
                case (byte)'K':
                    pending.LongLink = CString(ReadSmallData(entry.Size, "a GNU long link name"));
                    continue;
                case (byte)'V':
                    Skip(Padded(entry.Size));
                    pending = new PendingAttributes();
                    continue;
            }

            (List<(long, long)> Regions, long RealSize)? oldSparse = entry.Type == (byte)'S' ? ReadOldGnuSparseMap(header) : null;
            var name = pending.SparseName ?? pending.Path ?? pending.LongName ?? entry.Name;
            var link = pending.LinkPath ?? pending.LongLink ?? entry.LinkName;
            var size = pending.Size ?? entry.Size;
            var attributes = pending;
            pending = new PendingAttributes();

            if (ArchivePath.IsRoot(name) && entry.Type is (byte)'5' or (byte)'D')
            {
                Skip(Padded(size));
                continue;
            }

            if (!ArchivePath.TryNormalize(name, out var relative))
            {
                throw new BoxArchiveException($"the entry '{Printable(name)}' would land outside the box directory (absolute names and '..' are refused)");
            }

            switch (entry.Type)
            {
                case (byte)'0' or 0 or (byte)'7':
                    if (attributes.IsSparse)
                    {
                        WriteSparse(relative, size, entry.Mode, attributes);
                    }
                    else
                    {
                        WriteRegular(relative, size, entry.Mode);
                    }

                    break;
                case (byte)'S':
                    WriteOldSparse(relative, size, entry.Mode, oldSparse!.Value);
                    break;
                case (byte)'5' or (byte)'D':
                    EnsureDirectory(relative, relative);
                    Skip(Padded(size));
                    break;
                case (byte)'1':
                    HardLink(relative, link);
                    Skip(Padded(size));
                    break;
                case (byte)'2':
                    DeferSymlink(relative, link);
                    Skip(Padded(size));
                    break;
                case (byte)'3' or (byte)'4':
                    throw new BoxArchiveException($"the entry '{relative}' is a device node; boxes may hold only files, directories and links");
                case (byte)'6':
                    throw new BoxArchiveException($"the entry '{relative}' is a FIFO; boxes may hold only files, directories and links");
                default:
                    throw new BoxArchiveException($"the entry '{relative}' has the unsupported tar type '{(char)entry.Type}'");
            }
        }

        CreateSymlinks();
    }

    private record struct Header(string Name, string LinkName, long Size, int Mode, byte Type);

    private static Header ParseHeader(ReadOnlySpan<byte> header)
    {
        var name = CString(header[..100]);
        var magic = header.Slice(257, 6);
        var isPosixUstar = magic.SequenceEqual("ustar\0"u8);
        if (isPosixUstar && header[345] != 0)
        {
            name = CString(header.Slice(345, 155)) + "/" + name;
        }

        var type = header[156];
        return new Header(name, CString(header.Slice(157, 100)), Number(header.Slice(124, 12), "size"), (int)Number(header.Slice(100, 8), "mode"), type);
    }

    private static bool ChecksumMatches(ReadOnlySpan<byte> header)
    {
        long stored;
        try
        {
            stored = Number(header.Slice(148, 8), "checksum");
        }
        catch (BoxArchiveException)
        {
            return false;
        }

        long unsigned = 0, signed = 0;
        for (var i = 0; i < Block; i++)
        {
            var b = i is >= 148 and < 156 ? (byte)' ' : header[i];
            unsigned += b;
            signed += (sbyte)b;
        }

        return stored == unsigned || stored == signed;
    }

    /// <summary>A tar number: octal text, or base-256 when the top bit of the first byte is set.</summary>
    private static long Number(ReadOnlySpan<byte> field, string what)
    {
        if (field.Length > 0 && (field[0] & 0x80) != 0)
        {
            if (field[0] != 0x80)
            {
                throw new BoxArchiveException($"a tar header has a negative {what}");
            }

            long value = 0;
            for (var i = 1; i < field.Length; i++)
            {
                if (value > (long.MaxValue >> 8))
                {
                    throw new BoxArchiveException($"a tar header has an impossible {what}");
                }

                value = (value << 8) | field[i];
            }

            return value;
        }

        long result = 0;
        var j = 0;
        while (j < field.Length && field[j] is (byte)' ' or 0)
        {
            j++;
        }

        for (; j < field.Length && field[j] is >= (byte)'0' and <= (byte)'7'; j++)
        {
            if (result > (long.MaxValue >> 3))
            {
                throw new BoxArchiveException($"a tar header has an impossible {what}");
            }

            result = (result << 3) | (long)(field[j] - '0');
        }

        for (; j < field.Length; j++)
        {
            if (field[j] is not ((byte)' ' or 0))
            {
                throw new BoxArchiveException($"a tar header has a malformed {what}");
            }
        }

        return result;
    }

    private static string CString(ReadOnlySpan<byte> bytes)
    {
        var end = bytes.IndexOf((byte)0);
        return Encoding.UTF8.GetString(end < 0 ? bytes : bytes[..end]);
    }

    private static string Printable(string name) =>
        string.Concat(name.Take(200).Select(c => char.IsControl(c) ? '?' : c));

    private static long Padded(long size) => (size + Block - 1) / Block * Block;

    private static void CheckPaddedSize(long size)
    {
        if (size < 0 || size > long.MaxValue - Block)
        {
            throw new BoxArchiveException("a tar header has an impossible size");
        }
    }

    private void Limit(string relative, long size)
    {
        if (_sizeLimits.TryGetValue(relative, out var limit) && size > limit)
        {
            throw new BoxArchiveException($"its {relative} is {size} bytes, more than the {limit} bytes allowed");
        }
    }

    private void WriteRegular(string relative, long size, int mode)
    {
        CheckPaddedSize(size);
        Limit(relative, size);
        Admit(relative, size, size, 0, size);
        using (var handle = CreateFile(relative, mode))
        {
            CopyData(handle, 0, size);
        }

        _budget?.Completed(relative, Full(relative));
        Skip(Padded(size) - size);
    }

    /// <summary>Shows the budget the file about to be written, with its first bytes when its data starts at offset 0.</summary>
    private void Admit(string relative, long dataBytes, long apparentSize, long firstOffset, long firstLength)
    {
        if (_budget is null)
        {
            return;
        }

        var want = (int)Math.Min(Block, firstOffset == 0 ? firstLength : 0);
        var have = want > 0 && TryFill(want) ? want : 0;
        _budget.Admit(relative, dataBytes, apparentSize, _buffer.AsSpan(_start, have));
    }

    private void WriteSparse(string relative, long size, int mode, PendingAttributes attributes)
    {
        CheckPaddedSize(size);
        var consumed = 0L;
        IReadOnlyList<(long Offset, long Length)> regions;
        if (attributes.SparseMajor == 1)
        {
            (regions, consumed) = ReadSparseMapFromData(size);
        }
        else
        {
            regions = attributes.SparseRegions();
        }

        var realSize = attributes.SparseRealSize ?? throw new BoxArchiveException($"the sparse entry '{relative}' does not give its real size");
        Limit(relative, realSize);
        Admit(relative, size - consumed, realSize, regions.Count > 0 ? regions[0].Offset : -1, regions.Count > 0 ? regions[0].Length : 0);
        using (var handle = CreateFile(relative, mode))
        {
            WriteRegions(relative, handle, regions, size - consumed, realSize);
        }

        _budget?.Completed(relative, Full(relative));
        Skip(Padded(size) - size);
    }

    private void WriteOldSparse(string relative, long size, int mode, (List<(long, long)> Regions, long RealSize) map)
    {
        CheckPaddedSize(size);
        Limit(relative, map.RealSize);
        Admit(relative, size, map.RealSize, map.Regions.Count > 0 ? map.Regions[0].Item1 : -1, map.Regions.Count > 0 ? map.Regions[0].Item2 : 0);
        using (var handle = CreateFile(relative, mode))
        {
            WriteRegions(relative, handle, map.Regions, size, map.RealSize);
        }

        _budget?.Completed(relative, Full(relative));
        Skip(Padded(size) - size);
    }

    private void WriteRegions(string relative, SafeFileHandle handle, IReadOnlyList<(long Offset, long Length)> regions, long dataSize, long realSize)
    {
        var end = 0L;
        var total = 0L;
        foreach (var (offset, length) in regions)
        {
            if (offset < end || length < 0 || offset > realSize || length > realSize - offset)
            {
                throw new BoxArchiveException($"the sparse entry '{relative}' has an invalid map");
            }

            end = offset + length;
            total += length;
        }

        if (total != dataSize)
        {
            throw new BoxArchiveException($"the sparse entry '{relative}' holds {dataSize} bytes but its map says {total}");
        }

        foreach (var (offset, length) in regions)
        {
            CopyData(handle, offset, length);
        }

        RandomAccess.SetLength(handle, realSize);
    }

    private SafeFileHandle CreateFile(string relative, int mode)
    {
        if (_symlinkPaths.Contains(relative) || _directories.Contains(relative))
        {
            throw new BoxArchiveException($"the entry '{relative}' appears twice with different types");
        }

        EnsureParents(relative);
        var full = Full(relative);
        var handle = File.OpenHandle(full, FileMode.Create, FileAccess.Write, FileShare.None, FileOptions.None);
        File.SetUnixFileMode(handle, SafeMode(mode));
        _files.Add(relative);
        return handle;
    }

    private static UnixFileMode SafeMode(int mode) =>
        (UnixFileMode)((mode & 0b111_101_101) | 0b110_000_000);

    private void CopyData(SafeFileHandle handle, long offset, long length)
    {
        var remaining = length;
        while (remaining > 0)
        {
            if (_start == _end)
            {
                _start = 0;
                _end = _source.Read(_buffer, 0, _buffer.Length);
                if (_end == 0)
                {
                    throw new BoxArchiveException("the archive ends in the middle of a file (it is truncated)");
                }

                _cancellation.ThrowIfCancellationRequested();
            }

            var chunk = (int)Math.Min(remaining, _end - _start);
            RandomAccess.Write(handle, _buffer.AsSpan(_start, chunk), offset);
            _start += chunk;
            offset += chunk;
            remaining -= chunk;
            BytesWritten += chunk;
            _budget?.Wrote(chunk);
        }
    }

    private void EnsureParents(string relative) => EnsureDirectory(ArchivePath.Parent(relative), relative);

    private void EnsureDirectory(string directory, string entry)
    {
        if (_directories.Contains(directory))
        {
            return;
        }

        var prefix = string.Empty;
        foreach (var part in directory.Split('/'))
        {
            prefix = prefix.Length == 0 ? part : prefix + "/" + part;
            if (_directories.Contains(prefix))
            {
                continue;
            }

            if (_files.Contains(prefix) || _symlinkPaths.Contains(prefix))
            {
                throw new BoxArchiveException($"the entry '{entry}' needs '{prefix}' to be a directory, but the archive made it a file or link");
            }

            Directory.CreateDirectory(Full(prefix));
            _directories.Add(prefix);
        }
    }

    private void HardLink(string relative, string target)
    {
        if (!ArchivePath.TryNormalize(target, out var source) || !_files.Contains(source))
        {
            throw new BoxArchiveException($"the hard link '{relative}' points to '{Printable(target)}', which is not a file unpacked earlier inside the box");
        }

        if (source == relative)
        {
            return;
        }

        if (_symlinkPaths.Contains(relative) || _directories.Contains(relative))
        {
            throw new BoxArchiveException($"the entry '{relative}' appears twice with different types");
        }

        EnsureParents(relative);

        // A hard link becomes a copy, so it counts as written data: a thousand links to one big file are a thousand files.
        var length = new FileInfo(Full(source)).Length;
        _budget?.Admit(relative, length, length, []);
        File.Copy(Full(source), Full(relative), overwrite: true);
        _budget?.Wrote(length);
        _files.Add(relative);
    }

    private void DeferSymlink(string relative, string target)
    {
        if (string.IsNullOrEmpty(target) || target[0] == '/' || target.Contains('\0'))
        {
            throw new BoxArchiveException($"the symbolic link '{relative}' points to '{Printable(target)}', outside the box directory");
        }

        if (!_symlinkPaths.Add(relative) || _files.Contains(relative) || _directories.Contains(relative))
        {
            throw new BoxArchiveException($"the entry '{relative}' appears twice with different types");
        }

        _symlinks.Add((relative, target));
    }

    /// <summary>
    /// Links are made last, so no file is ever written through one. A link is allowed when its target,
    /// read as a path from the link's directory, stays inside the box without passing through another link.
    /// </summary>
    private void CreateSymlinks()
    {
        foreach (var (relative, target) in _symlinks)
        {
            var parent = ArchivePath.Parent(relative);
            if (ThroughLink(parent))
            {
                throw new BoxArchiveException($"the symbolic link '{relative}' sits below another link");
            }

            var parts = parent.Length == 0 ? new List<string>() : [.. parent.Split('/')];
            var segments = target.Split('/');
            for (var i = 0; i < segments.Length; i++)
            {
                var segment = segments[i];
                if (segment.Length == 0 || segment == ".")
                {
                    continue;
                }

                if (segment == "..")
                {
                    if (parts.Count == 0)
                    {
                        throw new BoxArchiveException($"the symbolic link '{relative}' points to '{Printable(target)}', outside the box directory");
                    }

                    parts.RemoveAt(parts.Count - 1);
                    continue;
                }

                parts.Add(segment);
                if (i < segments.Length - 1 && _symlinkPaths.Contains(string.Join('/', parts)))
                {
                    throw new BoxArchiveException($"the symbolic link '{relative}' points through another link ('{Printable(target)}')");
                }
            }

        }

        // Every link is checked before the first is made.
        foreach (var (relative, target) in _symlinks)
        {
            EnsureParents(relative);
            File.CreateSymbolicLink(Full(relative), target);
        }
    }

    private bool ThroughLink(string directory)
    {
        var prefix = string.Empty;
        foreach (var part in directory.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            prefix = prefix.Length == 0 ? part : prefix + "/" + part;
            if (_symlinkPaths.Contains(prefix))
            {
                return true;
            }
        }

        return false;
    }

    private string Full(string relative) => relative.Length == 0 ? _root : Path.Join(_root, relative);

    /// <summary>Old GNU sparse ('S'): four regions in the header, more in extension blocks right after it.</summary>
    private (List<(long, long)> Regions, long RealSize) ReadOldGnuSparseMap(ReadOnlySpan<byte> header)
    {
        var regions = new List<(long, long)>();
        AddOldSparse(header.Slice(386, 4 * 24), regions);
        var realSize = Number(header.Slice(483, 12), "sparse real size");
        var extended = header[482] != 0;
        while (extended)
        {
            if (regions.Count > MaxSparseRegions)
            {
                throw new BoxArchiveException("a sparse file's map is too large");
            }

            if (!TryFill(Block))
            {
                throw new BoxArchiveException("the archive ends inside a sparse file's map (it is truncated)");
            }

            var extension = _buffer.AsSpan(_start, Block);
            AddOldSparse(extension[..(21 * 24)], regions);
            extended = extension[504] != 0;
            _start += Block;
        }

        return (regions, realSize);
    }

    private static void AddOldSparse(ReadOnlySpan<byte> entries, List<(long, long)> regions)
    {
        for (var i = 0; i + 24 <= entries.Length; i += 24)
        {
            if (entries[i] == 0)
            {
                return;
            }

            regions.Add((Number(entries.Slice(i, 12), "sparse offset"), Number(entries.Slice(i + 12, 12), "sparse length")));
        }
    }

    /// <summary>pax sparse 1.0: the map is decimal lines at the start of the data, padded to a block.</summary>
    private (List<(long, long)> Regions, long Consumed) ReadSparseMapFromData(long size)
    {
        var consumed = 0L;
        long NextNumber()
        {
            long value = 0;
            var digits = 0;
            while (true)
            {
                if (consumed >= size || !TryFill(1))
                {
                    throw new BoxArchiveException("a sparse file's map is truncated");
                }

                var b = _buffer[_start++];
                consumed++;
                if (b == '\n')
                {
                    return digits == 0 ? throw new BoxArchiveException("a sparse file's map is malformed") : value;
                }

                if (b is < (byte)'0' or > (byte)'9' || ++digits > 18)
                {
                    throw new BoxArchiveException("a sparse file's map is malformed");
                }

                value = (value * 10) + (b - '0');
            }
        }

        var count = NextNumber();
        if (count > MaxSparseRegions)
        {
            throw new BoxArchiveException("a sparse file's map is too large");
        }

        var regions = new List<(long, long)>((int)count);
        for (var i = 0; i < count; i++)
        {
            regions.Add((NextNumber(), NextNumber()));
        }

        var padding = Padded(consumed) - consumed;
        if (padding > size - consumed)
        {
            throw new BoxArchiveException("a sparse file's map is truncated");
        }

        Skip(padding);
        return (regions, consumed + padding);
    }

    private byte[] ReadSmallData(long size, string what)
    {
        if (size > MaxHeaderData)
        {
            throw new BoxArchiveException($"{what} is larger than {MaxHeaderData / 1024} KiB");
        }

        var data = new byte[size];
        var done = 0;
        while (done < size)
        {
            if (_start == _end && !TryFill(1))
            {
                throw new BoxArchiveException("the archive is truncated");
            }

            var chunk = (int)Math.Min(size - done, _end - _start);
            _buffer.AsSpan(_start, chunk).CopyTo(data.AsSpan(done));
            _start += chunk;
            done += chunk;
        }

        Skip(Padded(size) - size);
        return data;
    }

    private bool TryFill(int count)
    {
        if (_end - _start >= count)
        {
            return true;
        }

        if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }

        while (_end < count)
        {
            var read = _source.Read(_buffer, _end, _buffer.Length - _end);
            if (read == 0)
            {
                return false;
            }

            _end += read;
        }

        return true;
    }

    private void Skip(long count)
    {
        while (count > 0)
        {
            if (_start == _end)
            {
                _start = 0;
                _end = _source.Read(_buffer, 0, _buffer.Length);
                if (_end == 0)
                {
                    throw new BoxArchiveException("the archive ends in the middle of an entry (it is truncated)");
                }
            }

            var chunk = (int)Math.Min(count, _end - _start);
            _start += chunk;
            count -= chunk;
        }
    }

    /// <summary>Reads what follows the end-of-archive marker so the decompressor checks its trailer.</summary>
    private void Drain()
    {
        var scratch = ArrayPool<byte>.Shared.Rent(1 << 16);
        try
        {
            _start = _end = 0;
            while (_source.Read(scratch, 0, scratch.Length) > 0)
            {
                _cancellation.ThrowIfCancellationRequested();
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(scratch);
        }
    }

    /// <summary>Attributes that pax and GNU headers give the entry that follows them.</summary>
    private sealed class PendingAttributes
    {
        private readonly List<long> _oldOffsets = [];
        private readonly List<long> _oldLengths = [];
        private string? _map;

        public string? Path { get; private set; }

        public string? LinkPath { get; private set; }

        public long? Size { get; private set; }

        public string? LongName { get; set; }

        public string? LongLink { get; set; }

        public string? SparseName { get; private set; }

        public long? SparseRealSize { get; private set; }

        public int? SparseMajor { get; private set; }

        public bool IsSparse => SparseMajor is not null || _map is not null || _oldOffsets.Count > 0;

        public void ReadPax(byte[] data)
        {
            var position = 0;
            while (position < data.Length)
            {
                var space = Array.IndexOf(data, (byte)' ', position);
                if (space < 0 || !int.TryParse(data.AsSpan(position, space - position), NumberStyles.None, CultureInfo.InvariantCulture, out var length)
                    || length <= space - position + 1 || position + length > data.Length || data[position + length - 1] != '\n')
                {
                    throw new BoxArchiveException("a pax extended header is malformed");
                }

                var record = Encoding.UTF8.GetString(data, space + 1, position + length - space - 2);
                position += length;
                var equals = record.IndexOf('=', StringComparison.Ordinal);
                if (equals <= 0)
                {
                    throw new BoxArchiveException("a pax extended header is malformed");
                }

                Apply(record[..equals], record[(equals + 1)..]);
            }
        }

        private void Apply(string key, string value)
        {
            switch (key)
            {
                case "path":
                    Path = value;
                    break;
                case "linkpath":
                    LinkPath = value;
                    break;
                case "size":
                    Size = PaxNumber(value);
                    break;
                case "GNU.sparse.name":
                    SparseName = value;
                    break;
                case "GNU.sparse.realsize" or "GNU.sparse.size":
                    SparseRealSize = PaxNumber(value);
                    break;
                case "GNU.sparse.major":
                    SparseMajor = (int)PaxNumber(value);
                    if (SparseMajor != 1)
                    {
                        throw new BoxArchiveException($"GNU sparse format {value} is not supported");
                    }

                    break;
                case "GNU.sparse.map":
                    _map = value;
                    break;
                case "GNU.sparse.offset":
                    _oldOffsets.Add(PaxNumber(value));
                    break;
                case "GNU.sparse.numbytes":
                    _oldLengths.Add(PaxNumber(value));
                    break;
            }
        }

        private static long PaxNumber(string value) =>
            long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
                ? number
                : throw new BoxArchiveException($"a pax extended header holds the malformed number '{Printable(value)}'");

        /// <summary>The map of pax sparse 0.0 (offset/numbytes pairs) or 0.1 (one comma list).</summary>
        public IReadOnlyList<(long Offset, long Length)> SparseRegions()
        {
            if (_map is not null)
            {
                var numbers = _map.Length == 0 ? [] : _map.Split(',').Select(PaxNumber).ToArray();
                if (numbers.Length % 2 != 0 || numbers.Length / 2 > MaxSparseRegions)
                {
                    throw new BoxArchiveException("a sparse file's map is malformed");
                }

                return [.. Enumerable.Range(0, numbers.Length / 2).Select(i => (numbers[2 * i], numbers[(2 * i) + 1]))];
            }

            if (_oldOffsets.Count != _oldLengths.Count)
            {
                throw new BoxArchiveException("a sparse file's map is malformed");
            }

            return [.. _oldOffsets.Zip(_oldLengths)];
        }
    }
}
