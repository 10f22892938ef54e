namespace VagrantNet.Core.Environment;

/// <summary>Finds host programs on PATH (running them is <see cref="ProcessRunner"/>'s job).</summary>
public static class HostProcess
{
    /// <summary>Where <paramref name="program"/> is found on PATH, or null.</summary>
    public static string? Which(string program)
    {
        if (program.Contains('/'))
        {
            return File.Exists(program) ? program : null;
        }

        foreach (var directory in (System.Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(directory, program);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
