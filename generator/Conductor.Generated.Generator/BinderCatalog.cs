using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Conductor.Generated.Generator.Model;

namespace Conductor.Generated.Generator;

/// <summary>
/// The readers, writers and enum tables of an assembly's workers, each declared once in the
/// generated <c>Binders</c> class and named after its type, so that every worker that binds a
/// type refers to the same field.
/// </summary>
internal sealed class BinderCatalog
{
    private const string Binding = "global::Conductor.Generated.Binding.";

    private readonly List<BinderFieldModel> _enumTables = [];
    private readonly List<BinderFieldModel> _fields = [];
    private readonly Dictionary<string, string> _nameOfField = new(StringComparer.Ordinal);
    private readonly HashSet<string> _usedNames = new(StringComparer.Ordinal);

    /// <summary>The fields in the order they are declared: enum tables first, as readers and writers use them.</summary>
    public EquatableArray<BinderFieldModel> Fields => _enumTables.Concat(_fields).ToEquatableArray();

    /// <summary>The field that reads <paramref name="type"/> from input.</summary>
    public string ReaderFor(TypeModel type) =>
        Field(Binding + "IInputReader<" + type.FullName + ">", Identifier(type) + "Reader", Reader(type));

    /// <summary>The field that writes <paramref name="type"/> as output.</summary>
    public string WriterFor(TypeModel type) =>
        Field(Binding + "IOutputWriter<" + type.FullName + ">", Identifier(type) + "Writer", Writer(type));

    private string Field(string fieldType, string name, string initializer)
    {
        var key = fieldType + "=" + initializer;
        if (_nameOfField.TryGetValue(key, out var existing))
        {
            return existing;
        }

        var unique = Unique(name);
        _nameOfField.Add(key, unique);
        _fields.Add(new BinderFieldModel(fieldType, unique, initializer));
        return unique;
    }

    private string Unique(string name)
    {
        var unique = name;
        for (var number = 2; !_usedNames.Add(unique); number++)
        {
            unique = name + number.ToString(CultureInfo.InvariantCulture);
        }

        return unique;
    }

    private string Reader(TypeModel type)
    {
        if (type.Kind == BindingKind.NullableValue)
        {
            return Binding + "InputReaders.Nullable(" + Reader(type.Element!) + ")";
        }

        var reader = NonNullableReader(type);
        return type.IsNullable && !type.IsValueType && type.Kind != BindingKind.JsonElement
            ? Binding + "InputReaders.NullableReference<" + type.NonNullableFullName + ">(" + reader + ")"
            : reader;
    }

    private string NonNullableReader(TypeModel type) => type.Kind switch
    {
        BindingKind.Enum => Binding + "InputReaders.Enum(" + EnumTable(type) + ")",
        BindingKind.Array => Binding + "InputReaders.ArrayOf<" + type.Element!.FullName + ">(" + Reader(type.Element) + ")",
        BindingKind.List => Binding + "InputReaders.ListOf<" + type.Element!.FullName + ">(" + Reader(type.Element) + ")",
        BindingKind.Set => Binding + "InputReaders.SetOf<" + type.Element!.FullName + ">(" + Reader(type.Element) + ")",
        BindingKind.ImmutableArray => Binding + "InputReaders.ImmutableArrayOf<" + type.Element!.FullName + ">(" + Reader(type.Element) + ")",
        BindingKind.Dictionary => Binding + "InputReaders.DictionaryOf<" + type.Element!.FullName + ">(" + Reader(type.Element) + ")",
        BindingKind.Json when type.NestedEnums.Count > 0 => Binding + "InputReaders.JsonWithEnumNames<" + type.NonNullableFullName + ">(" + type.JsonContext + ".Default, " + EnumNamesList(type) + ")",
        BindingKind.Json => Binding + "InputReaders.Json<" + type.NonNullableFullName + ">(" + type.JsonContext + ".Default)",
        _ => Binding + "InputReaders." + type.Kind,
    };

    private string Writer(TypeModel type) => type.Kind switch
    {
        BindingKind.NullableValue => Binding + "OutputWriters.Nullable(" + Writer(type.Element!) + ")",
        BindingKind.Enum => Binding + "OutputWriters.Enum(" + EnumTable(type) + ")",
        BindingKind.ImmutableArray => Binding + "OutputWriters.ImmutableArrayOf<" + type.Element!.FullName + ">(" + Writer(type.Element) + ")",
        BindingKind.Array or BindingKind.List or BindingKind.Set => Binding + "OutputWriters.SequenceOf<" + type.Element!.FullName + ">(" + Writer(type.Element) + ")",
        BindingKind.Dictionary => Binding + "OutputWriters.DictionaryOf<" + type.Element!.FullName + ">(" + Writer(type.Element) + ")",
        BindingKind.Json when type.NestedEnums.Count > 0 => Binding + "OutputWriters.JsonWithEnumNames<" + type.FullName + ">(" + type.JsonContext + ".Default, " + EnumNamesList(type) + ")",
        BindingKind.Json => Binding + "OutputWriters.Json<" + type.FullName + ">(" + type.JsonContext + ".Default)",
        BindingKind.JsonObject or BindingKind.JsonArray => Binding + "OutputWriters.JsonNode",
        _ => Binding + "OutputWriters." + type.Kind,
    };

    /// <summary>The enums inside a JSON-bound type, to be bound by name: <c>EnumNames.For&lt;E&gt;()</c>, …</summary>
    private static string EnumNamesList(TypeModel type) =>
        string.Join(", ", type.NestedEnums.Select(name => Binding + "EnumNames.For<" + name + ">()"));

    /// <summary>The field holding an enum's member table, declared once per enum type.</summary>
    private string EnumTable(TypeModel type)
    {
        var enumType = type.NonNullableFullName;
        var key = "enum=" + enumType;
        if (_nameOfField.TryGetValue(key, out var existing))
        {
            return existing;
        }

        var name = Unique(Identifier(type with { IsNullable = false }) + "Members");
        var members = type.EnumMembers.Select(member =>
            "    (" + WorkerGenerator.Emitter.Literal(member.JsonName) + ", " + enumType + "." + WorkerGenerator.Parser.EscapeKeyword(member.Name) + ", " + member.NumberLiteral + "),");
        var initializer = "new(new (string, " + enumType + ", decimal)[]\n"
            + "{\n" + string.Join("\n", members) + (type.EnumMembers.Count > 0 ? "\n" : "") + "})";
        _nameOfField.Add(key, name);
        _enumTables.Add(new BinderFieldModel(Binding + "EnumTable<" + enumType + ">", name, initializer));
        return name;
    }

    /// <summary>A readable identifier for a type: <c>Order</c>, <c>NullableInt32</c>, <c>ListOfString</c>, <c>Int32Array</c>.</summary>
    private static string Identifier(TypeModel type)
    {
        var nullable = type.IsNullable && !type.IsValueType ? "Nullable" : "";
        return type.Kind switch
        {
            BindingKind.NullableValue => "Nullable" + Identifier(type.Element!),
            BindingKind.Array => nullable + Identifier(type.Element!) + "Array",
            BindingKind.List => nullable + "ListOf" + Identifier(type.Element!),
            BindingKind.Set => nullable + "SetOf" + Identifier(type.Element!),
            BindingKind.ImmutableArray => "ImmutableArrayOf" + Identifier(type.Element!),
            BindingKind.Dictionary => nullable + "DictionaryOf" + Identifier(type.Element!),
            BindingKind.Json or BindingKind.Enum => nullable + SimpleName(type.LookupName),
            _ => nullable + type.Kind,
        };
    }

    /// <summary>The type's name without namespace or containing types, its type arguments spelled out: <c>EnvelopeOfOrder</c>.</summary>
    private static string SimpleName(string lookupName)
    {
        var text = lookupName.Replace("global::", "");
        var result = new System.Text.StringBuilder();
        var identifierStart = 0;
        foreach (var character in text)
        {
            if (character == '.')
            {
                // Drop the namespace or containing type just written.
                result.Length = identifierStart;
            }
            else if (char.IsLetterOrDigit(character) || character == '_')
            {
                result.Append(result.Length == identifierStart ? char.ToUpperInvariant(character) : character);
            }
            else
            {
                result.Append(character switch { '<' => "Of", ',' => "And", '[' => "Array", _ => "" });
                identifierStart = result.Length;
            }
        }

        return result.ToString();
    }
}
