using System.Text.Json.Nodes;

namespace Conductor.Generated.Testing.Tests;

public sealed class ParameterResolverTests
{
    private static readonly JsonObject Context = JsonNode.Parse("""
        {
          "workflow": { "input": { "name": "Ada", "count": 3, "flag": true, "key": "name", "items": [ { "id": "a" }, { "id": "b" } ] } },
          "first_ref": { "output": { "a": { "b": { "c": 42 } }, "with space": "yes" } }
        }
        """)!.AsObject();

    private static JsonNode? Resolve(string valueJson) =>
        ParameterResolver.ResolveObject(new JsonObject { ["value"] = JsonNode.Parse(valueJson) }, Context)["value"];

    // Real server: ParametersUtils.java#replace (a whole-value expression keeps its type).
    [Theory]
    [InlineData("\"${workflow.input.name}\"", "\"Ada\"")]
    [InlineData("\"${workflow.input.count}\"", "3")]
    [InlineData("\"${workflow.input.flag}\"", "true")]
    [InlineData("\"${first_ref.output.a.b.c}\"", "42")]
    [InlineData("\"${first_ref.output.a}\"", "{\"b\":{\"c\":42}}")]
    [InlineData("\"${workflow.input.items[1].id}\"", "\"b\"")]
    [InlineData("\"${workflow.input.items[-1].id}\"", "\"b\"")]
    [InlineData("\"${first_ref.output['with space']}\"", "\"yes\"")]
    [InlineData("\"${$.workflow.input.name}\"", "\"Ada\"")]
    [InlineData("\"${workflow.input.${workflow.input.key}}\"", "\"Ada\"")]
    public void A_single_expression_becomes_the_referenced_value(string template, string expected)
    {
        Assert.Equal(expected, Resolve(template)!.ToJsonString());
    }

    // Real server: ParametersUtils.java#replace (missing paths read as null).
    [Theory]
    [InlineData("\"${workflow.input.missing}\"")]
    [InlineData("\"${nobody.output.x}\"")]
    [InlineData("\"${workflow.input.items[9]}\"")]
    [InlineData("\"${workflow.input.name.deeper}\"")]
    [InlineData("\"${workflow..input}\"")]
    public void An_unresolvable_expression_becomes_null(string template)
    {
        Assert.Null(Resolve(template));
    }

    // Real server: ParametersUtils.java#replace (expressions inside text).
    [Theory]
    [InlineData("\"Hi ${workflow.input.name}, ${workflow.input.count} left\"", "Hi Ada, 3 left")]
    [InlineData("\"${workflow.input.name}${workflow.input.name}\"", "AdaAda")]
    [InlineData("\"x=${workflow.input.missing}\"", "x=null")]
    [InlineData("\"c=${first_ref.output.a.b}\"", "c={\"c\":42}")]
    [InlineData("\"empty ${}\"", "empty ")]
    [InlineData("\"literal $${workflow.input.name}\"", "literal ${workflow.input.name}")]
    [InlineData("\"no expression\"", "no expression")]
    public void Text_around_expressions_gives_a_string(string template, string expected)
    {
        Assert.Equal(expected, (string?)Resolve(template));
    }

    // Real server: ParametersUtils.java#replace(Map, Object).
    [Fact]
    public void Expressions_inside_objects_and_arrays_are_resolved_and_other_values_kept()
    {
        var resolved = Resolve("""{ "list": [ "${workflow.input.count}", [ "${workflow.input.name}" ], { "n": 1 } ], "none": null, "number": 7 }""");
        Assert.Equal("""{"list":[3,["Ada"],{"n":1}],"none":null,"number":7}""", resolved!.ToJsonString());
    }

    // Real server: ParametersUtils.java#getTaskInputV2 clones the input template.
    [Fact]
    public void Resolving_does_not_change_the_template_or_share_nodes_with_the_context()
    {
        var template = new JsonObject { ["all"] = "${workflow.input}" };
        var first = ParameterResolver.ResolveObject(template, Context);
        first["all"]!["name"] = "changed";

        Assert.Equal("${workflow.input}", (string?)template["all"]);
        Assert.Equal("Ada", (string?)Context["workflow"]!["input"]!["name"]);
    }
}
