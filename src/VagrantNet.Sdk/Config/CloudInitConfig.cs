namespace VagrantNet.Sdk.Config;

/// <summary><c>config.Vm.CloudInit</c>: user data handed to the guest on a NoCloud seed disk.</summary>
public sealed class CloudInitConfig : ConfigSection
{
    public List<CloudInitPart> Parts { get; } = [];

    /// <summary>Adds a user-data part: inline text or a path to a file, with its MIME content type.</summary>
    public void UserData(string? inline = null, string? path = null, string contentType = "text/cloud-config") =>
        Parts.Add(new CloudInitPart(inline, path, contentType));

    public override void Validate(ValidationErrors errors)
    {
        foreach (var part in Parts)
        {
            if ((part.Inline is null) == (part.Path is null))
            {
                errors.Add("vm", "vm.cloud_init", "give exactly one of inline or path");
            }
            else if (part.Path is not null && !errors.IsFile(part.Path))
            {
                errors.Add("vm", "vm.cloud_init", $"file not found: {UserText.Escape(part.Path)}");
            }
        }
    }
}

public sealed record CloudInitPart(string? Inline, string? Path, string ContentType);
