namespace VagrantNet.Core.Conversion.Ruby;

/// <summary>Ruby the converter cannot read: the message is printed as <c>Vagrantfile(line,col): error: ...</c>.</summary>
public sealed class RubySyntaxException(RubyPosition at, string message) : Exception(message)
{
    public RubyPosition At { get; } = at;
}
