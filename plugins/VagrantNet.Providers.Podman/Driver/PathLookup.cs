namespace VagrantNet.Providers.Podman;

/// <summary>Finds a program on PATH before any machine (and so any host's process runner) exists: for the provider's usable check.</summary>
internal static class PathLookup
{
    public static string? Find(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, program))
            .FirstOrDefault(File.Exists);
}
