using VagrantNet.Sdk.Config;

namespace VagrantNet.Tests.Config;

/// <summary>Untyped provider settings (<c>p["nic_model_type"] = ...</c>) applied to a typed provider config.</summary>
[TestFixture]
public class ProviderConfigTests
{
    public enum DiskBus
    {
        Virtio,
        Scsi,
    }

    [ProviderName("fake")]
    public sealed class FakeConfig : ProviderConfig
    {
        public int? Memory { get; set; }

        public string? NicModelType { get; set; }

        public DiskBus? DiskBus { get; set; }

        public string[]? Features { get; set; }

        public long? DiskSize { get; set; }
    }

    public sealed class UnnamedConfig : ProviderConfig;

    public class TheSetMethod
    {
        [TestCase("nic_model_type")]
        [TestCase("NicModelType")]
        [TestCase("nicModelType")]
        public void Should_Find_A_Setting_By_Its_Vagrant_Or_Property_Name(string key)
        {
            // Given
            var config = new FakeConfig();

            // When
            config.Set(key, "e1000");

            // Then
            Assert.That(config.NicModelType, Is.EqualTo("e1000"));
        }

        [Test]
        public void Should_Convert_Numbers_Enums_And_Arrays_To_The_Property_Type()
        {
            // Given
            var config = new FakeConfig();

            // When
            config.Set("memory", 2048L);
            config.Set("disk_size", 10);
            config.Set("disk_bus", "scsi");
            config.Set("features", new List<object> { "acpi", "apic" });

            // Then
            Assert.That(config.Memory, Is.EqualTo(2048));
            Assert.That(config.DiskSize, Is.EqualTo(10L));
            Assert.That(config.DiskBus, Is.EqualTo(DiskBus.Scsi));
            Assert.That(config.Features, Is.EqualTo(new[] { "acpi", "apic" }));
        }

        [Test]
        public void Should_Name_The_Provider_The_Setting_And_The_Known_Settings_When_The_Setting_Is_Unknown()
        {
            // Given
            var config = new FakeConfig();

            // When
            var error = Assert.Throws<ConfigurationException>(() => config.Set("colour", "red"));

            // Then
            Assert.That(error!.Message, Is.EqualTo("The fake provider has no setting 'colour'. Known settings: memory, nic_model_type, disk_bus, features, disk_size."));
        }

        [Test]
        public void Should_Say_What_Type_The_Setting_Expects_When_The_Value_Does_Not_Fit()
        {
            // Given
            var config = new FakeConfig();

            // When
            var error = Assert.Throws<ConfigurationException>(() => config.Set("memory", "a lot"));

            // Then
            Assert.That(error!.Message, Is.EqualTo("The fake provider setting 'memory' cannot take String 'a lot': it expects Int32."));
        }
    }

    public class TheStrictConversion
    {
        [TestCase("memory", true, "Boolean true", "Int32")]
        [TestCase("memory", 2.5, "Double 2.5", "Int32")]
        [TestCase("memory", 2.0, "Double 2", "Int32")]
        [TestCase("memory", "1024", "String '1024'", "Int32")]
        [TestCase("memory", 3000000000L, "Int64 3000000000", "Int32")]
        [TestCase("nic_model_type", 5, "Int32 5", "String")]
        [TestCase("nic_model_type", false, "Boolean false", "String")]
        [TestCase("disk_bus", "floppy", "String 'floppy'", "DiskBus (one of virtio, scsi)")]
        [TestCase("disk_bus", 1, "Int32 1", "DiskBus (one of virtio, scsi)")]
        [TestCase("disk_size", "10", "String '10'", "Int64")]
        public void Should_Refuse_A_Wrongly_Typed_Value_Naming_The_Key_The_Value_And_The_Type(string key, object value, string shown, string expected)
        {
            // Given
            var config = new FakeConfig();

            // When
            var error = Assert.Throws<ConfigurationException>(() => config.Set(key, value));

            // Then
            Assert.That(error!.Message, Is.EqualTo($"The fake provider setting '{key}' cannot take {shown}: it expects {expected}."));
            Assert.That((config.Memory, config.NicModelType, config.DiskBus, config.DiskSize), Is.EqualTo(((int?)null, (string?)null, (DiskBus?)null, (long?)null)));
        }

        [Test]
        public void Should_Refuse_A_Wrongly_Typed_List_Element()
        {
            // Given
            var config = new FakeConfig();

            // When
            var error = Assert.Throws<ConfigurationException>(() => config.Set("features", new object[] { "acpi", 7 }));

            // Then
            Assert.That(error!.Message, Does.StartWith("The fake provider setting 'features' cannot take"));
            Assert.That(config.Features, Is.Null);
        }

        [Test]
        public void Should_Accept_A_Whole_Number_Of_Another_Integer_Type_That_Fits()
        {
            // Given
            var config = new FakeConfig();

            // When
            config.Set("memory", (byte)64);
            config.Set("disk_size", 5_000_000_000L);

            // Then
            Assert.That((config.Memory, config.DiskSize), Is.EqualTo(((int?)64, (long?)5_000_000_000L)));
        }
    }

    public class TheNameOfMethod
    {
        [Test]
        public void Should_Return_The_Name_From_The_Attribute()
        {
            // Given, When
            var name = ProviderConfig.NameOf(typeof(FakeConfig));

            // Then
            Assert.That(name, Is.EqualTo("fake"));
        }

        [Test]
        public void Should_Explain_A_Missing_Attribute()
        {
            // Given, When
            var error = Assert.Throws<ConfigurationException>(() => ProviderConfig.NameOf(typeof(UnnamedConfig)));

            // Then
            Assert.That(error!.Message, Does.Contain("UnnamedConfig has no [ProviderName] attribute"));
        }
    }

    public class TheProviderSettingsClass
    {
        [Test]
        public void Should_Apply_Values_In_The_Order_Written_So_The_Last_Write_Wins()
        {
            // Given
            var settings = new ProviderSettings("fake")
            {
                ["memory"] = 512,
                ["Memory"] = 1024,
            };
            var config = new FakeConfig();

            // When
            settings.ApplyTo(config);

            // Then
            Assert.That(config.Memory, Is.EqualTo(1024));
        }

        [Test]
        public void Should_Throw_From_The_Write_Itself_When_Bound_To_A_Config()
        {
            // Given
            var config = new FakeConfig();
            var settings = new ProviderSettings("fake", config);

            // When
            settings["memory"] = 2048;
            var error = Assert.Throws<ConfigurationException>(() => settings["colour"] = "red");

            // Then
            Assert.That(config.Memory, Is.EqualTo(2048));
            Assert.That(error!.Message, Does.StartWith("The fake provider has no setting 'colour'."));
        }
    }
}
