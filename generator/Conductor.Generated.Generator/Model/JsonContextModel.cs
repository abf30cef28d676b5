namespace Conductor.Generated.Generator.Model;

/// <summary>A <c>JsonSerializerContext</c> of the compilation and the types its <c>[JsonSerializable]</c> attributes name.</summary>
/// <param name="NamingPolicy">The <c>JsonKnownNamingPolicy</c> of its properties (<see cref="JsonNamingPolicies"/>).</param>
/// <param name="ConvertsEnums">Its options set <c>UseStringEnumConverter</c> or <c>Converters</c>: a converter of the user's may read enums.</param>
internal sealed record JsonContextModel(string FullName, EquatableArray<SerializableTypeModel> SerializableTypes, int NamingPolicy = JsonNamingPolicies.Unspecified, bool ConvertsEnums = false);

/// <summary>
/// One type a context declares. <paramref name="CanRead"/> is false when the context generates
/// serialization code only (<c>GenerationMode = Serialization</c>): it can write the type but not read it.
/// </summary>
internal sealed record SerializableTypeModel(string LookupName, bool CanRead);
