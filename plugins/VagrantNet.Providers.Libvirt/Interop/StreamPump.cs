using System.Buffers;

namespace VagrantNet.Providers.Libvirt.Interop;

/// <summary>Accepts a prefix of <paramref name="chunk"/> and returns how many bytes it took.</summary>
internal delegate int ChunkSink(ReadOnlySpan<byte> chunk);

/// <summary>Copies an exact number of bytes from a stream to a sink in fixed-size chunks.</summary>
internal static class StreamPump
{
    internal const int ChunkSize = 1024 * 1024;

    internal static void Pump(
        Stream source, long length, ChunkSink sink, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(ChunkSize);
        try
        {
            long sent = 0;
            while (sent < length)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var read = source.Read(buffer, 0, (int)Math.Min(ChunkSize, length - sent));
                if (read == 0)
                {
                    throw new EndOfStreamException($"Source ended after {sent} of {length} bytes.");
                }

                // A sink may take less than offered (virStreamSend does), so drain the chunk.
                var pending = buffer.AsSpan(0, read);
                while (!pending.IsEmpty)
                {
                    var taken = sink(pending);
                    if (taken <= 0)
                    {
                        throw new IOException("The destination accepted no data.");
                    }

                    pending = pending[taken..];
                }

                sent += read;
                progress?.Report(sent);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
