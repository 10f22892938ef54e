using VagrantNet.Sdk.Config;

namespace VagrantNet.Core.Configuration;

/// <summary>Turns one Vagrantfile.csx into the configure blocks it registered. Implemented by the scripting layer.</summary>
public interface IVagrantfileEvaluator
{
    Task<IReadOnlyList<Action<RootConfig>>> EvaluateAsync(string path, CancellationToken cancellation);
}
