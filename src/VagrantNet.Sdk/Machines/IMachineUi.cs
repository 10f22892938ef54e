namespace VagrantNet.Sdk.Machines;

/// <summary>What a step tells the user. Lines are prefixed with the machine name, as Vagrant does (<c>==&gt; web: ...</c>).</summary>
public interface IMachineUi
{
    /// <summary>A headline: <c>==&gt; web: Creating domain...</c>.</summary>
    void Info(string message);

    /// <summary>A detail under the last headline: <c>    web: ...</c>.</summary>
    void Detail(string message);

    void Success(string message);

    void Warn(string message);

    void Error(string message);

    /// <summary>Raw output streamed from the guest (provisioner output).</summary>
    void Output(string line, bool isError = false);

    /// <summary>Reports progress of a long transfer (bytes done of total; total null when unknown).</summary>
    IProgress<long> Progress(string title, long? total);

    /// <summary>Asks a yes/no question; returns <paramref name="fallback"/> when input is not interactive.</summary>
    bool Confirm(string question, bool fallback);
}
