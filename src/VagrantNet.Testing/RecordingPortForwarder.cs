using VagrantNet.Sdk.Machines;
using VagrantNet.Sdk.Plugins;

namespace VagrantNet.Testing;

/// <summary>Port forwarding that only records which machines were asked to start and to stop forwarding.</summary>
public sealed class RecordingPortForwarder : IPortForwarder
{
    private readonly List<string> _calls = [];

    /// <summary><c>start NAME</c> and <c>stop NAME</c>, in order.</summary>
    public IReadOnlyList<string> Calls
    {
        get
        {
            lock (_calls)
            {
                return [.. _calls];
            }
        }
    }

    public Task<IReadOnlyList<ForwardedPort>> StartAsync(IMachine machine, SshInfo ssh, CancellationToken cancellation)
    {
        Record("start " + machine.Name);
        return Task.FromResult<IReadOnlyList<ForwardedPort>>([]);
    }

    public Task<bool> StopAsync(IMachine machine, CancellationToken cancellation)
    {
        Record("stop " + machine.Name);
        return Task.FromResult(false);
    }

    public Task<IReadOnlyList<ForwardedPort>> ActiveAsync(IMachine machine, CancellationToken cancellation) =>
        Task.FromResult<IReadOnlyList<ForwardedPort>>([]);

    private void Record(string call)
    {
        lock (_calls)
        {
            _calls.Add(call);
        }
    }
}
