using VagrantNet.Providers.Libvirt.Interop;

namespace VagrantNet.Providers.Libvirt.Tests.Interop;

// The send loop behind LibvirtStorageVolume.Upload, exercised without libvirt
// because the test driver does not implement volume upload.
public class StreamPumpTests
{
    [Test]
    public void Pump_ThreeAndAHalfMiB_SendsOneMiBChunksAndReportsRunningTotal()
    {
        // Given
        var data = Enumerable.Range(0, (StreamPump.ChunkSize * 7) / 2).Select(i => (byte)i).ToArray();
        var received = new MemoryStream();
        var chunkSizes = new List<int>();
        var progress = new List<long>();

        // When
        StreamPump.Pump(
            new MemoryStream(data),
            data.Length,
            chunk =>
            {
                chunkSizes.Add(chunk.Length);
                received.Write(chunk);
                return chunk.Length;
            },
            new SyncProgress(progress),
            CancellationToken.None);

        // Then
        Assert.That(received.ToArray(), Is.EqualTo(data));
        Assert.That(chunkSizes, Is.EqualTo(new[] { StreamPump.ChunkSize, StreamPump.ChunkSize, StreamPump.ChunkSize, StreamPump.ChunkSize / 2 }));
        Assert.That(progress, Is.EqualTo(new long[] { StreamPump.ChunkSize, 2L * StreamPump.ChunkSize, 3L * StreamPump.ChunkSize, data.Length }));
    }

    [Test]
    public void Pump_SinkTakingPartialChunks_DeliversEveryByteInOrder()
    {
        // Given: like virStreamSend, the sink may accept fewer bytes than offered.
        var data = Enumerable.Range(0, 1000).Select(i => (byte)i).ToArray();
        var received = new MemoryStream();

        // When
        StreamPump.Pump(
            new MemoryStream(data),
            data.Length,
            chunk =>
            {
                var taken = Math.Min(chunk.Length, 7);
                received.Write(chunk[..taken]);
                return taken;
            },
            progress: null,
            CancellationToken.None);

        // Then
        Assert.That(received.ToArray(), Is.EqualTo(data));
    }

    [Test]
    public void Pump_LengthShorterThanSource_StopsAtLength()
    {
        // Given
        var source = new MemoryStream(new byte[100]);
        long total = 0;

        // When
        StreamPump.Pump(source, 40, chunk => { total += chunk.Length; return chunk.Length; }, null, CancellationToken.None);

        // Then
        Assert.That(total, Is.EqualTo(40));
        Assert.That(source.Position, Is.EqualTo(40));
    }

    [Test]
    public void Pump_SourceEndsEarly_ThrowsEndOfStream()
    {
        // Given
        var source = new MemoryStream(new byte[10]);

        // When / Then
        Assert.Throws<EndOfStreamException>(
            () => StreamPump.Pump(source, 20, chunk => chunk.Length, null, CancellationToken.None));
    }

    [Test]
    public void Pump_SinkAcceptingNothing_ThrowsInsteadOfSpinning()
    {
        // Given
        var source = new MemoryStream(new byte[10]);

        // When / Then
        Assert.Throws<IOException>(() => StreamPump.Pump(source, 10, _ => 0, null, CancellationToken.None));
    }

    [Test]
    public void Pump_CancelledMidway_StopsBeforeNextChunk()
    {
        // Given
        var data = new byte[StreamPump.ChunkSize * 3];
        using var cancellation = new CancellationTokenSource();
        var chunks = 0;

        // When
        Assert.Throws<OperationCanceledException>(() => StreamPump.Pump(
            new MemoryStream(data),
            data.Length,
            chunk =>
            {
                chunks++;
                cancellation.Cancel();
                return chunk.Length;
            },
            null,
            cancellation.Token));

        // Then
        Assert.That(chunks, Is.EqualTo(1));
    }

    [Test]
    public void Pump_SinkThrows_PropagatesSinkException()
    {
        // Given
        var source = new MemoryStream(new byte[10]);

        // When / Then
        Assert.Throws<LibvirtException>(() => StreamPump.Pump(
            source, 10, _ => throw new LibvirtException("stream broke"), null, CancellationToken.None));
    }

    // Progress<T> posts to the thread pool; tests need synchronous, ordered reports.
    private sealed class SyncProgress(List<long> reports) : IProgress<long>
    {
        public void Report(long value) => reports.Add(value);
    }
}
