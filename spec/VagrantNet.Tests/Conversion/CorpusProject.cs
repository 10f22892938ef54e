namespace VagrantNet.Tests.Conversion;

/// <summary>
/// The project a corpus case stands in: the files its first line <c># corpus-files: a/ b.sh</c> names (a trailing slash
/// makes a directory), made in the project directory so both Vagrant and vnet find what the Vagrantfile refers to.
/// </summary>
internal static class CorpusProject
{
    public static string[] FilesOf(string ruby) =>
        ruby.StartsWith("# corpus-files:", StringComparison.Ordinal)
            ? ruby[15..ruby.IndexOf('\n')].Split(' ', StringSplitOptions.RemoveEmptyEntries)
            : [];

    public static async Task CreateAsync(string directory, string ruby)
    {
        Directory.CreateDirectory(directory);
        foreach (var file in FilesOf(ruby))
        {
            var path = Path.Combine(directory, file);
            Directory.CreateDirectory(file.EndsWith('/') ? path : Path.GetDirectoryName(path)!);
            if (!file.EndsWith('/'))
            {
                await File.WriteAllTextAsync(path, "corpus\n");
            }
        }
    }
}
