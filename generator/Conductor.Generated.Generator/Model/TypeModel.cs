namespace Conductor.Generated.Generator.Model;

/// <summary>How a type is read from input and written to output.</summary>
internal enum BindingKind
{
    String,
    Boolean,
    SByte,
    Byte,
    Int16,
    UInt16,
    Int32,
    UInt32,
    Int64,
    UInt64,
    Double,
    Single,
    Decimal,
    Guid,
    DateTimeOffset,
    DateTime,
    TimeSpan,
    Char,
    Half,
    DateOnly,
    TimeOnly,
    Uri,
    Version,

    /// <summary><c>byte[]</c>: base64, as System.Text.Json writes it.</summary>
    ByteArray,
    JsonElement,
    JsonNode,
    JsonObject,
    JsonArray,
    Enum,

    /// <summary><c>Nullable&lt;T&gt;</c> of a supported value type (<see cref="TypeModel.Element"/>).</summary>
    NullableValue,

    /// <summary><c>T[]</c>.</summary>
    Array,

    /// <summary><c>List&lt;T&gt;</c> or an interface it implements (<c>IReadOnlyList&lt;T&gt;</c>, <c>IEnumerable&lt;T&gt;</c>, ...).</summary>
    List,

    /// <summary><c>HashSet&lt;T&gt;</c>, <c>ISet&lt;T&gt;</c> or <c>IReadOnlySet&lt;T&gt;</c>.</summary>
    Set,

    /// <summary><c>ImmutableArray&lt;T&gt;</c>.</summary>
    ImmutableArray,

    /// <summary><c>Dictionary&lt;string, T&gt;</c> or <c>IDictionary</c>/<c>IReadOnlyDictionary</c> of it.</summary>
    Dictionary,

    /// <summary>Any other type: read and written through a user's <c>JsonSerializerContext</c>.</summary>
    Json,
}

/// <summary>One enum member: its C# name, the name JSON uses for it, and its constant as a C# literal.</summary>
internal sealed record EnumMemberModel(string Name, string JsonName, string NumberLiteral);

/// <summary>
/// A parameter or return type as the emitter needs it.
/// </summary>
/// <param name="Kind">How the value is bound.</param>
/// <param name="FullName">The type as emitted code names it: <c>global::</c>-qualified, with <c>?</c> when <paramref name="IsNullable"/>.</param>
/// <param name="LookupName">The type without nullable annotations, as a <c>[JsonSerializable]</c> typeof would name it.</param>
/// <param name="DisplayName">The short name used in diagnostics.</param>
/// <param name="IsValueType">Whether it is a struct (value-type nullables are wrapped differently from annotated references).</param>
/// <param name="IsNullable">Whether JSON null is a valid value: <c>Nullable&lt;T&gt;</c>, an annotated reference or an oblivious one.</param>
/// <param name="Element">The element of arrays and lists, the value of dictionaries, the underlying type of <c>Nullable&lt;T&gt;</c>.</param>
/// <param name="EnumMembers">The members of an enum.</param>
/// <param name="JsonContext">For <see cref="BindingKind.Json"/>, once resolved: the context that covers the type.</param>
internal sealed record TypeModel(
    BindingKind Kind,
    string FullName,
    string LookupName,
    string DisplayName,
    bool IsValueType,
    bool IsNullable,
    TypeModel? Element,
    EquatableArray<EnumMemberModel> EnumMembers,
    string? JsonContext)
{
    /// <summary>
    /// For <see cref="BindingKind.Json"/>: the enums met inside the type (properties, elements,
    /// values, at any depth), <c>global::</c>-qualified, that have no converter of their own:
    /// they are bound by name, as the schema declares.
    /// </summary>
    public EquatableArray<string> NestedEnums { get; init; } = EquatableArray<string>.Empty;

    /// <summary>The name without the trailing <c>?</c> of a nullable reference type.</summary>
    public string NonNullableFullName => IsNullable && !IsValueType && FullName.EndsWith("?", System.StringComparison.Ordinal)
        ? FullName.Substring(0, FullName.Length - 1)
        : FullName;
}
