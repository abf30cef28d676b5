using System.Text;
using Microsoft.Extensions.DependencyInjection;

namespace Conductor.Generated.Hosting;

/// <summary>
/// Checks before the workers start that every service a worker method takes is registered, so a
/// missing registration fails the host's start with one message naming each worker, parameter and
/// type, instead of failing every task of that worker at run time.
/// </summary>
internal static class ServiceDependencyCheck
{
    public static void ThrowIfAnyMissing(IServiceProvider services, IEnumerable<WorkerDefinition> workers)
    {
        var isService = services.GetService<IServiceProviderIsService>();
        if (isService is null)
        {
            // A container that cannot answer the question: the tasks will tell.
            return;
        }

        var isKeyedService = isService as IServiceProviderIsKeyedService ?? services.GetService<IServiceProviderIsKeyedService>();
        var missing = new List<string>();
        foreach (var worker in workers)
        {
            foreach (var dependency in worker.ServiceDependencies)
            {
                var registered = dependency.ServiceKey is null
                    ? isService.IsService(dependency.ServiceType)
                    : isKeyedService?.IsKeyedService(dependency.ServiceType, dependency.ServiceKey) ?? true;
                if (!registered)
                {
                    missing.Add(Describe(worker.TaskName, dependency));
                }
            }
        }

        if (missing.Count > 0)
        {
            throw new InvalidOperationException(
                $"Conductor workers cannot start: {(missing.Count == 1 ? "a service they take is" : "services they take are")} not registered.{Environment.NewLine}"
                + string.Join(Environment.NewLine, missing)
                + $"{Environment.NewLine}Register {(missing.Count == 1 ? "it" : "each")} in the service collection (services.AddScoped<T>(), AddSingleton, AddTransient, or the keyed variants) before the host starts.");
        }
    }

    private static string Describe(string taskName, WorkerServiceDependency dependency)
    {
        var description = new StringBuilder()
            .Append("- worker '").Append(taskName)
            .Append("', parameter '").Append(dependency.ParameterName)
            .Append("': service ").Append(TypeName(dependency.ServiceType));
        if (dependency.ServiceKey is not null)
        {
            description.Append(" with key '").Append(dependency.ServiceKey).Append('\'');
        }

        return description.Append(" is not registered").ToString();
    }

    /// <summary>The type as C# spells it, generic arguments included: <c>System.Collections.Generic.IList&lt;System.String&gt;</c>.</summary>
    private static string TypeName(Type type)
    {
        if (!type.IsGenericType)
        {
            return type.FullName ?? type.Name;
        }

        var name = type.GetGenericTypeDefinition().FullName ?? type.Name;
        var backtick = name.IndexOf('`', StringComparison.Ordinal);
        return $"{(backtick < 0 ? name : name[..backtick])}<{string.Join(", ", type.GetGenericArguments().Select(TypeName))}>";
    }
}
