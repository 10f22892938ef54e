namespace VagrantNet.Sdk.Pipeline;

/// <summary>Command-line options every provider's pipelines may read (set by the CLI).</summary>
public static class CommandOptionKeys
{
    /// <summary>False with <c>up --no-destroy-on-error</c>: a failed first up keeps what it made for inspection.</summary>
    public static readonly ActionKey<bool> DestroyOnError = new("destroy_on_error");

    /// <summary>True with <c>halt -f</c> / <c>destroy -f</c>.</summary>
    public static readonly ActionKey<bool> Force = new("force");
}
