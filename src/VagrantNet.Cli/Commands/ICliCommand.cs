using System.CommandLine;

namespace VagrantNet.Cli.Commands;

/// <summary>One <c>vnet</c> command: builds its System.CommandLine definition and runs it.</summary>
internal interface ICliCommand
{
    /// <summary>The word that invokes it.</summary>
    string Name { get; }

    Command Build();
}
