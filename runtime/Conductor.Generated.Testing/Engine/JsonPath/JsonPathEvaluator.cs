using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;

namespace Conductor.Generated.Testing;

/// <summary>
/// Walks a compiled path over a document the way Jayway's path tokens do, collecting the
/// matches in order. Non-strict is the real server's reading (SUPPRESS_EXCEPTIONS: whatever is
/// missing or of the wrong kind is skipped); strict is a filter's existence check
/// (REQUIRE_PROPERTIES without SUPPRESS_EXCEPTIONS: a missing property, or a step that does not
/// fit where the path so far is definite, throws <see cref="JsonPathNotFoundException"/>).
/// </summary>
internal sealed class JsonPathEvaluator
{
    private readonly JsonPathQuery _query;
    private readonly JsonNode? _root;
    private readonly bool _strict;
    private readonly List<JsonNode?> _results = [];

    private JsonPathEvaluator(JsonPathQuery query, JsonNode? root, bool strict)
    {
        _query = query;
        _root = root;
        _strict = strict;
    }

    public static List<JsonNode?> Evaluate(JsonPathQuery query, JsonNode? item, JsonNode? root, bool strict)
    {
        var evaluator = new JsonPathEvaluator(query, root, strict);
        evaluator.Step(0, item);
        return evaluator._results;
    }

    private void Step(int index, JsonNode? model)
    {
        RuntimeHelpers.EnsureSufficientExecutionStack();
        if (index == _query.Steps.Count)
        {
            _results.Add(model);
            return;
        }

        switch (_query.Steps[index])
        {
            case PropertyStep property:
                Property(index, property, model);
                break;
            case IndexStep indexes:
                if (ArrayModel(index, model) is { } indexed)
                {
                    foreach (var position in indexes.Indexes)
                    {
                        ArrayIndex(index, indexed, position);
                    }
                }

                break;
            case SliceStep slice:
                if (ArrayModel(index, model) is { } sliced)
                {
                    Slice(index, slice, sliced);
                }

                break;
            case WildcardStep:
                // WildcardPathToken#evaluate: every member of an object, every element of an array.
                if (model is JsonObject members)
                {
                    foreach (var (_, value) in members.ToList())
                    {
                        Step(index + 1, value);
                    }
                }
                else if (model is JsonArray elements)
                {
                    foreach (var element in elements.ToList())
                    {
                        Step(index + 1, element);
                    }
                }

                break;
            case ScanStep:
                Walk(index + 1, model);
                break;
            case FilterStep filter:
                Filter(index, filter, model);
                break;
            case FunctionStep function:
                // FunctionPathToken#evaluate: the function's result is a match, and further steps read from it.
                var result = JsonPathFunctions.Invoke(function, model, _root, _strict);
                _results.Add(result);
                if (index + 1 < _query.Steps.Count)
                {
                    Step(index + 1, result);
                }

                break;
        }
    }

    /// <summary>PropertyPathToken#evaluate and PathToken#handleObjectProperty.</summary>
    private void Property(int index, PropertyStep property, JsonNode? model)
    {
        if (model is not JsonObject obj)
        {
            if (_strict && _query.IsUpstreamDefinite(index))
            {
                throw new JsonPathNotFoundException();
            }

            return;
        }

        var isLeaf = index == _query.Steps.Count - 1;
        if (property.Names.Count > 1 && isLeaf)
        {
            // Several properties as the last step merge into one object of those present.
            var merged = new JsonObject();
            foreach (var name in property.Names)
            {
                if (obj.TryGetPropertyValue(name, out var value))
                {
                    merged[name] = value?.DeepClone();
                }
                else if (_strict)
                {
                    throw new JsonPathNotFoundException();
                }
            }

            _results.Add(merged);
            return;
        }

        foreach (var name in property.Names)
        {
            if (obj.TryGetPropertyValue(name, out var value))
            {
                Step(index + 1, value);
            }
            else if (_strict)
            {
                throw new JsonPathNotFoundException();
            }
        }
    }

    /// <summary>ArrayPathToken#checkArrayModel: anything but an array is skipped (or, strict and definite so far, not found).</summary>
    private JsonArray? ArrayModel(int index, JsonNode? model)
    {
        if (model is JsonArray array)
        {
            return array;
        }

        if (_strict && _query.IsUpstreamDefinite(index))
        {
            throw new JsonPathNotFoundException();
        }

        return null;
    }

    /// <summary>PathToken#handleArrayIndex: a negative index counts from the end; outside the array nothing matches.</summary>
    private void ArrayIndex(int index, JsonArray array, int position)
    {
        var effective = position < 0 ? array.Count + position : position;
        if (effective >= 0 && effective < array.Count)
        {
            Step(index + 1, array[effective]);
        }
    }

    /// <summary>
    /// ArraySliceToken: <c>[from:]</c> (a negative start counts from the end), <c>[:to]</c> (a
    /// negative end counts from the end), <c>[from:to]</c> (end capped at the length, each index
    /// read as a single index would be, so <c>[-3:-1]</c> reads the two before the last and
    /// <c>[1:-1]</c> reads nothing).
    /// </summary>
    private void Slice(int index, SliceStep slice, JsonArray array)
    {
        var length = array.Count;
        if (slice.From is { } from && slice.To is null)
        {
            if (from < 0)
            {
                from += length;
            }

            for (var position = Math.Max(0, from); position < length; position++)
            {
                ArrayIndex(index, array, position);
            }
        }
        else if (slice.From is { } start && slice.To is { } end)
        {
            end = Math.Min(length, end);
            if (start >= end || length == 0)
            {
                return;
            }

            // Positions below -length name no element (ArrayPathToken#handleArrayIndex), so the
            // loop starts there rather than counting up from a start of, say, int.MinValue.
            start = Math.Max(start, -length);

            for (var position = start; position < end; position++)
            {
                ArrayIndex(index, array, position);
            }
        }
        else if (slice.To is { } to)
        {
            if (length == 0)
            {
                return;
            }

            if (to < 0)
            {
                to += length;
            }

            to = Math.Min(length, to);
            for (var position = 0; position < to; position++)
            {
                ArrayIndex(index, array, position);
            }
        }
    }

    /// <summary>
    /// ScanPathToken#walk: at every object and array of the document, depth first and in
    /// document order, the step after <c>..</c> is taken where it fits (a property where the
    /// object has it, an array step on arrays, a wildcard everywhere, a filter where the value
    /// passes), then the walk goes into each member or element.
    /// </summary>
    private void Walk(int next, JsonNode? model)
    {
        // A scan with nothing after it (what $..sum() gives its function as parameter):
        // PathToken#next throws IllegalStateException, which the real server reads as null.
        if (next >= _query.Steps.Count)
        {
            throw new JsonPathEvaluationException("Current path token is a leaf");
        }

        RuntimeHelpers.EnsureSufficientExecutionStack();
        var target = _query.Steps[next];
        if (model is JsonObject obj)
        {
            if (ScanMatches(next, target, obj))
            {
                Step(next, obj);
            }

            foreach (var (_, value) in obj.ToList())
            {
                Walk(next, value);
            }
        }
        else if (model is JsonArray array)
        {
            if (ScanMatches(next, target, array))
            {
                if (next != _query.Steps.Count - 1)
                {
                    // Only a filter can get here (the compiler refuses the other array steps).
                    throw new JsonPathUnsupportedException("a deep scan '..' with a filter that matches an array, followed by further steps");
                }

                Step(next, array);
            }

            foreach (var element in array.ToList())
            {
                Walk(next, element);
            }
        }
    }

    private bool ScanMatches(int next, JsonPathStep target, JsonNode model) => target switch
    {
        PropertyStep property => model is JsonObject obj && (!_query.IsStepDefinite(next) || property.Names.All(obj.ContainsKey)),
        IndexStep or SliceStep => model is JsonArray,
        WildcardStep => true,
        FilterStep filter => Accept(filter, model),
        _ => false,
    };

    /// <summary>
    /// PredicatePathToken#evaluate: an object is kept when it passes; the elements of an array
    /// that pass are kept; a filter on anything else where the path so far is definite is an error.
    /// </summary>
    private void Filter(int index, FilterStep filter, JsonNode? model)
    {
        if (model is JsonObject)
        {
            if (Accept(filter, model))
            {
                Step(index + 1, model);
            }
        }
        else if (model is JsonArray array)
        {
            foreach (var element in array.ToList())
            {
                if (Accept(filter, element))
                {
                    Step(index + 1, element);
                }
            }
        }
        else if (_query.IsUpstreamDefinite(index))
        {
            throw new JsonPathInvalidAtRuntimeException($"Filter: {filter} can not be applied to primitives.");
        }
    }

    /// <summary>PredicatePathToken#accept: an InvalidPathException while testing means no match.</summary>
    private bool Accept(FilterStep filter, JsonNode? item)
    {
        try
        {
            return filter.Filter.Matches(item, _root, _strict);
        }
        catch (JsonPathInvalidAtRuntimeException)
        {
            return false;
        }
    }
}
