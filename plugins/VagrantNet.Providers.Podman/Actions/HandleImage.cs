using VagrantNet.Sdk.Pipeline;

namespace VagrantNet.Providers.Podman.Actions;

/// <summary>
/// Makes sure the image is in the local podman store: <c>podman.image</c> when it is there, else the archive
/// <c>podman.image_archive</c> loaded with <c>podman load</c> (and, with no image named, the archive's first tag).
/// </summary>
public sealed class HandleImage : IAction
{
    public async Task InvokeAsync(ActionContext context, ActionDelegate next)
    {
        var machine = context.Machine;
        var config = context.Config();
        var driver = context.Driver();
        var image = config.Image;
        if (image is null || !await driver.ImageExistsAsync(image, context.Cancellation).ConfigureAwait(false))
        {
            if (config.ImageArchive is not { } archive)
            {
                throw new PodmanException(
                    $"Machine '{machine.Name}': the image '{image}' (podman.image) is not in the local podman store. " +
                    "Load it (`podman load`, `podman pull`), or set podman.image_archive to an archive vnet loads.");
            }

            var path = Path.GetFullPath(archive, machine.ProjectDirectory);
            context.Ui.Info($"Loading image archive {path}...");
            var loaded = await driver.LoadAsync(path, context.Cancellation).ConfigureAwait(false);
            if (image is null)
            {
                image = loaded.FirstOrDefault()
                    ?? throw new PodmanException($"Machine '{machine.Name}': `podman load` of {path} (podman.image_archive) named no image; set podman.image to the image it holds.");
            }
            else if (!await driver.ImageExistsAsync(image, context.Cancellation).ConfigureAwait(false))
            {
                throw new PodmanException(
                    $"Machine '{machine.Name}': the archive {path} (podman.image_archive) holds {(loaded.Count == 0 ? "no tagged image" : string.Join(", ", loaded))}, not '{image}' (podman.image).");
            }
        }

        context.Ui.Detail($"Image: {image}");
        context.Set(PodmanKeys.Image, image);
        await next(context).ConfigureAwait(false);
    }
}
