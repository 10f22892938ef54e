namespace VagrantNet.Sdk.Config;

/// <summary>A problem with the user's configuration. The CLI prints the message alone, with no stack trace.</summary>
public class ConfigurationException : VnetError
{
    public ConfigurationException(string message)
        : base(message)
    {
    }

    public ConfigurationException(string message, Exception inner)
        : base(message, inner)
    {
    }
}

/// <summary>Validation failed: carries every error of every machine.</summary>
public sealed class ValidationException : ConfigurationException
{
    public ValidationException(IReadOnlyList<ValidationError> errors)
        : base(Format(errors)) => Errors = errors;

    public IReadOnlyList<ValidationError> Errors { get; }

    private static string Format(IReadOnlyList<ValidationError> errors)
    {
        var lines = new List<string> { "There are errors in the configuration of this machine. Please fix the following errors and try again:" };
        foreach (var machine in errors.GroupBy(e => e.Machine))
        {
            lines.Add(string.Empty);
            lines.Add($"{machine.Key}:");
            foreach (var section in machine.GroupBy(e => e.Section))
            {
                lines.Add($"  {section.Key}:");
                lines.AddRange(section.Select(e => $"  * {e}"));
            }
        }

        return string.Join(Environment.NewLine, lines);
    }
}
