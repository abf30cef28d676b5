namespace Conductor.Generated.Generator.Model;

/// <summary>A <c>JsonSerializerContext</c> of the compilation and the types its <c>[JsonSerializable]</c> attributes name.</summary>
internal sealed record JsonContextModel(string FullName, EquatableArray<string> SerializableTypes);
