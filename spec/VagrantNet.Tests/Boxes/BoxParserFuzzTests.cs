using System.Text;
using VagrantNet.Core;
using VagrantNet.Core.Boxes;
using VagrantNet.Sdk.Config;

namespace VagrantNet.Tests.Boxes;

/// <summary>Seeded random inputs: the parsers answer with a value or a VnetException, never anything else.</summary>
[TestFixture]
public class BoxParserFuzzTests
{
    private const string ValidCatalog = """
        {"name":"org/box","description":"d","versions":[
          {"version":"1.0.0","providers":[{"name":"libvirt","url":"http://h/1.box","checksum":"ab","checksum_type":"sha256","architecture":"amd64","default_architecture":true}]},
          {"version":"1.2.0","providers":[{"name":"libvirt","url":"2.box"},{"name":"virtualbox","url":"v.box","architecture":"arm64"}]}]}
        """;

    private static readonly string[] Fragments = ["{", "}", "[", "]", ",", ":", "\"", "null", "true", "1e309", "-0", "\"versions\"", "\"name\"", "\"providers\"", "\"version\"", "\"1.0.0\"", "\\u0000", "\"url\"", " ", "\"\"", "{\"provider\":\"libvirt\"}"];

    private static string Mutate(Random random, string text)
    {
        var builder = new StringBuilder(text);
        for (var i = random.Next(1, 6); i > 0; i--)
        {
            var at = random.Next(builder.Length + 1);
            switch (random.Next(3))
            {
                case 0 when builder.Length > 0:
                    builder.Remove(Math.Min(at, builder.Length - 1), Math.Min(random.Next(1, 8), builder.Length - Math.Min(at, builder.Length - 1)));
                    break;
                case 1:
                    builder.Insert(at, Fragments[random.Next(Fragments.Length)]);
                    break;
                default:
                    if (builder.Length > 0)
                    {
                        builder[Math.Min(at, builder.Length - 1)] = (char)random.Next(32, 127);
                    }

                    break;
            }
        }

        return builder.ToString();
    }

    [Test]
    public void MutatedCatalogs_ParseOrFailWithAVnetException_AndSelectionNeverCrashes([Range(1, 4)] int seed)
    {
        // Given
        var random = new Random(seed);
        var parsed = 0;

        for (var i = 0; i < 1500; i++)
        {
            // When
            var text = Mutate(random, ValidCatalog);
            try
            {
                var catalog = BoxCatalog.Parse(Encoding.UTF8.GetBytes(text), "fuzz");
                parsed++;
                try
                {
                    catalog.Select(random.Next(2) == 0 ? null : ">= 1", random.Next(2) == 0 ? null : "libvirt", random.Next(3) == 0 ? null : "amd64");
                }
                catch (VnetException)
                {
                }
            }
            catch (VnetException)
            {
            }

            // Then: any other exception fails the test.
        }

        Assert.That(parsed, Is.GreaterThan(0), "some mutations stay valid");
    }

    [Test]
    public void MutatedAndRandomMetadata_ParsesOrFailsWithAVnetException([Range(1, 4)] int seed)
    {
        var random = new Random(seed);
        for (var i = 0; i < 1500; i++)
        {
            byte[] input;
            if (i % 5 == 0)
            {
                input = new byte[random.Next(0, 64)];
                random.NextBytes(input);
            }
            else
            {
                input = Encoding.UTF8.GetBytes(Mutate(random, """{"provider":"libvirt","format":"qcow2","virtual_size":40,"disks":[{"path":"box_1.img"}]}"""));
            }

            try
            {
                var metadata = BoxMetadata.Parse(input, "fuzz");
                Assert.That(metadata.Provider, Is.Not.Empty);
                if (metadata.Provider == "libvirt")
                {
                    Assert.That(metadata.LibvirtDisks(), Is.Not.Empty);
                }
            }
            catch (VnetException e)
            {
                Assert.That(e.Message, Does.Contain("'fuzz'"));
            }
        }
    }

    [Test]
    public void CatalogSelection_TakesTheNewestVersionSatisfyingTheConstraint_ThenProviderAndArchitecture()
    {
        // Given
        var catalog = BoxCatalog.Parse(Encoding.UTF8.GetBytes(ValidCatalog), "test");

        // When / Then
        Assert.That(catalog.Select(null, "libvirt", "amd64").Version.Version, Is.EqualTo("1.2.0"), "an entry naming no architecture fits any");
        Assert.That(catalog.Select("< 1.2", "libvirt", "amd64").Provider.Url, Is.EqualTo("http://h/1.box"));
        Assert.That(catalog.Select(null, "virtualbox", "arm64").Architecture, Is.EqualTo("arm64"));
        Assert.That(catalog.Select(null, null, "amd64", preferredProvider: "libvirt").Provider.Name, Is.EqualTo("libvirt"));
        Assert.That(Assert.Throws<VnetException>(() => catalog.Select("> 2", null, "amd64"))!.Message, Does.Contain("Available versions: 1.2.0, 1.0.0"));
        Assert.That(Assert.Throws<VnetException>(() => catalog.Select(null, "virtualbox", "amd64"))!.Message, Does.Contain("virtualbox (arm64)"));
    }

    private static string RandomVersion(Random random)
    {
        var parts = Enumerable.Range(0, random.Next(1, 5)).Select(_ => random.Next(0, 4).ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
        if (random.Next(4) == 0)
        {
            parts.Add(new[] { "a", "beta", "rc" }[random.Next(3)]);
            if (random.Next(2) == 0)
            {
                parts.Add(random.Next(0, 3).ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return string.Join('.', parts);
    }

    [Test]
    public void VersionOrdering_IsATotalOrder_ConsistentWithEqualityAndHashing([Range(1, 3)] int seed)
    {
        var random = new Random(seed);
        var versions = Enumerable.Range(0, 150).Select(_ => BoxVersionNumber.Parse(RandomVersion(random))).ToList();
        foreach (var a in versions)
        {
            foreach (var b in versions)
            {
                Assert.That(Math.Sign(a.CompareTo(b)), Is.EqualTo(-Math.Sign(b.CompareTo(a))), $"{a} vs {b}");
                Assert.That(a == b, Is.EqualTo(a.CompareTo(b) == 0), $"{a} == {b}");
                if (a == b)
                {
                    Assert.That(a.GetHashCode(), Is.EqualTo(b.GetHashCode()), $"hash of {a} and {b}");
                }
            }
        }

        var sorted = versions.Order().ToList();
        for (var i = 1; i < sorted.Count; i++)
        {
            Assert.That(sorted[i - 1] <= sorted[i], Is.True, $"{sorted[i - 1]} <= {sorted[i]}");
        }
    }

    [Test]
    public void Constraints_AgreeWithTheOrdering([Range(1, 3)] int seed)
    {
        var random = new Random(seed);
        for (var i = 0; i < 2000; i++)
        {
            var v = BoxVersionNumber.Parse(RandomVersion(random));
            var r = BoxVersionNumber.Parse(RandomVersion(random));
            Assert.Multiple(() =>
            {
                Assert.That(VersionConstraint.Parse($"= {r}").IsSatisfiedBy(v), Is.EqualTo(v == r), $"{v} = {r}");
                Assert.That(VersionConstraint.Parse(r.Text).IsSatisfiedBy(v), Is.EqualTo(v == r), $"{v} bare {r}");
                Assert.That(VersionConstraint.Parse($"!= {r}").IsSatisfiedBy(v), Is.EqualTo(v != r), $"{v} != {r}");
                Assert.That(VersionConstraint.Parse($">= {r}").IsSatisfiedBy(v), Is.EqualTo(v >= r), $"{v} >= {r}");
                Assert.That(VersionConstraint.Parse($"< {r}").IsSatisfiedBy(v), Is.EqualTo(v < r), $"{v} < {r}");
                Assert.That(VersionConstraint.Parse($">= {r}, < {r}").IsSatisfiedBy(v), Is.False, "contradiction");
                if (VersionConstraint.Parse($"~> {r}").IsSatisfiedBy(v))
                {
                    Assert.That(v >= r, Is.True, $"{v} ~> {r}");
                }
            });
        }
    }

    [TestCase("~> 1.2", "1.2.0", true)]
    [TestCase("~> 1.2", "1.9", true)]
    [TestCase("~> 1.2", "2.0", false)]
    [TestCase("~> 1.2", "2.0.a", false)]
    [TestCase("~> 1.2.0", "1.2.9", true)]
    [TestCase("~> 1.2.0", "1.3", false)]
    [TestCase("~> 1", "1.99", true)]
    [TestCase("1.0", "1", true)]
    [TestCase("= 1.0.0", "1.0.0", true)]
    [TestCase("> 1.0", "1.0.1.a", true)]
    [TestCase("< 1.0", "1.0.a", true)]
    [TestCase(">= 1.0, != 1.1", "1.1.0", false)]
    public void Constraints_MatchAsRubyGemsDoes(string constraint, string version, bool expected) =>
        Assert.That(VersionConstraint.Parse(constraint).IsSatisfiedBy(version), Is.EqualTo(expected));

    [TestCase("1.0-")]
    [TestCase("")]
    [TestCase("a.1")]
    [TestCase("1..2")]
    [TestCase("1.2_3")]
    public void MalformedVersions_AreRejected(string text) =>
        Assert.That(BoxVersionNumber.TryParse(text, out _), Is.False);
}
