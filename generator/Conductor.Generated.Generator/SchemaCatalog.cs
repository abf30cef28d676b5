using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace Conductor.Generated.Generator;

/// <summary>
/// The JSON Schemas of objects and enums, each built once per assembly and spliced into every task
/// definition that uses it. A schema's text stands in a task definition's JSON as
/// <see cref="Marker"/> + name + <see cref="Marker"/> while the definitions are written;
/// <see cref="Expand"/> splices the texts in. (The generated code used to hold each schema as a
/// constant of <c>Binders</c>, joined to the definitions with <c>+</c>: with no per-worker constants
/// left, literal text costs the compiler less than constant expressions, see docs/performance.md.)
/// </summary>
internal sealed class SchemaCatalog
{
    /// <summary>Cannot occur in the JSON text otherwise: the JSON writer escapes control characters.</summary>
    public const char Marker = '\0';

    private readonly Dictionary<string, string> _nameOfText = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _textOfName = new(StringComparer.Ordinal);
    /// <summary>The reference to put in the JSON for <paramref name="text"/> (a schema's members and closing brace).</summary>
    public string Reference(string text)
    {
        if (!_nameOfText.TryGetValue(text, out var name))
        {
            // Named after the text, not the order of use, so that one worker's change renames nothing of another's.
            var baseName = "Schema" + Hash(text).ToString("x8", CultureInfo.InvariantCulture);
            name = baseName;
            for (var number = 2; _textOfName.ContainsKey(name); number++)
            {
                name = baseName + "_" + number.ToString(CultureInfo.InvariantCulture);
            }

            _nameOfText.Add(text, name);
            _textOfName.Add(name, text);
        }

        return Marker + name + Marker;
    }

    /// <summary>The JSON text with every reference replaced by its schema's text, itself expanded.</summary>
    public string Expand(string text)
    {
        if (text.IndexOf(Marker) < 0)
        {
            return text;
        }

        var parts = text.Split(Marker);
        var expanded = new StringBuilder();
        for (var index = 0; index < parts.Length; index++)
        {
            // The task name's reference of a definition template stays for TaskDefinitionWriter.FromTemplate.
            expanded.Append(index % 2 == 0 ? parts[index]
                : _textOfName.TryGetValue(parts[index], out var schema) ? Expand(schema)
                : Marker + parts[index] + Marker);
        }

        return expanded.ToString();
    }

    /// <summary>The C# constant expression of JSON text with references: literals and constant names joined by <c>+</c>.</summary>
    public static string ToCSharp(string text, string namePrefix)
    {
        var parts = text.Split(Marker);
        var terms = new List<string>();
        for (var index = 0; index < parts.Length; index++)
        {
            if (index % 2 == 1)
            {
                terms.Add(namePrefix + parts[index]);
            }
            else if (parts[index].Length > 0 || parts.Length == 1)
            {
                terms.Add("@\"" + parts[index].Replace("\"", "\"\"") + "\"");
            }
        }

        return string.Join(" + ", terms);
    }

    // FNV-1a: stable across processes, unlike string.GetHashCode.
    internal static uint Hash(string text)
    {
        var hash = 2166136261u;
        foreach (var character in text)
        {
            hash = unchecked((hash ^ character) * 16777619u);
        }

        return hash;
    }
}
