using System.Text.Json.Nodes;

namespace Conductor.Generated.Testing.Tests;

public sealed class ParameterResolverTests
{
    private static readonly JsonObject Context = JsonNode.Parse("""
        {
          "workflow": { "input": { "name": "Ada", "count": 3, "flag": true, "key": "name", "wanted": "a", "items": [ { "id": "a" }, { "id": "b" } ] } },
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
    [InlineData("\"${ workflow.input.name}\"")]
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

    // Real server: ParametersUtils.java#replaceVariables reads with Jayway JsonPath: an indefinite
    // path (wildcard, deep scan, filter, slice, union) gives a list, a function its result
    // (JsonPath#read; see JsonPathTests for the path language itself).
    [Theory]
    [InlineData("\"${workflow.input.items[*].id}\"", "[\"a\",\"b\"]")]
    [InlineData("\"${workflow..id}\"", "[\"a\",\"b\"]")]
    [InlineData("\"${workflow..input.name}\"", "[\"Ada\"]")]
    [InlineData("\"${workflow.input.items[?(@.id == 'b')]}\"", "[{\"id\":\"b\"}]")]
    [InlineData("\"${workflow.input.items[?(@.id == '${workflow.input.wanted}')].id}\"", "[\"a\"]")]
    [InlineData("\"${workflow.input.items[?(@.id == 'z')]}\"", "[]")]
    [InlineData("\"${workflow.input.items[-1:]}\"", "[{\"id\":\"b\"}]")]
    [InlineData("\"${workflow.input.items.length()}\"", "2")]
    [InlineData("\"${first_ref.output.a.keys()}\"", "[\"b\"]")]
    [InlineData("\"${first_ref.output..c}\"", "[42]")]
    public void JSONPath_beyond_dotted_paths_reads_as_Jayway_reads_it(string template, string expected)
    {
        Assert.Equal(expected, Resolve(template)!.ToJsonString());
    }

    // Real server: Objects.toString of the result list, a json-smart JSONArray, which writes
    // itself as compact JSON (ParametersUtils.java#replaceVariables).
    [Theory]
    [InlineData("\"ids: ${workflow.input.items[*].id}\"", "ids: [\"a\",\"b\"]")]
    [InlineData("\"n=${workflow.input.items.length()}\"", "n=2")]
    [InlineData("\"none=${workflow.input.items[?(@.id == 'z')]}\"", "none=[]")]
    public void A_list_read_inside_text_is_written_as_JSON(string template, string expected)
    {
        Assert.Equal(expected, (string?)Resolve(template));
    }

    // What the test server does not implement fails the run, naming it (docs/test-server.md).
    [Fact]
    public void An_unsupported_JSONPath_construct_is_refused_by_name()
    {
        var refused = Assert.Throws<TerminateWorkflowException>(() => Resolve("\"x ${workflow..[0].id}\""));
        Assert.Equal(
            "The JSONPath expression '${workflow..[0].id}' uses a deep scan '..' followed by an array index or slice and further steps, which is not supported by the Conductor test server",
            refused.Message);
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
