using VagrantNet.Providers.Libvirt.Driver;

namespace VagrantNet.Providers.Libvirt.Tests.Provider;

[TestFixture]
public class LeaseFinderTests
{
    [Test]
    public void Newest_PicksTheLeaseThatExpiresLast_AmongStaleOnesForTheSameMac()
    {
        // Given: a destroyed domain's old lease lingers next to the live one
        var leases = new[]
        {
            ("52:54:00:00:00:01", "192.168.121.10", DateTimeOffset.FromUnixTimeSeconds(1000)),
            ("52:54:00:00:00:01", "192.168.121.44", DateTimeOffset.FromUnixTimeSeconds(5000)),
            ("52:54:00:00:00:02", "192.168.121.99", DateTimeOffset.FromUnixTimeSeconds(9000)),
        };

        // When
        var ip = LeaseFinder.Newest(leases, "52:54:00:00:00:01");

        // Then
        Assert.That(ip, Is.EqualTo("192.168.121.44"));
    }

    [Test]
    public void Newest_MatchesMacCaseInsensitively_AndReturnsNullWithoutALease()
    {
        var leases = new[] { ("52:54:00:AB:CD:EF", "10.0.0.5", DateTimeOffset.UnixEpoch) };

        Assert.That(LeaseFinder.Newest(leases, "52:54:00:ab:cd:ef"), Is.EqualTo("10.0.0.5"));
        Assert.That(LeaseFinder.Newest(leases, "52:54:00:00:00:00"), Is.Null);
    }

    [Test]
    public void FromStatusFile_ReadsDnsmasqJson_AndPrefersTheNewestLease()
    {
        // Given
        var file = Path.GetTempFileName();
        File.WriteAllText(file, """
            [
              { "ip-address": "192.168.121.2", "mac-address": "52:54:00:11:22:33", "expiry-time": 100 },
              { "ip-address": "192.168.121.3", "mac-address": "52:54:00:11:22:33", "expiry-time": 200 },
              { "ip-address": "fe80::1", "mac-address": "52:54:00:11:22:33", "expiry-time": 300 }
            ]
            """);

        try
        {
            // When
            var ip = LeaseFinder.FromStatusFile(file, "52:54:00:11:22:33");

            // Then
            Assert.That(ip, Is.EqualTo("192.168.121.3"));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Test]
    public void FromStatusFile_ReturnsNull_ForAMissingOrCorruptFile()
    {
        var file = Path.GetTempFileName();
        File.WriteAllText(file, "{ not json");
        try
        {
            Assert.That(LeaseFinder.FromStatusFile(file, "52:54:00:11:22:33"), Is.Null);
            Assert.That(LeaseFinder.FromStatusFile("/nonexistent/x.status", "52:54:00:11:22:33"), Is.Null);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
