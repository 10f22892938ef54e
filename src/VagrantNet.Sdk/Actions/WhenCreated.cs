using VagrantNet.Sdk.Pipeline;

namespace VagrantNet.Sdk.Actions;

/// <summary>The guard most recipes open with: the rest only for a machine that exists.</summary>
public static class WhenCreated
{
    /// <summary>
    /// A recipe that runs <paramref name="created"/> when the provider holds the machine (<see cref="IsCreated"/>), and
    /// otherwise prints <paramref name="notCreated"/> and stops, as Vagrant's "not created" message does.
    /// </summary>
    public static ActionBuilder Then(string notCreated, Action<ActionBuilder> created) => new ActionBuilder()
        .Call<IsCreated>((isCreated, b) =>
        {
            if (isCreated)
            {
                created(b);
            }
            else
            {
                b.Use(new Message(notCreated));
            }
        });
}
