using VagrantNet.Sdk.Config;

namespace VagrantNet.Tests.Config;

/// <summary>Box versions and constraints, ordered and matched as Vagrant (RubyGems) does.</summary>
[TestFixture]
public class VersionConstraintTests
{
    public class TheIsSatisfiedByMethod
    {
        [TestCase(">= 1.0, < 2", "1.0", true)]
        [TestCase(">= 1.0, < 2", "1.9.9", true)]
        [TestCase(">= 1.0, < 2", "2.0", false)]
        [TestCase(">= 1.0, < 2", "0.9", false)]
        [TestCase("1.2.3", "1.2.3", true)]
        [TestCase("= 1.2.3", "1.2.4", false)]
        [TestCase("!= 1.2.3", "1.2.4", true)]
        [TestCase("~> 1.2", "1.9", true)]
        [TestCase("~> 1.2", "2.0", false)]
        [TestCase("~> 1.2.3", "1.2.9", true)]
        [TestCase("~> 1.2.3", "1.3.0", false)]
        [TestCase("> 1.0", "1.0.0", false)]
        [TestCase("<= 1.0", "1.0.0", true)]
        public void Should_Match_As_Vagrant_Does(string constraint, string version, bool expected)
        {
            // Given
            var parsed = VersionConstraint.Parse(constraint);

            // When
            var satisfied = parsed.IsSatisfiedBy(version);

            // Then
            Assert.That(satisfied, Is.EqualTo(expected));
        }

        [Test]
        public void Should_Not_Match_A_Version_That_Does_Not_Parse()
        {
            // Given
            var parsed = VersionConstraint.Parse(">= 0");

            // When
            var satisfied = parsed.IsSatisfiedBy("latest");

            // Then
            Assert.That(satisfied, Is.False);
        }
    }

    public class TheTryParseMethod
    {
        [TestCase("")]
        [TestCase(">= banana")]
        [TestCase(">= 1.0,")]
        [TestCase("=> 1.0")]
        public void Should_Reject_An_Invalid_Constraint_And_Say_Why(string text)
        {
            // Given, When
            var parsed = VersionConstraint.TryParse(text, out _, out var why);

            // Then
            Assert.That(parsed, Is.False);
            Assert.That(why, Is.Not.Empty);
        }

        [Test]
        public void Should_Name_The_Bad_Part_Of_The_Constraint()
        {
            // Given, When
            var error = Assert.Throws<ConfigurationException>(() => VersionConstraint.Parse(">= 1.0, < two"));

            // Then
            Assert.That(error!.Message, Does.StartWith("'>= 1.0, < two' is not a valid version constraint: '< two' is not an operator"));
        }
    }

    public class TheBoxVersionNumberClass
    {
        [TestCase("1.10", "1.9")]
        [TestCase("1.0.1", "1.0")]
        [TestCase("1.0", "1.0.rc1")]
        [TestCase("1.0.0rc2", "1.0.0rc1")]
        [TestCase("2", "1.99.99")]
        public void Should_Order_Segment_By_Segment(string higher, string lower)
        {
            // Given
            var a = BoxVersionNumber.Parse(higher);
            var b = BoxVersionNumber.Parse(lower);

            // When, Then
            Assert.That(a, Is.GreaterThan(b));
            Assert.That(b, Is.LessThan(a));
        }

        [Test]
        public void Should_Treat_Missing_Segments_As_Zero()
        {
            // Given
            var a = BoxVersionNumber.Parse("1.0");
            var b = BoxVersionNumber.Parse("1.0.0");

            // When, Then
            Assert.That(a, Is.EqualTo(b));
            Assert.That(a.GetHashCode(), Is.EqualTo(b.GetHashCode()));
        }

        [TestCase("")]
        [TestCase("v1.0")]
        [TestCase("1..0")]
        [TestCase("1.0.")]
        [TestCase("1.0/2")]
        public void Should_Reject_Text_That_Is_Not_A_Version(string text)
        {
            // Given, When
            var parsed = BoxVersionNumber.TryParse(text, out _);

            // Then
            Assert.That(parsed, Is.False);
        }

        [Test]
        public void Should_Mark_A_Letter_Segment_As_A_Prerelease()
        {
            // Given, When
            var version = BoxVersionNumber.Parse("1.0.0.beta2");

            // Then
            Assert.That(version.IsPrerelease, Is.True);
            Assert.That(BoxVersionNumber.Parse("1.0.0").IsPrerelease, Is.False);
        }
    }
}
