using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;
using System.Xml.Linq;

namespace VagrantNet.Acceptance.Support;

/// <summary>Runs the real <c>vnet</c> binary as a user would, in a project directory, with the test's VNET_HOME.</summary>
internal sealed partial class Vnet(string binary, string home)
{
    public string Binary { get; } = binary;

    public string Home { get; } = home;

    public Result Run(string directory, params string[] args) => Run(directory, TimeSpan.FromMinutes(10), args);

    public Result Run(string directory, TimeSpan timeout, params string[] args)
    {
        using var process = Start(directory, args);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"vnet {string.Join(' ', args)} did not finish within {timeout}");
        }

        var result = new Result(process.ExitCode, stdout.Result, stderr.Result);
        TestContext.Progress.WriteLine($"$ vnet {string.Join(' ', args)}  -> exit {result.ExitCode}");
        return result;
    }

    /// <summary>Starts vnet; the caller reads its output and may interrupt it.</summary>
    public Process Start(string directory, params string[] args)
    {
        // Through env, which execs vnet in place with SIGINT's default disposition (see RunAndSignalAt).
        var start = new ProcessStartInfo("env")
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("--default-signal=INT");
        start.ArgumentList.Add(Binary);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["VNET_HOME"] = Home;
        return Process.Start(start) ?? throw new InvalidOperationException("could not start vnet");
    }

    /// <summary>Sends SIGINT, as Ctrl+C in a terminal does.</summary>
    public static void Interrupt(Process process) => _ = Kill(process.Id, 2);

    public const int SigInt = 2;

    public const int SigKill = 9;

    /// <summary>
    /// Runs vnet in a process group of its own and, when a line of its output contains <paramref name="marker"/>, sends
    /// <paramref name="signal"/> to the whole group, as a terminal's Ctrl+C (or a kill of the session) does; then waits
    /// for it to end. Fails when the marker never shows.
    /// </summary>
    public Result RunAndSignalAt(string directory, string marker, int signal, params string[] args)
    {
        // A test host started in the background (`cmd &` from a script) has SIGINT ignored, and vnet inherits that:
        // env gives it back the default disposition, so a Ctrl+C case is one whoever started the run.
        var start = new ProcessStartInfo("env")
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("--default-signal=INT");
        start.ArgumentList.Add("setsid");
        start.ArgumentList.Add(Binary);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["VNET_HOME"] = Home;
        // A faulted run that goes wrong is read afterwards: its debug log (stderr) says which step it was in.
        start.Environment["VNET_LOG"] = "debug";
        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start vnet");
        var output = new StringBuilder();
        var reached = new ManualResetEventSlim();
        process.OutputDataReceived += (_, e) =>
        {
            lock (output)
            {
                output.AppendLine(e.Data);
            }

            if (e.Data?.Contains(marker, StringComparison.Ordinal) == true && !reached.IsSet)
            {
                // env and setsid exec vnet in place, and setsid made it the leader of a new group: its id is the group's.
                _ = Kill(-process.Id, signal);
                reached.Set();
            }
        };
        process.BeginOutputReadLine();
        var stderr = process.StandardError.ReadToEndAsync();
        var exited = process.WaitForExit(TimeSpan.FromMinutes(10));
        if (!exited)
        {
            _ = Kill(-process.Id, SigKill);
        }

        process.WaitForExit();
        var result = new Result(process.ExitCode, output.ToString(), stderr.Result);
        TestContext.Progress.WriteLine($"$ vnet {string.Join(' ', args)}  (signal {signal} at '{marker}') -> exit {result.ExitCode}");
        var why = exited ? "exited before it printed" : "was still running after 10 minutes and had not printed";
        Assert.That(reached.IsSet, Is.True, $"vnet {string.Join(' ', args)} {why} '{marker}':{Environment.NewLine}{result.Output}");
        return result;
    }

    [LibraryImport("libc", EntryPoint = "kill")]
    private static partial int Kill(int pid, int signal);

    public sealed record Result(int ExitCode, string Stdout, string Stderr)
    {
        public string Output => Stdout + Stderr;

        public Result Ok()
        {
            Assert.That(ExitCode, Is.Zero, $"vnet failed:{Environment.NewLine}{Output}");
            return this;
        }
    }
}

/// <summary>Reads what libvirt holds, to prove a test left nothing behind.</summary>
internal static class Libvirt
{
    public static IReadOnlyList<string> Domains() => Virsh("list", "--all", "--name");

    public static IReadOnlyList<string> Networks() => Virsh("net-list", "--all", "--name");

    public static IReadOnlyList<string> Volumes(string pool = "default") =>
        [.. Virsh("vol-list", pool).Skip(2).Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[0])];

    /// <summary>The project in the vnet owner tag of a domain's or network's XML, if it has one.</summary>
    public static string? OwnerProject(string xml)
    {
        var owner = XDocument.Parse(xml).Descendants(XName.Get("owner", "https://vnet.dev/xmlns/libvirt/1")).FirstOrDefault();
        return owner?.Attribute("project")?.Value;
    }

    public static string Virsh(string args) => string.Join('\n', Virsh(args.Split(' ')));

    private static IReadOnlyList<string> Virsh(params string[] args)
    {
        var start = new ProcessStartInfo("virsh") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("qemu:///system");
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return [.. output.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0)];
    }
}

/// <summary>A project directory with a Vagrantfile.csx, removed afterwards.</summary>
internal sealed class Project : IDisposable
{
    /// <summary>Where every test project lives: what libvirt holds tagged with a project here is a test's.</summary>
    public static string Root { get; } = Path.Combine(Path.GetTempPath(), "vnet-acc");

    /// <summary>Starts every project's name, so its domains and volumes are recognisable as a test's.</summary>
    public const string NamePrefix = "vnetacc-";

    public Project(string name, string vagrantfile)
    {
        Directory = Path.Combine(Root, NamePrefix + name + "-" + Guid.NewGuid().ToString("N")[..6]);
        System.IO.Directory.CreateDirectory(Directory);
        File.WriteAllText(Path.Combine(Directory, "Vagrantfile.csx"), vagrantfile, Encoding.UTF8);
        Name = Path.GetFileName(Directory);
    }

    public string Directory { get; }

    public string Name { get; }

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
