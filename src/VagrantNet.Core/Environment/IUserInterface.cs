using VagrantNet.Sdk.Machines;

namespace VagrantNet.Core.Environment;

/// <summary>The terminal: a prefixed UI per machine and a plain one for the whole command.</summary>
public interface IUserInterface
{
    IMachineUi Global { get; }

    IMachineUi ForMachine(string machine);
}
