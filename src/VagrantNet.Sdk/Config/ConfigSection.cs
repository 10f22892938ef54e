using System.Collections;
using System.Collections.Concurrent;
using System.Reflection;

namespace VagrantNet.Sdk.Config;

/// <summary>
/// Base of every config object. A property left null is "unset": merging lets a later layer's
/// set values win, and <see cref="FinalizeDefaults"/> fills what no layer set.
/// </summary>
public abstract class ConfigSection
{
    /// <summary>Copies every set value of <paramref name="other"/> over this one; lists are appended.</summary>
    public virtual void Merge(ConfigSection other)
    {
        if (other.GetType() != GetType())
        {
            throw new ArgumentException($"cannot merge {other.GetType().Name} into {GetType().Name}", nameof(other));
        }

        foreach (var property in MergeableProperties(GetType()))
        {
            var theirs = property.GetValue(other);
            if (theirs is null)
            {
                continue;
            }

            var mine = property.GetValue(this);
            switch (mine)
            {
                case ConfigSection section:
                    section.Merge((ConfigSection)theirs);
                    break;
                case IList list when property.SetMethod is null || !property.PropertyType.IsArray:
                    foreach (var item in (IEnumerable)theirs)
                    {
                        list.Add(item);
                    }

                    break;
                default:
                    if (property.SetMethod is not null)
                    {
                        property.SetValue(this, theirs);
                    }

                    break;
            }
        }
    }

    /// <summary>Fills defaults for whatever no layer set.</summary>
    public virtual void FinalizeDefaults()
    {
        foreach (var property in MergeableProperties(GetType()))
        {
            if (property.GetValue(this) is ConfigSection section)
            {
                section.FinalizeDefaults();
            }
        }
    }

    /// <summary>Adds one error per bad setting; never throws for bad values.</summary>
    public virtual void Validate(ValidationErrors errors)
    {
    }

    private static readonly ConcurrentDictionary<Type, PropertyInfo[]> Mergeable = new();

    /// <summary>Looked up once per type: every layer of every machine merges the same few types.</summary>
    private static PropertyInfo[] MergeableProperties(Type type) =>
        Mergeable.GetOrAdd(type, static t => [.. t.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetIndexParameters().Length == 0 && p.GetMethod is not null && !p.IsDefined(typeof(NotMergedAttribute)))]);
}

/// <summary>Marks a property that <see cref="ConfigSection.Merge"/> must leave alone.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class NotMergedAttribute : Attribute;
