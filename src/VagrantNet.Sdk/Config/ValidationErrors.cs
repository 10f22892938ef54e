namespace VagrantNet.Sdk.Config;

/// <summary>Collects every validation error of one machine, grouped by section, so all are reported at once.</summary>
public sealed class ValidationErrors
{
    private readonly List<ValidationError> _errors = [];

    public ValidationErrors(string machine) => Machine = machine;

    public string Machine { get; }

    public IReadOnlyList<ValidationError> All => _errors;

    public bool IsEmpty => _errors.Count == 0;

    /// <summary>Adds an error about <paramref name="setting"/> (for example <c>vm.box</c>) in <paramref name="section"/>.</summary>
    public void Add(string section, string setting, string message) =>
        _errors.Add(new ValidationError(Machine, section, setting, message));
}

public sealed record ValidationError(string Machine, string Section, string Setting, string Message)
{
    public override string ToString() => $"{Setting}: {Message}";
}
