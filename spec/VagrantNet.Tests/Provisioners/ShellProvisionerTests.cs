using VagrantNet.Core;
using VagrantNet.Core.Provisioners;
using VagrantNet.Sdk.Config;
using VagrantNet.Tests.Support;

namespace VagrantNet.Tests.Provisioners;

[TestFixture]
[NonParallelizable]
public class ShellProvisionerTests : LocalSshFixture
{
    [Test]
    public async Task Inline_RunsPrivileged_ByDefault_AndStreamsItsOutput()
    {
        // Given
        var definition = Shell(p => p.Shell(inline: "echo \"hello from $(id -un)\"\necho oops >&2"));

        // When
        await new ShellProvisioner().ProvisionAsync(Machine, definition, CancellationToken.None);

        // Then
        Assert.That(Machine.RecordingUi.Lines, Does.Contain("detail: Running: inline script"));
        Assert.That(Machine.RecordingUi.Lines, Does.Contain("output: hello from root"));
        Assert.That(Machine.RecordingUi.Lines, Does.Contain("output: oops"));
    }

    [Test]
    public async Task AnOldScriptTheUserCannotOverwrite_IsRemovedThroughSudo()
    {
        // Given: a root-owned file at the upload path in sticky /tmp
        var uploadPath = $"/tmp/vnet-shell-{Guid.NewGuid():N}";
        await File.WriteAllTextAsync(uploadPath, "echo stale");
        try
        {
            var definition = Shell(p => p.Shell(inline: "echo fresh", uploadPath: uploadPath));

            // When
            await new ShellProvisioner().ProvisionAsync(Machine, definition, CancellationToken.None);

            // Then
            Assert.That(Machine.RecordingUi.Lines, Does.Contain("output: fresh"));
        }
        finally
        {
            File.Delete(uploadPath);
        }
    }

    [Test]
    public async Task Unprivileged_RunsAsTheSshUser()
    {
        // Given
        var definition = Shell(p => p.Shell(inline: "id -un", privileged: false, uploadPath: Server.Home + "/shell-unprivileged"));

        // When
        await new ShellProvisioner().ProvisionAsync(Machine, definition, CancellationToken.None);

        // Then
        Assert.That(Machine.RecordingUi.Lines, Does.Contain($"output: {Server.User}"));
    }

    [Test]
    public async Task Path_UploadsTheHostScript_ConvertingCrlf_AndPassesListArgsQuoted()
    {
        // Given
        var script = Path.Combine(Machine.ProjectDirectory, "setup.sh");
        await File.WriteAllTextAsync(script, "#!/bin/bash\r\nfor a in \"$@\"; do echo \"arg=[$a]\"; done\r\n");
        var definition = Shell(p => p.Shell(path: "setup.sh", args: new[] { "one two", "it's" }, uploadPath: Server.Home + "/shell-path"));

        // When
        await new ShellProvisioner().ProvisionAsync(Machine, definition, CancellationToken.None);

        // Then
        Assert.That(Machine.RecordingUi.Lines.Where(l => l.StartsWith("output:", StringComparison.Ordinal)), Is.EqualTo(new[] { "output: arg=[one two]", "output: arg=[it's]" }));
    }

    [Test]
    public async Task RawArgs_AreSplitByTheGuestShell()
    {
        // Given
        var definition = Shell(p => p.Shell(inline: "echo \"$# [$1] [$2]\"", args: "first 'second word'", uploadPath: Server.Home + "/shell-raw"));

        // When
        await new ShellProvisioner().ProvisionAsync(Machine, definition, CancellationToken.None);

        // Then
        Assert.That(Machine.RecordingUi.Lines, Does.Contain("output: 2 [first] [second word]"));
    }

    [Test]
    public async Task Env_IsExportedBeforeTheScriptRuns()
    {
        // Given
        var definition = Shell(p => p.Shell(inline: "echo \"$GREETING, $NAME\"", env: new() { ["GREETING"] = "hello", ["NAME"] = "it's me" }));

        // When
        await new ShellProvisioner().ProvisionAsync(Machine, definition, CancellationToken.None);

        // Then
        Assert.That(Machine.RecordingUi.Lines, Does.Contain("output: hello, it's me"));
    }

    [Test]
    public async Task Binary_KeepsCarriageReturns()
    {
        // Given
        var definition = Shell(p => p.Shell(inline: "printf '%s' \"$(tail -c 2 \"$0\" | od -An -c | tr -d ' ')\"\r\n", binary: true));

        // When
        await new ShellProvisioner().ProvisionAsync(Machine, definition, CancellationToken.None);

        // Then
        Assert.That(Machine.RecordingUi.Lines, Does.Contain("output: \\r\\n"));
    }

    [Test]
    public void NonZeroExit_FailsWithTheExitCodeAndTheProvisionersName()
    {
        // Given
        var definition = Shell(p => p.Shell(name: "db-setup", inline: "echo partial; exit 42"));

        // When
        var error = Assert.ThrowsAsync<VnetException>(() => new ShellProvisioner().ProvisionAsync(Machine, definition, CancellationToken.None));

        // Then
        Assert.That(error!.Message, Does.Contain("'db-setup'").And.Contain("status 42"));
        Assert.That(Machine.RecordingUi.Lines, Does.Contain("output: partial"));
    }

    [Test]
    public async Task Sensitive_KeepsTheScriptAndEnvOutOfTheLog_AndMasksTheValuesInOutput()
    {
        // Given
        var definition = Shell(p => p.Shell(inline: "echo \"token is $TOKEN\" # marker-in-script", env: new() { ["TOKEN"] = "s3cr3t-value" }, sensitive: true));

        // When
        await new ShellProvisioner().ProvisionAsync(Machine, definition, CancellationToken.None);

        // Then
        Assert.That(Machine.RecordingUi.Lines, Does.Contain("output: token is *****"));
        Assert.That(Machine.CapturingLogger.Messages, Has.None.Contains("s3cr3t-value"));
        Assert.That(Machine.CapturingLogger.Messages, Has.None.Contains("marker-in-script"));
        Assert.That(Machine.RecordingUi.Lines, Has.None.Contains("s3cr3t-value"));
    }

    [Test]
    public async Task Reset_ReconnectsAfterTheScript()
    {
        // Given
        var definition = Shell(p => p.Shell(inline: "true", reset: true));
        await Machine.Communicator.ExecuteAsync("true", null, CancellationToken.None);
        var before = Server.AcceptedLogins;

        // When
        await new ShellProvisioner().ProvisionAsync(Machine, definition, CancellationToken.None);
        await Machine.Communicator.ExecuteAsync("true", null, CancellationToken.None);

        // Then: the command connection was reopened once (the upload connection is its own)
        Assert.That(Server.AcceptedLogins - before, Is.EqualTo(2));
    }

    private static ProvisionerDefinition Shell(Func<ProvisionConfig, ProvisionerDefinition> add) => add(new ProvisionConfig());
}
