using System.Globalization;
using System.Text;

namespace Conductor.Generated.Testing;

/// <summary>
/// The <c>query</c> of the search routes, in the real server's syntax (its indexing modules'
/// query parser, for example es7-persistence's Expression and NameValue): conditions
/// <c>field = value</c>, <c>field != value</c>, <c>field &gt; value</c>, <c>field &lt; value</c>
/// and <c>field IN (a,b,...)</c>, joined by <c>AND</c> and <c>OR</c> (AND binds tighter), values
/// bare or in double or single quotes. Times compare as epoch milliseconds or ISO-8601 text. A query the
/// parser cannot read is refused with the reason.
/// </summary>
internal sealed class SearchQuery
{
    private readonly List<List<Condition>> _anyOf;

    private SearchQuery(List<List<Condition>> anyOf) => _anyOf = anyOf;

    public static SearchQuery Parse(string? query)
    {
        var anyOf = new List<List<Condition>>();
        if (string.IsNullOrWhiteSpace(query))
        {
            return new SearchQuery(anyOf);
        }

        var tokens = Tokenize(query);
        var position = 0;
        var allOf = new List<Condition>();
        while (position < tokens.Count)
        {
            allOf.Add(ReadCondition(tokens, ref position, query));
            if (position == tokens.Count)
            {
                break;
            }

            var joiner = tokens[position++];
            if (joiner.Equals("OR", StringComparison.OrdinalIgnoreCase))
            {
                anyOf.Add(allOf);
                allOf = [];
            }
            else if (!joiner.Equals("AND", StringComparison.OrdinalIgnoreCase))
            {
                throw Invalid(query, $"expected AND or OR, found '{joiner}'");
            }
        }

        anyOf.Add(allOf);
        return new SearchQuery(anyOf);
    }

    /// <summary>True when the item's fields meet the query (always, for an empty query).</summary>
    public bool Matches(Func<string, string?> field) =>
        _anyOf.Count == 0 || _anyOf.Exists(allOf => allOf.TrueForAll(condition => condition.Matches(field(condition.Field))));

    private static Condition ReadCondition(List<string> tokens, ref int position, string query)
    {
        if (position + 2 > tokens.Count)
        {
            throw Invalid(query, "a condition needs a field, an operator and a value");
        }

        var field = tokens[position++];
        var op = tokens[position++];
        if (op.Equals("IN", StringComparison.OrdinalIgnoreCase))
        {
            if (position >= tokens.Count || tokens[position] != "(")
            {
                throw Invalid(query, $"IN for '{field}' needs a list in parentheses");
            }

            position++;
            var values = new List<string>();
            while (position < tokens.Count && tokens[position] != ")")
            {
                if (tokens[position] != ",")
                {
                    values.Add(Unquote(tokens[position]));
                }

                position++;
            }

            if (position >= tokens.Count)
            {
                throw Invalid(query, $"the list of '{field}' is not closed");
            }

            position++;
            return new Condition(field, "IN", values);
        }

        if (op is not ("=" or "!=" or ">" or "<") || position >= tokens.Count)
        {
            throw Invalid(query, $"unsupported operator '{op}' after '{field}'");
        }

        return new Condition(field, op, [Unquote(tokens[position++])]);
    }

    private static List<string> Tokenize(string query)
    {
        var tokens = new List<string>();
        var index = 0;
        while (index < query.Length)
        {
            var c = query[index];
            if (char.IsWhiteSpace(c))
            {
                index++;
            }
            else if (c is '(' or ')' or ',')
            {
                tokens.Add(c.ToString());
                index++;
            }
            else if (c is '"' or '\'')
            {
                // Double or single quotes, as the index query parsers read them (ConstValue#_parse;
                // SqliteIndexQueryBuilder and PostgresIndexQueryBuilder strip both).
                var end = query.IndexOf(c, index + 1);
                if (end < 0)
                {
                    throw Invalid(query, "a quoted value is not closed");
                }

                tokens.Add(query[index..(end + 1)]);
                index = end + 1;
            }
            else if (c is '=' or '>' or '<' || (c == '!' && index + 1 < query.Length && query[index + 1] == '='))
            {
                var length = c == '!' ? 2 : 1;
                tokens.Add(query.Substring(index, length));
                index += length;
            }
            else
            {
                var word = new StringBuilder();
                while (index < query.Length && !char.IsWhiteSpace(query[index]) && query[index] is not ('(' or ')' or ',' or '=' or '>' or '<' or '"' or '\'' or '!'))
                {
                    word.Append(query[index++]);
                }

                if (word.Length == 0)
                {
                    throw Invalid(query, $"unexpected '{query[index]}'");
                }

                tokens.Add(word.ToString());
            }
        }

        return tokens;
    }

    private static string Unquote(string token) =>
        token.Length >= 2 && token[0] is ('"' or '\'') && token[^1] == token[0] ? token[1..^1] : token;

    private static ConductorApiException Invalid(string query, string reason) =>
        ConductorApiException.BadRequest($"Invalid search query '{query}': {reason}");

    private sealed record Condition(string Field, string Operator, List<string> Values)
    {
        public bool Matches(string? actual) => Operator switch
        {
            "=" => actual is not null && Values[0] == actual,
            "!=" => actual is null || Values[0] != actual,
            "IN" => actual is not null && Values.Contains(actual),
            ">" => Compare(actual, Values[0]) > 0,
            "<" => Compare(actual, Values[0]) < 0,
            _ => false,
        };

        /// <summary>Numbers (and times, as epoch milliseconds) by value; anything else by text. Null when absent.</summary>
        private static int? Compare(string? actual, string expected)
        {
            if (actual is null)
            {
                return null;
            }

            if (AsNumber(actual) is { } left && AsNumber(expected) is { } right)
            {
                return left.CompareTo(right);
            }

            return string.CompareOrdinal(actual, expected);
        }

        private static double? AsNumber(string text)
        {
            if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
            {
                return number;
            }

            return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)
                ? time.ToUnixTimeMilliseconds()
                : null;
        }
    }
}
