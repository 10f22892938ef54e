using System.Net.Sockets;
using VagrantNet.Sdk.Config;

namespace VagrantNet.Tests.Config;

/// <summary>Addresses and netmasks as a Vagrantfile writes them, read more strictly than IPAddress.TryParse reads them.</summary>
[TestFixture]
public class IpRulesTests
{
    [TestCase("10.20.30.10")]
    [TestCase("0.0.0.0")]
    [TestCase("255.255.255.255")]
    [TestCase("fd00::10")]
    [TestCase("::1")]
    public void Should_Read_Four_Dotted_Numbers_Or_An_IPv6_Address(string text)
    {
        // Given, When
        var parsed = IpRules.TryParse(text, out var address);

        // Then
        Assert.That(parsed, Is.True);
        Assert.That(address.ToString(), Is.EqualTo(text));
    }

    [TestCase("1")]
    [TestCase("10.0.0")]
    [TestCase("10.0.0.256")]
    [TestCase("010.0.0.1")]
    [TestCase("10.0.0.1 ")]
    [TestCase("0x0a.0.0.1")]
    [TestCase("not-an-ip")]
    [TestCase("")]
    [TestCase("fd00::zz")]
    public void Should_Refuse_What_IPAddress_Would_Guess_At(string text)
    {
        // Given, When
        var parsed = IpRules.TryParse(text, out _);

        // Then
        Assert.That(parsed, Is.False);
    }

    [TestCase("255.255.255.255", "it is the broadcast address")]
    [TestCase("0.0.0.0", "it is the unspecified address")]
    [TestCase("127.0.0.1", "it is a loopback address")]
    [TestCase("239.1.1.1", "it is a multicast address")]
    [TestCase("ff02::1", "it is a multicast address")]
    [TestCase("10.0.0.2", null)]
    public void Should_Say_Why_An_Address_Cannot_Be_A_Machines_Own(string text, string? why)
    {
        // Given
        IpRules.TryParse(text, out var address);

        // When
        var found = IpRules.NotAHostAddress(address);

        // Then
        Assert.That(found, Is.EqualTo(why));
    }

    [TestCase("24", null, 24)]
    [TestCase("32", null, 32)]
    [TestCase("255.255.255.0", null, 24)]
    [TestCase("255.255.128.0", AddressFamily.InterNetwork, 17)]
    [TestCase("64", AddressFamily.InterNetworkV6, 64)]
    [TestCase("128", AddressFamily.InterNetworkV6, 128)]
    public void Should_Read_A_Prefix_Length_Or_A_Contiguous_Dotted_Mask(string text, AddressFamily? family, int prefix)
    {
        // Given, When
        var parsed = IpRules.TryParseNetmask(text, family, out var found);

        // Then
        Assert.That((parsed, found), Is.EqualTo((true, prefix)));
    }

    [TestCase("33", null)]
    [TestCase("0", null)]
    [TestCase("+24", null)]
    [TestCase("255.0.255.0", null)]
    [TestCase("0.0.0.0", null)]
    [TestCase("255.255.255", null)]
    [TestCase("129", AddressFamily.InterNetworkV6)]
    [TestCase("255.255.255.0", AddressFamily.InterNetworkV6)]
    public void Should_Refuse_A_Netmask_That_Is_No_Mask(string text, AddressFamily? family)
    {
        // Given, When
        var parsed = IpRules.TryParseNetmask(text, family, out _);

        // Then
        Assert.That(parsed, Is.False);
    }
}
