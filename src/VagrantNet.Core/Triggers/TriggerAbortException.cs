namespace VagrantNet.Core.Triggers;

/// <summary>
/// A trigger's <c>abort</c>: vnet stops with <see cref="ExitCode"/>. Not a <see cref="Sdk.VnetError"/>, so that no
/// command collects it as one machine's failure and carries on with the others.
/// </summary>
public sealed class TriggerAbortException(int exitCode)
    : Exception($"A trigger aborted vnet (exit code {exitCode}).")
{
    public int ExitCode { get; } = exitCode;
}
