using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace Conductor.Generated.Analyzers.Infrastructure;

/// <summary>
/// Which methods of the compilation call which, and from that which methods the workers reach.
/// Built from every method body as it is analyzed; read once at the end of the compilation.
/// </summary>
internal sealed class WorkerCallGraph
{
    /// <summary>
    /// How many calls deep a worker is followed. Deep enough for helpers of helpers, shallow enough
    /// that a worker calling into a large library of the same project stays cheap to check.
    /// </summary>
    public const int MaximumCallDepth = 8;

    private readonly ConcurrentDictionary<IMethodSymbol, ImmutableArray<IMethodSymbol>> _callees = new(SymbolEqualityComparer.Default);
    private readonly ConcurrentDictionary<IMethodSymbol, bool> _workers = new(SymbolEqualityComparer.Default);

    public void AddMethod(IMethodSymbol method, ImmutableArray<IMethodSymbol> callees, bool isWorker)
    {
        _callees[method] = callees;
        if (isWorker)
        {
            _workers[method] = true;
        }
    }

    /// <summary>
    /// For every method a worker reaches, the first route to it: workers are taken in name order and
    /// the graph breadth first, so the shortest route from the first worker is named, and the same
    /// route is named on every build.
    /// </summary>
    public Dictionary<IMethodSymbol, WorkerRoute> FindRoutes()
    {
        var routes = new Dictionary<IMethodSymbol, WorkerRoute>(SymbolEqualityComparer.Default);
        var workers = _workers.Keys.OrderBy(WorkerRoute.DisplayName, System.StringComparer.Ordinal).ToList();
        foreach (var worker in workers)
        {
            var start = new WorkerRoute(worker, ImmutableArray.Create(worker));
            routes[worker] = start;
        }

        foreach (var worker in workers)
        {
            var queue = new Queue<WorkerRoute>();
            queue.Enqueue(routes[worker]);
            var seen = new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default) { worker };
            while (queue.Count > 0)
            {
                var route = queue.Dequeue();
                if (route.Path.Length > MaximumCallDepth || !_callees.TryGetValue(route.Path[route.Path.Length - 1], out var callees))
                {
                    continue;
                }

                foreach (var callee in callees)
                {
                    if (!seen.Add(callee))
                    {
                        continue;
                    }

                    var next = new WorkerRoute(worker, route.Path.Add(callee));
                    if (!routes.ContainsKey(callee))
                    {
                        routes[callee] = next;
                    }

                    queue.Enqueue(next);
                }
            }
        }

        return routes;
    }
}

/// <summary>A worker and the calls that lead from it to a method (the worker itself first).</summary>
internal sealed class WorkerRoute
{
    public WorkerRoute(IMethodSymbol worker, ImmutableArray<IMethodSymbol> path)
    {
        Worker = worker;
        Path = path;
    }

    public IMethodSymbol Worker { get; }

    public ImmutableArray<IMethodSymbol> Path { get; }

    /// <summary>"in worker 'Type.Method'", followed by the call path when the method is not the worker itself.</summary>
    public string Describe()
    {
        var text = "in worker '" + DisplayName(Worker) + "'";
        return Path.Length <= 1 ? text : text + " (through " + string.Join(" -> ", Path.Select(DisplayName)) + ")";
    }

    public static string DisplayName(IMethodSymbol method)
    {
        var name = method.MethodKind switch
        {
            MethodKind.Constructor => "ctor",
            MethodKind.PropertyGet or MethodKind.PropertySet => method.AssociatedSymbol?.Name ?? method.Name,
            _ => method.Name,
        };
        return method.ContainingType is null ? name : method.ContainingType.Name + "." + name;
    }
}
