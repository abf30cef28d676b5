using System.Text.Json.Nodes;

namespace Conductor.Generated.Testing.Tests;

// The real server reads ${...} with Jayway JsonPath and Option.SUPPRESS_EXCEPTIONS
// (core/src/main/java/com/netflix/conductor/core/utils/ParametersUtils.java, #getTaskInputV2 and
// #replaceVariables, which also catches every exception and reads null). Expected values below
// follow Jayway's source (json-path/src/main/java/com/jayway/jsonpath/, version 2.9.0): the class
// and method named beside each case.
public sealed class JsonPathTests
{
    private static readonly JsonNode Document = JsonNode.Parse("""
        {
          "store": {
            "book": [
              { "category": "reference", "author": "Nigel Rees", "title": "Sayings", "price": 8.95 },
              { "category": "fiction", "author": "Evelyn Waugh", "title": "Sword", "price": 12.99 },
              { "category": "fiction", "author": "Herman Melville", "title": "Moby Dick", "isbn": "0-553-21311-3", "price": 8.99 },
              { "category": "fiction", "author": "J. R. R. Tolkien", "title": "The Lord", "isbn": "0-395-19395-8", "price": 22.99 }
            ],
            "bicycle": { "color": "red", "price": 19.95 }
          },
          "expensive": 10,
          "nums": [1, 2, 3, 4],
          "tags": ["a", "b", "c"],
          "empty": [],
          "nothing": null,
          "one": [7],
          "items": [ { "id": 1, "tags": ["a", "b"], "code": "X-1" }, { "id": 2, "tags": ["c"], "flag": true } ]
        }
        """)!;

    private static string Read(string path) => JsonPathQuery.Compile(path).Read(Document)?.ToJsonString() ?? "null";

    // Definite paths read one value, or null when nothing matches (JsonPath#read with
    // SUPPRESS_EXCEPTIONS; EvaluationContextImpl#getValue; PathToken#handleObjectProperty and
    // #handleArrayIndex skip what is missing; PathCompiler#compile puts "$." before a path
    // without $ or @).
    [Theory]
    [InlineData("$.store.bicycle.color", "\"red\"")]
    [InlineData("store.bicycle.color", "\"red\"")]
    [InlineData("$['store']['bicycle']['color']", "\"red\"")]
    [InlineData("$[\"store\"].bicycle[ 'color' ]", "\"red\"")]
    [InlineData("$.store.book[0].author", "\"Nigel Rees\"")]
    [InlineData("$.store.book[-1].author", "\"J. R. R. Tolkien\"")]
    [InlineData("$.store.book.[1].title", "\"Sword\"")]
    [InlineData("$.store.book[9]", "null")]
    [InlineData("$.store.book[-9]", "null")]
    [InlineData("$.missing", "null")]
    [InlineData("$.missing.deeper", "null")]
    [InlineData("$.nothing", "null")]
    [InlineData("$.expensive.deeper", "null")]
    [InlineData("$.tags.color", "null")]
    [InlineData("$.store.bicycle['color','price']", "{\"color\":\"red\",\"price\":19.95}")]
    [InlineData("$.store.bicycle['color','wheels']", "{\"color\":\"red\"}")]
    [InlineData("$.nums", "[1,2,3,4]")]
    [InlineData("@.expensive", "10")]
    public void A_definite_path_reads_one_value_or_null(string path, string expected)
    {
        Assert.Equal(expected, Read(path));
    }

    // Indefinite paths read a list of the matches in document order, empty when nothing matches
    // (JsonPath#read; WildcardPathToken, ScanPathToken#walk, ArrayIndexToken, ArraySliceToken,
    // PropertyPathToken with several names before a further step).
    [Theory]
    [InlineData("$.store.book[*].author", "[\"Nigel Rees\",\"Evelyn Waugh\",\"Herman Melville\",\"J. R. R. Tolkien\"]")]
    [InlineData("$.store.book.*.title", "[\"Sayings\",\"Sword\",\"Moby Dick\",\"The Lord\"]")]
    [InlineData("$.store.*.color", "[\"red\"]")]
    [InlineData("$.store.bicycle.*", "[\"red\",19.95]")]
    [InlineData("$..author", "[\"Nigel Rees\",\"Evelyn Waugh\",\"Herman Melville\",\"J. R. R. Tolkien\"]")]
    [InlineData("$..price", "[8.95,12.99,8.99,22.99,19.95]")]
    [InlineData("$.store..price", "[8.95,12.99,8.99,22.99,19.95]")]
    [InlineData("$..missing", "[]")]
    [InlineData("$..book[2].title", "[\"Moby Dick\"]")]
    [InlineData("$..nums[1]", "[2]")]
    [InlineData("$.tags..*", "[\"a\",\"b\",\"c\"]")]
    [InlineData("$.store.book[*].isbn", "[\"0-553-21311-3\",\"0-395-19395-8\"]")]
    [InlineData("$.store.book[0,2].title", "[\"Sayings\",\"Moby Dick\"]")]
    [InlineData("$.store.book[2,0,9].title", "[\"Moby Dick\",\"Sayings\"]")]
    [InlineData("$.store.book[:2].title", "[\"Sayings\",\"Sword\"]")]
    [InlineData("$.store.book[1:2].title", "[\"Sword\"]")]
    [InlineData("$.store.book[-2:].title", "[\"Moby Dick\",\"The Lord\"]")]
    [InlineData("$.store.book[2:].title", "[\"Moby Dick\",\"The Lord\"]")]
    [InlineData("$.nums[:-1]", "[1,2,3]")]
    [InlineData("$.nums[-3:-1]", "[2,3]")]
    [InlineData("$.nums[1:-1]", "[]")]
    [InlineData("$.nums[0:10]", "[1,2,3,4]")]
    [InlineData("$.nums[0:4:2]", "[1,2,3,4]")]
    [InlineData("$.nums[9:]", "[]")]
    [InlineData("$.empty[*]", "[]")]
    [InlineData("$.missing[*]", "[]")]
    [InlineData("$.nothing[*]", "[]")]
    [InlineData("$.store['bicycle','book'].color", "[\"red\"]")]
    [InlineData("$.items[*].flag", "[true]")]
    public void An_indefinite_path_reads_a_list_of_the_matches(string path, string expected)
    {
        Assert.Equal(expected, Read(path));
    }

    // Filters (FilterCompiler, RelationalExpressionNode, LogicalExpressionNode, EvaluatorFactory;
    // PredicatePathToken#evaluate keeps the array elements that pass, or an object that passes).
    [Theory]
    [InlineData("$.store.book[?(@.isbn)].title", "[\"Moby Dick\",\"The Lord\"]")]
    [InlineData("$.store.book[?(!@.isbn)].title", "[\"Sayings\",\"Sword\"]")]
    [InlineData("$.store.book[?(@.price < 10)].title", "[\"Sayings\",\"Moby Dick\"]")]
    [InlineData("$.store.book[?(@.price<=8.99)].title", "[\"Sayings\",\"Moby Dick\"]")]
    [InlineData("$.store.book[?(@.price > 20)].title", "[\"The Lord\"]")]
    [InlineData("$.store.book[?(@.price >= 22.99)].title", "[\"The Lord\"]")]
    [InlineData("$.store.book[?(@.price < $.expensive)].title", "[\"Sayings\",\"Moby Dick\"]")]
    [InlineData("$.store.book[?(@.category == 'fiction' && @.price > 20)].title", "[\"The Lord\"]")]
    [InlineData("$.store.book[?(@.category == \"reference\" || @.price > 20)].title", "[\"Sayings\",\"The Lord\"]")]
    [InlineData("$.store.book[?(@.category != 'fiction')].title", "[\"Sayings\"]")]
    [InlineData("$.store.book[?(!(@.category == 'fiction'))].title", "[\"Sayings\"]")]
    [InlineData("$.store.book[?((@.price < 9 || @.price > 20) && @.isbn)].title", "[\"Moby Dick\",\"The Lord\"]")]
    [InlineData("$.store.book[?(@.author =~ /.*REES/i)].title", "[\"Sayings\"]")]
    [InlineData("$.store.book[?(@.author =~ /Rees/)].title", "[]")]
    [InlineData("$.store.book[?(@.price =~ /8\\..*/)].title", "[\"Sayings\",\"Moby Dick\"]")]
    [InlineData("$.store.book[?(@.category in ['reference', 'poetry'])].title", "[\"Sayings\"]")]
    [InlineData("$.store.book[?(@.category nin ['fiction'])].title", "[\"Sayings\"]")]
    [InlineData("$.store.book[?(@.category in [\"fiction\"])].title", "[\"Sword\",\"Moby Dick\",\"The Lord\"]")]
    [InlineData("$.store.book[?(@.price == '8.95')].title", "[\"Sayings\"]")]
    [InlineData("$.store.book[?(@.isbn == null)].title", "[\"Sayings\",\"Sword\"]")]
    [InlineData("$.store.book[?(@.title size 5)].title", "[\"Sword\"]")]
    [InlineData("$.store.book[?(@.title contains 'Lord')].title", "[\"The Lord\"]")]
    [InlineData("$.store.book[?(@.title === 'Sword')].title", "[\"Sword\"]")]
    [InlineData("$.store.book[?(@.price === '12.99')].title", "[]")]
    [InlineData("$.store.bicycle[?(@.color == 'red')].price", "[19.95]")]
    [InlineData("$.store.bicycle[?(@.color == 'blue')].price", "[]")]
    [InlineData("$..book[?(@.price > 20)].author", "[\"J. R. R. Tolkien\"]")]
    [InlineData("$..[?(@.color)].price", "[19.95]")]
    [InlineData("$.tags[?(@ == 'b')]", "[\"b\"]")]
    [InlineData("$.nums[?(@ > 2)]", "[3,4]")]
    [InlineData("$.nums[?(1 == 1)]", "[1,2,3,4]")]
    [InlineData("$.items[?(@.tags subsetof ['a', 'b', 'x'])].id", "[1]")]
    [InlineData("$.items[?(@.tags anyof ['c', 'z'])].id", "[2]")]
    [InlineData("$.items[?(@.tags noneof ['a'])].id", "[2]")]
    [InlineData("$.items[?(@.tags contains 'a')].id", "[1]")]
    [InlineData("$.items[?(@.tags size 1)].id", "[2]")]
    [InlineData("$.items[?(@.tags empty false)].id", "[1,2]")]
    [InlineData("$.items[?(@.flag == true)].id", "[2]")]
    [InlineData("$.items[?(@.tags == ['c'])].id", "[2]")]
    [InlineData("$.items[?(@.tags.length() > 1)].id", "[1]")]
    [InlineData("$.items[?(@.tags[0] == 'c')].id", "[2]")]
    [InlineData("$.items[?(@.id in $.nums)].id", "[1,2]")]
    [InlineData("$.items[?(@.tags all ['a'])].id", "[]")]
    [InlineData("$.items[?(@.id type 'number')].id", "[]")]
    public void A_filter_keeps_what_passes(string path, string expected)
    {
        Assert.Equal(expected, Read(path));
    }

    // Functions at the end of a path (PathFunctionFactory; AbstractAggregation returns Java
    // Doubles, written as Double#toString writes them; Length; Concatenate; Append;
    // KeySetFunction; AbstractSequenceAggregation).
    [Theory]
    [InlineData("$.nums.length()", "4")]
    [InlineData("$.nums.size()", "4")]
    [InlineData("$.store.bicycle.length()", "2")]
    [InlineData("$.store.bicycle.color.length()", "null")]
    [InlineData("$.nums.sum()", "10.0")]
    [InlineData("$.nums.avg()", "2.5")]
    [InlineData("$.nums.min()", "1.0")]
    [InlineData("$.nums.max()", "4.0")]
    [InlineData("$.nums.stddev()", "1.118033988749895")]
    [InlineData("$.nums.sum(10, $.expensive)", "30.0")]
    [InlineData("$.tags.concat()", "\"abc\"")]
    [InlineData("$.tags.concat(\"-\", $.expensive)", "\"abc-10\"")]
    [InlineData("$.tags.first()", "\"a\"")]
    [InlineData("$.tags.last()", "\"c\"")]
    [InlineData("$.tags.index(1)", "\"b\"")]
    [InlineData("$.tags.index(-1)", "\"c\"")]
    [InlineData("$.store.bicycle.keys()", "[\"color\",\"price\"]")]
    [InlineData("$.tags.append(\"d\")", "[\"a\",\"b\",\"c\",\"d\"]")]
    [InlineData("$.store.book[*].price.length()", "[null,null,null,null]")]
    // CompiledPath#invertScannerFunctionRelationship: $..x.fn() runs as $.fn($..x) (Jayway's own
    // Issue_786 test reads 4 for $..book.length() over four books).
    [InlineData("$..price.sum()", "73.87")]
    [InlineData("$..book.length()", "4")]
    public void A_function_reads_from_the_value_before_it(string path, string expected)
    {
        Assert.Equal(expected, Read(path));
    }

    // Jayway throws while evaluating these, which ParametersUtils#replaceVariables turns into null:
    // AbstractAggregation over no numbers (an aggregation after [*] runs once per match, on a
    // number), AbstractSequenceAggregation on an empty array, on a non-array, or last() of a
    // one-element array (it needs the index to land after the first element), a function
    // PathFunctionFactory does not know, a filter on a scalar (PredicatePathToken#evaluate).
    [Theory]
    [InlineData("$.empty.sum()")]
    [InlineData("$.store.book[*].price.sum()")]
    [InlineData("$.tags.avg()")]
    [InlineData("$.empty.first()")]
    [InlineData("$.expensive.first()")]
    [InlineData("$.one.last()")]
    [InlineData("$.tags.index(5)")]
    [InlineData("$.tags.reverse()")]
    [InlineData("$.expensive[?(@.x)]")]
    public void An_evaluation_error_reads_null(string path)
    {
        Assert.Null(ParameterResolver.ReadPath(Document, path));
    }

    // PathCompiler#compile throws InvalidPathException, which ParametersUtils#replaceVariables
    // catches: null. A leading blank counts (the "$." goes in front of it).
    [Theory]
    [InlineData("$.store.")]
    [InlineData("$.store..")]
    [InlineData("$...store")]
    [InlineData(" store.bicycle")]
    [InlineData("$.store bicycle")]
    [InlineData("$x")]
    [InlineData("$.nums[1 2]")]
    [InlineData("$.nums[1: 2]")]
    [InlineData("$.nums[?]")]
    [InlineData("$.nums[?(@ >)]")]
    [InlineData("$.nums[?(@ ~~ 1)]")]
    [InlineData("$['a'")]
    [InlineData("$['a' 'b']")]
    [InlineData("$.tags.concat(")]
    public void A_path_Jayway_cannot_compile_reads_null(string path)
    {
        Assert.Throws<JsonPathSyntaxException>(() => JsonPathQuery.Compile(path));
        Assert.Null(ParameterResolver.ReadPath(Document, path));
    }

    // PathCompiler#compile trims the path after the "$." goes in front, so only a leading blank
    // fails; and it reads no token from a single character left at the end
    // (CharacterIndex#currentIsTail), so a lone trailing "[" is ignored.
    [Fact]
    public void Trailing_blanks_are_trimmed_but_not_leading_ones_and_a_last_character_alone_is_not_read()
    {
        Assert.Equal("\"red\"", Read("$.store.bicycle.color "));
        Assert.Null(ParameterResolver.ReadPath(Document, " $.store.bicycle.color"));
        Assert.Equal("[1,2,3,4]", Read("$.nums["));
    }

    // What this server does not implement: the run fails naming it (docs/test-server.md).
    [Theory]
    [InlineData("$..[0].title", "a deep scan '..' followed by an array index or slice and further steps")]
    [InlineData("$..*.title", "a deep scan '..' followed by '*' and further steps")]
    [InlineData("$.tags[?(@ =~ /a/d)]", "the regular expression flag 'd' in /a/d")]
    public void What_is_not_implemented_is_refused_by_name(string path, string construct)
    {
        var refused = Assert.Throws<TerminateWorkflowException>(() => ParameterResolver.ReadPath(Document, path, "${" + path + "}"));
        Assert.Equal($"The JSONPath expression '${{{path}}}' uses {construct}, which is not supported by the Conductor test server", refused.Message);
    }

    // Java's Double#toString, as the real server writes a function's Double result.
    [Theory]
    [InlineData(6.0, "6.0")]
    [InlineData(0.5, "0.5")]
    [InlineData(-2.25, "-2.25")]
    [InlineData(0.001, "0.001")]
    [InlineData(0.0001, "1.0E-4")]
    [InlineData(1e7, "1.0E7")]
    [InlineData(12345678.9, "1.23456789E7")]
    [InlineData(9999999.0, "9999999.0")]
    [InlineData(0.0, "0.0")]
    [InlineData(4.9E-324, "4.9E-324")]
    public void Doubles_are_written_as_Java_writes_them(double value, string expected)
    {
        Assert.Equal(expected, JsonPathFunctions.JavaDouble(value)!.ToJsonString());
    }

    // Max starts from Double.MIN_VALUE, the smallest positive double (numeric/Max.java).
    [Fact]
    public void Max_of_negative_numbers_is_the_smallest_positive_double_as_in_Jayway()
    {
        Assert.Equal("4.9E-324", JsonPathQuery.Compile("$.n.max()").Read(JsonNode.Parse("""{"n":[-3,-1]}"""))!.ToJsonString());
    }

    // A result is a copy: changing it leaves the document as it was.
    [Fact]
    public void Results_do_not_share_nodes_with_the_document()
    {
        var list = JsonPathQuery.Compile("$.store.book[*]").Read(Document)!.AsArray();
        list[0]!["title"] = "changed";
        JsonPathQuery.Compile("$.tags.append(\"z\")").Read(Document);
        Assert.Equal("\"Sayings\"", Read("$.store.book[0].title"));
        Assert.Equal("[\"a\",\"b\",\"c\"]", Read("$.tags"));
    }
    // EvaluatorFactory.ExistsEvaluator, for `exists` written as an operator: both sides compared
    // as booleans; one side not a boolean makes the element not match (InvalidPathException in
    // PredicatePathToken#accept); neither side a boolean throws JsonPathException, which escapes
    // the filter, and replaceVariables reads null.
    [Theory]
    [InlineData("$.items[?(@.flag exists true)].id", "[2]")]
    [InlineData("$.items[?(@.flag exists false)].id", "[]")]
    [InlineData("$.items[?('a' exists true)].id", "[]")]
    public void Exists_written_as_an_operator_compares_booleans(string path, string expected)
    {
        Assert.Equal(expected, Read(path));
    }

    [Fact]
    public void Exists_between_two_values_that_are_not_booleans_reads_null()
    {
        Assert.Throws<JsonPathEvaluationException>(() => Read("$.items[?(@.code exists 'x')]"));
        Assert.Null(ParameterResolver.ReadPath(Document, "$.items[?(@.code exists 'x')]"));
    }

    // CompiledPath#invertScannerFunctionRelationship makes the scan the function's parameter, with
    // nothing after it: ScanPathToken#evaluate calls PathToken#next on a leaf, which throws
    // IllegalStateException, and replaceVariables reads null.
    [Theory]
    [InlineData("$..sum()")]
    [InlineData("$..avg()")]
    [InlineData("$..max()")]
    [InlineData("$..concat('x')")]
    public void A_deep_scan_straight_into_a_function_reads_null(string path)
    {
        Assert.Throws<JsonPathEvaluationException>(() => Read(path));
        Assert.Null(ParameterResolver.ReadPath(Document, path));
    }

    // ArrayPathToken#handleArrayIndex: a position below -length names no element, so a slice
    // from int.MinValue reads what a slice from -length reads (and does not count up from there).
    [Fact]
    public void A_slice_from_a_huge_negative_start_reads_as_from_minus_length()
    {
        Assert.Equal(Read("$.nums[-4:2]"), Read("$.nums[-2147483648:2]"));
        Assert.Equal("[1,2,3,4,1,2]", Read("$.nums[-2147483648:2]"));
    }

    // A path or a filter nested deeper than the stack allows reads null (the real server's
    // StackOverflowError fails that read only), instead of ending the test process.
    [Fact]
    public void A_path_nested_too_deep_for_the_stack_reads_null()
    {
        var longPath = "$" + string.Concat(Enumerable.Repeat(".a", 200_000));
        var deepFilter = "$.items[?(" + new string('!', 200_000) + "@.id)]";

        Assert.Null(ParameterResolver.ReadPath(Document, longPath));
        Assert.Null(ParameterResolver.ReadPath(Document, deepFilter));
    }
}
