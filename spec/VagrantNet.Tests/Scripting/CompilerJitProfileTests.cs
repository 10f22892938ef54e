using VagrantNet.Scripting;
using VagrantNet.Tests.Support;

namespace VagrantNet.Tests.Scripting;

/// <summary>Where the script compiler's multi-core JIT profile comes from: VNET_HOME, seeded from the one vnet ships.</summary>
[TestFixture]
public class CompilerJitProfileTests
{
    [Test]
    public void A_New_Home_Starts_From_The_Shipped_Profile()
    {
        // Given
        using var fixture = new ProjectFixture();
        var shipped = Directory.CreateDirectory(Path.Combine(fixture.Root, "install")).FullName;
        File.WriteAllText(Path.Combine(shipped, CompilerJitProfile.FileName), "recorded at publish");

        // When
        var usable = CompilerJitProfile.Prepare(fixture.Paths.JitProfiles, shipped);

        // Then
        Assert.That(usable, Is.True);
        Assert.That(File.ReadAllText(Path.Combine(fixture.Paths.JitProfiles, CompilerJitProfile.FileName)), Is.EqualTo("recorded at publish"));
    }

    [Test]
    public void A_Profile_The_Home_Recorded_Is_Kept()
    {
        // Given
        using var fixture = new ProjectFixture();
        var shipped = Directory.CreateDirectory(Path.Combine(fixture.Root, "install")).FullName;
        File.WriteAllText(Path.Combine(shipped, CompilerJitProfile.FileName), "recorded at publish");
        Directory.CreateDirectory(fixture.Paths.JitProfiles);
        File.WriteAllText(Path.Combine(fixture.Paths.JitProfiles, CompilerJitProfile.FileName), "recorded here");

        // When
        CompilerJitProfile.Prepare(fixture.Paths.JitProfiles, shipped);

        // Then
        Assert.That(File.ReadAllText(Path.Combine(fixture.Paths.JitProfiles, CompilerJitProfile.FileName)), Is.EqualTo("recorded here"));
    }

    [Test]
    public void An_Unusable_Directory_Means_Compiling_Without_A_Profile()
    {
        // Given: the profile directory's parent is a file.
        using var fixture = new ProjectFixture();
        var blocker = Path.Combine(fixture.Root, "blocker");
        File.WriteAllText(blocker, string.Empty);

        // When
        var usable = CompilerJitProfile.Prepare(Path.Combine(blocker, "jit"), fixture.Root);

        // Then
        Assert.That(usable, Is.False);
    }
}
