using System.Diagnostics;
using System.Globalization;
using VagrantNet.Core.Boxes;

namespace VagrantNet.Benchmarks;

/// <summary>
/// Import throughput of a box file through vnet's streaming unpacker against <c>tar -xzf</c> of the same file,
/// each the median of several runs into a fresh directory. Not a test: it prints figures.
/// </summary>
internal static class BoxImportBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var sizeMb = Option(args, "--size-mb", 200);
        var runs = Option(args, "--runs", 5);
        var work = Path.Combine(Path.GetTempPath(), "vnet-bench-" + Environment.ProcessId);
        Directory.CreateDirectory(work);
        try
        {
            var box = Value(args, "--box") ?? MakeFixture(work, sizeMb);
            var size = new FileInfo(box).Length;
            Console.WriteLine($"box file: {box} ({size / 1048576.0:0.0} MiB compressed)");

            var tarTimes = new List<double>();
            var vnetTimes = new List<double>();
            long unpacked = 0;
            for (var i = 0; i < runs; i++)
            {
                // Alternate the order so neither side always runs with the warmer page cache.
                var first = i % 2 == 0;
                if (first)
                {
                    tarTimes.Add(await TimeTarAsync(box, work));
                }

                (var seconds, unpacked) = TimeVnet(box, work);
                vnetTimes.Add(seconds);
                if (!first)
                {
                    tarTimes.Add(await TimeTarAsync(box, work));
                }
            }

            var tar = Median(tarTimes);
            var vnet = Median(vnetTimes);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"unpacked size: {unpacked / 1048576.0:0.0} MiB, runs: {runs}"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"tar -xzf : median {tar:0.000} s, {unpacked / 1048576.0 / tar:0.0} MiB/s  (runs: {string.Join(' ', tarTimes.Select(t => t.ToString("0.000", CultureInfo.InvariantCulture)))})"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"vnet     : median {vnet:0.000} s, {unpacked / 1048576.0 / vnet:0.0} MiB/s  (runs: {string.Join(' ', vnetTimes.Select(t => t.ToString("0.000", CultureInfo.InvariantCulture)))})"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ratio vnet/tar throughput: {tar / vnet:0.00}x (target >= 0.90x)"));
            return 0;
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private static (double Seconds, long Bytes) TimeVnet(string box, string work)
    {
        var target = Fresh(work, "vnet");
        var clock = Stopwatch.StartNew();
        var bytes = BoxImporter.Extract(box, target, null, CancellationToken.None);
        var seconds = clock.Elapsed.TotalSeconds;
        Directory.Delete(target, recursive: true);
        return (seconds, bytes);
    }

    private static async Task<double> TimeTarAsync(string box, string work)
    {
        var target = Fresh(work, "tar");
        var clock = Stopwatch.StartNew();
        using (var process = Process.Start(new ProcessStartInfo("tar", ["-xzf", box, "-C", target]) { UseShellExecute = false })!)
        {
            await process.WaitForExitAsync();
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"tar exited with {process.ExitCode}");
            }
        }

        var seconds = clock.Elapsed.TotalSeconds;
        Directory.Delete(target, recursive: true);
        return seconds;
    }

    /// <summary>
    /// A libvirt box whose image compresses about as a real qcow2 does: mostly incompressible blocks (already
    /// compressed clusters), some text-like and some zero blocks, packed with tar and gzip.
    /// </summary>
    private static string MakeFixture(string work, int sizeMb)
    {
        var source = Path.Combine(work, "fixture");
        Directory.CreateDirectory(source);
        File.WriteAllText(Path.Combine(source, "metadata.json"), $$"""{"provider":"libvirt","format":"qcow2","virtual_size":2}""");
        var random = new Random(20240601);
        var block = new byte[64 * 1024];
        var words = "the quick brown fox jumps over the lazy dog 0123456789 /usr/lib/x86_64-linux-gnu libc.so.6\n"u8.ToArray();
        using (var image = File.Create(Path.Combine(source, "box.img")))
        {
            for (long written = 0; written < (long)sizeMb << 20; written += block.Length)
            {
                var kind = random.Next(10);
                if (kind < 6)
                {
                    random.NextBytes(block);
                }
                else if (kind < 9)
                {
                    for (var i = 0; i < block.Length; i++)
                    {
                        block[i] = random.Next(4) == 0 ? (byte)random.Next(256) : words[i % words.Length];
                    }
                }
                else
                {
                    Array.Clear(block);
                }

                image.Write(block);
            }
        }

        // Packed as `vagrant package` does: tar, gzip at its default level.
        var box = Path.Combine(work, "bench.box");
        using (var process = Process.Start(new ProcessStartInfo("tar", ["-czf", box, "-C", source, "metadata.json", "box.img"]) { UseShellExecute = false })!)
        {
            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"tar -czf exited with {process.ExitCode}");
            }
        }

        Directory.Delete(source, recursive: true);
        return box;
    }

    private static string Fresh(string work, string name)
    {
        var path = Path.Combine(work, name);
        if (Directory.Exists(path))
        {
            Directory.Delete(path, recursive: true);
        }

        Directory.CreateDirectory(path);
        return path;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static int Option(string[] args, string name, int fallback) =>
        Value(args, name) is { } text ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;

    private static string? Value(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }
}
