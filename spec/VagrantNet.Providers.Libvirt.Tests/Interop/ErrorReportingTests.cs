using System.Runtime.InteropServices;
using VagrantNet.Providers.Libvirt.Interop;

namespace VagrantNet.Providers.Libvirt.Tests.Interop;

[Category("LibvirtTestDriver")]
public class ErrorReportingTests
{
    private const int StandardError = 2;

    [Test]
    public void FailingCall_WritesNothingToStandardError()
    {
        // Given: libvirt's default handler would print "libvirt: ... error : ..." to fd 2.
        using var connection = LibvirtConnection.Open(TestDriver.Uri);
        var capture = Path.Combine(Path.GetTempPath(), $"vnet-stderr-{Guid.NewGuid():N}");
        var captureFd = open(capture, 0x41 /* O_WRONLY | O_CREAT */, 0x180 /* 0600 */);
        var savedFd = dup(StandardError);

        // When
        dup2(captureFd, StandardError);
        try
        {
            Assert.Throws<LibvirtException>(() => connection.DefineDomain("<domain"));
        }
        finally
        {
            dup2(savedFd, StandardError);
            close(savedFd);
            close(captureFd);
        }

        // Then
        var written = File.ReadAllText(capture);
        File.Delete(capture);
        Assert.That(written, Is.Empty);
    }

    [Test]
    public void ConcurrentFailures_EachThreadSeesItsOwnError()
    {
        // Given: libvirt keeps the last error per thread; each thread must read its own.
        using var connection = LibvirtConnection.Open(TestDriver.Uri);
        var names = Enumerable.Range(0, 4).Select(i => TestDriver.UniqueName($"vnet-err{i}")).ToArray();
        var domains = names.Select(n => connection.DefineDomain(TestDriver.DomainXml(n))).ToArray();
        var mismatches = 0;

        // When
        Parallel.For(0, names.Length, new ParallelOptions { MaxDegreeOfParallelism = names.Length }, i =>
        {
            for (var round = 0; round < 50; round++)
            {
                var error = Assert.Throws<LibvirtException>(domains[i].Suspend);
                if (!error.Message.Contains($"'{names[i]}'"))
                {
                    Interlocked.Increment(ref mismatches);
                }
            }
        });

        // Then
        Assert.That(mismatches, Is.Zero);
        foreach (var domain in domains)
        {
            domain.Dispose();
        }
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags, int mode);

    [DllImport("libc", SetLastError = true)]
    private static extern int dup(int fd);

    [DllImport("libc", SetLastError = true)]
    private static extern int dup2(int oldFd, int newFd);

    [DllImport("libc", SetLastError = true)]
    private static extern int close(int fd);
}
