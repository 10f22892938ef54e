namespace VagrantNet.Sdk.Config;

/// <summary><c>config.Ssh</c>: how vnet reaches the guest.</summary>
public sealed class SshConfig : ConfigSection
{
    public const string DefaultUsername = "vagrant";

    public string? Username { get; set; }

    public string? Password { get; set; }

    /// <summary>Guest port; null means the provider's (22 for libvirt).</summary>
    public int? Port { get; set; }

    public string? Host { get; set; }

    /// <summary>Private keys to try; replaces the insecure key when set.</summary>
    public string[]? PrivateKeyPath { get; set; }

    /// <summary>Replace the insecure key with a fresh keypair on first boot (default true).</summary>
    public bool? InsertKey { get; set; }

    public bool? ForwardAgent { get; set; }

    public bool? ForwardX11 { get; set; }

    /// <summary>Shell used to run commands in the guest (default <c>bash -l</c>).</summary>
    public string? Shell { get; set; }

    public int? ConnectTimeout { get; set; }

    public string[]? ExtraArgs { get; set; }

    public override void FinalizeDefaults()
    {
        Username ??= DefaultUsername;
        InsertKey ??= true;
        ForwardAgent ??= false;
        ForwardX11 ??= false;
        Shell ??= "bash -l";
        ConnectTimeout ??= 15;
    }

    public override void Validate(ValidationErrors errors)
    {
        if (Port is < 1 or > 65535)
        {
            errors.Add("SSH", "ssh.port", $"must be between 1 and 65535, got {Port}");
        }

        if (string.IsNullOrWhiteSpace(Username))
        {
            errors.Add("SSH", "ssh.username", "must not be empty");
        }

        foreach (var key in PrivateKeyPath ?? [])
        {
            if (!errors.IsFile(key))
            {
                errors.Add("SSH", "ssh.private_key_path", $"file not found: {UserText.Escape(key ?? string.Empty)}");
            }
        }

        if (ConnectTimeout is <= 0)
        {
            errors.Add("SSH", "ssh.connect_timeout", "must be a positive number of seconds");
        }
    }
}
