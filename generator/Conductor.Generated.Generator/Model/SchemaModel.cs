namespace Conductor.Generated.Generator.Model;

/// <summary>
/// A JSON Schema of a .NET type, as plain values. Property names of user types are kept as the
/// C# names (with any <c>[JsonPropertyName]</c>) until the JSON context's naming policy is known.
/// </summary>
/// <param name="Type">The JSON type (<c>string</c>, <c>integer</c>, ...), or <see langword="null"/> for any value.</param>
/// <param name="Format">A <c>format</c> such as <c>uuid</c> or <c>date-time</c>.</param>
/// <param name="IsNullable">Whether <c>null</c> is allowed as well.</param>
/// <param name="EnumValues">The allowed strings of an enum.</param>
/// <param name="Items">The element schema of an array.</param>
/// <param name="AdditionalProperties">The value schema of a dictionary.</param>
/// <param name="Properties">The properties of a user type.</param>
/// <param name="Minimum">The smallest integer a narrow integer type holds.</param>
/// <param name="Maximum">The largest integer a narrow integer type holds.</param>
/// <param name="Keywords">Further keywords whose values are written as they are (<c>uniqueItems</c>: <c>true</c>).</param>
/// <param name="Description">The XML documentation of the member, if any.</param>
internal sealed record SchemaModel(
    string? Type,
    string? Format,
    bool IsNullable,
    EquatableArray<string> EnumValues,
    SchemaModel? Items,
    SchemaModel? AdditionalProperties,
    EquatableArray<SchemaPropertyModel> Properties,
    string? Minimum,
    string? Maximum,
    EquatableArray<SchemaKeyword> Keywords,
    string? Description)
{
    public static SchemaModel Any { get; } = Of(null);

    public static SchemaModel Of(string? type, string? format = null) =>
        new(type, format, false, EquatableArray<string>.Empty, null, null, EquatableArray<SchemaPropertyModel>.Empty, null, null, EquatableArray<SchemaKeyword>.Empty, null);
}

/// <summary>One property of a user type's schema.</summary>
/// <param name="ClrName">The C# name, to which the naming policy applies.</param>
/// <param name="ExplicitName">The <c>[JsonPropertyName]</c>, used as it is.</param>
/// <param name="IsRequired">A <c>required</c> member or one marked <c>[JsonRequired]</c>.</param>
internal sealed record SchemaPropertyModel(string ClrName, string? ExplicitName, SchemaModel Schema, bool IsRequired);

/// <summary>A schema keyword with a JSON literal value, such as <c>"maxLength": 1</c>.</summary>
internal sealed record SchemaKeyword(string Name, string JsonValue);
