using VagrantNet.Core.Configuration;
using VagrantNet.Sdk.Config;

namespace VagrantNet.Tests.Support;

/// <summary>Stands in for the script layer: each path yields the configure blocks a test gives it.</summary>
internal sealed class FakeEvaluator : IVagrantfileEvaluator
{
    private readonly Dictionary<string, List<Action<RootConfig>>> _blocks = new(StringComparer.Ordinal);

    public FakeEvaluator Add(string path, Action<RootConfig> block)
    {
        path = Path.GetFullPath(path);
        if (!_blocks.TryGetValue(path, out var blocks))
        {
            _blocks[path] = blocks = [];
        }

        blocks.Add(block);
        return this;
    }

    public Task<IReadOnlyList<Action<RootConfig>>> EvaluateAsync(string path, CancellationToken cancellation) =>
        Task.FromResult<IReadOnlyList<Action<RootConfig>>>(_blocks.GetValueOrDefault(Path.GetFullPath(path)) ?? []);
}
