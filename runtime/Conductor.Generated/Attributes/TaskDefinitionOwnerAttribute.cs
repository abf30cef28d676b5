namespace Conductor.Generated;

/// <summary>
/// The owner email of every task definition this assembly generates, unless a worker's
/// <see cref="TaskDefinitionAttribute.OwnerEmail"/> names another. The open-source Conductor server
/// rejects task definitions without an owner email unless it runs with
/// <c>conductor.app.ownerEmailMandatory=false</c>; this sets it once for all workers:
/// <c>[assembly: TaskDefinitionOwner("team@example.com")]</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = false, Inherited = false)]
public sealed class TaskDefinitionOwnerAttribute : Attribute
{
    /// <summary>Sets the owner email of the assembly's task definitions.</summary>
    /// <param name="ownerEmail">The email of the team that owns the tasks.</param>
    public TaskDefinitionOwnerAttribute(string ownerEmail)
    {
        OwnerEmail = ownerEmail;
    }

    /// <summary>The email of the team that owns the tasks.</summary>
    public string OwnerEmail { get; }
}
