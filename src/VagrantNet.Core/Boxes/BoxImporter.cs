using VagrantNet.Core.Conversion;
using VagrantNet.Core.Environment;

namespace VagrantNet.Core.Boxes;

/// <summary>A box unpacked and checked in a scratch directory, waiting to be moved into the store.</summary>
public sealed class UnpackedBox(ScratchDirectory scratch, BoxMetadata metadata, IReadOnlyList<string> warnings) : IDisposable
{
    public string Directory { get; } = scratch.Path;

    public BoxMetadata Metadata { get; } = metadata;

    /// <summary>One-line warnings for the user (what of the box's Ruby Vagrantfile was left out).</summary>
    public IReadOnlyList<string> Warnings { get; } = warnings;

    /// <summary>Removes the scratch directory if it is still there (it is gone once installed).</summary>
    public void Dispose() => scratch.Dispose();
}

/// <summary>
/// Unpacks a box file in one streaming pass (file, decompressor, tar) into a new directory under
/// <c>$VNET_HOME/tmp</c>, within the size and free-space limits of <see cref="UnpackBudget"/>, then checks its
/// metadata and disk images. Nothing touches the box store here.
/// </summary>
/// <param name="knownSetting">Which provider settings vnet has, for the box's Ruby Vagrantfile; null when none can be asked.</param>
public sealed class BoxImporter(VnetPaths paths, BoxAddSettings? settings = null, ProviderSettingCheck? knownSetting = null)
{
    private readonly BoxAddSettings _settings = settings ?? new BoxAddSettings();

    private static readonly IReadOnlyDictionary<string, long> SizeLimits = new Dictionary<string, long>
    {
        [BoxMetadata.FileName] = BoxMetadata.MaxBytes,
        ["info.json"] = BoxMetadata.MaxBytes,
        [BoxVagrantfile.RubyFileName] = BoxMetadata.MaxBytes,
    };

    /// <param name="file">The box file (tar, tar.gz, tar.zst, tar.xz or tar.bz2; told by content).</param>
    /// <param name="box">The box's name, for messages.</param>
    /// <param name="expectedProvider">The provider the box must be for, or null for any.</param>
    public async Task<UnpackedBox> UnpackAsync(string file, string box, string? expectedProvider, IProgress<long>? progress, CancellationToken cancellation)
    {
        // What a killed vnet left behind goes before this unpack adds its own.
        ScratchDirectory.SweepStale(paths);
        var scratch = ScratchDirectory.Create(paths, "box-import-", create: true);
        var directory = scratch.Path;
        try
        {
            var budget = new UnpackBudget(directory, _settings);
            await Task.Run(() => Extract(file, directory, progress, cancellation, budget), cancellation).ConfigureAwait(false);
            var metadata = BoxMetadata.Read(Path.Combine(directory, BoxMetadata.FileName), box);
            if (expectedProvider is not null && metadata.Provider != expectedProvider)
            {
                throw new VnetException($"Box '{box}' is for the '{metadata.Provider}' provider, not '{expectedProvider}' as requested; nothing was installed.");
            }

            metadata.CheckFiles(directory, box);
            BoxImageCheck.Check(directory, metadata, box);
            var warnings = BoxVagrantfile.ConvertInDirectory(directory, box, knownSetting);
            return new UnpackedBox(scratch, metadata, warnings);
        }
        catch (Exception e)
        {
            scratch.Dispose();
            throw e switch
            {
                VnetException or OperationCanceledException => e,
                BoxArchiveException => new VnetException($"Box '{box}' was refused: {e.Message}. Nothing was installed.", e),
                _ => new VnetException($"Box '{box}' could not be unpacked: {e.Message} Nothing was installed.", e),
            };
        }
    }

    /// <summary>The unpacking itself, without metadata checks: what the benchmark measures.</summary>
    public static long Extract(string file, string directory, IProgress<long>? progress, CancellationToken cancellation, IUnpackBudget? budget = null)
    {
        using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        Span<byte> head = stackalloc byte[8];
        var read = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        stream.Position = 0;
        if (BoxArchive.LooksLikeZip(head[..read]))
        {
            throw new BoxArchiveException("it is a zip file; vnet reads boxes packed with tar (optionally gzip, zstd, xz or bzip2 compressed)");
        }

        using var counted = new CountingStream(stream, progress);
        using var tar = BoxArchive.Decompress(counted, BoxArchive.Detect(head[..read]));
        var extractor = new TarExtractor(tar, directory, SizeLimits, cancellation, budget);
        extractor.Extract();
        progress?.Report(stream.Length);
        return extractor.BytesWritten;
    }

    /// <summary>Reports how far into the (compressed) box file the decompressor has read.</summary>
    private sealed class CountingStream(Stream inner, IProgress<long>? progress) : Stream
    {
        private long _position;
        private long _reported;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => inner.Length;

        public override long Position
        {
            get => _position;
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

        public override int Read(Span<byte> buffer) => Count(inner.Read(buffer));

        private int Count(int read)
        {
            _position += read;
            if (progress is not null && _position - _reported >= 1 << 20)
            {
                _reported = _position;
                progress.Report(_position);
            }

            return read;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
