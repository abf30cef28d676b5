using System.Text;

namespace Conductor.Generated.Generator;

/// <summary>
/// The property naming policies a <c>JsonSerializerContext</c> can set
/// (<c>JsonKnownNamingPolicy</c>), applied at compile time the way System.Text.Json applies them,
/// so that schemas name properties as the serialized JSON does.
/// </summary>
internal static class JsonNamingPolicies
{
    // JsonKnownNamingPolicy values.
    public const int Unspecified = 0;
    public const int CamelCase = 1;
    public const int SnakeCaseLower = 2;
    public const int SnakeCaseUpper = 3;
    public const int KebabCaseLower = 4;
    public const int KebabCaseUpper = 5;

    /// <summary>
    /// Not a policy: a flag added to a context's policy when its options convert enums themselves
    /// (<c>UseStringEnumConverter</c> or <c>Converters</c>), so that the schema leaves enums inside
    /// its types to that converter. <see cref="Apply"/> ignores it.
    /// </summary>
    public const int OptionsConvertEnums = 0x100;

    public static string Apply(int policy, string name) => (policy & ~OptionsConvertEnums) switch
    {
        CamelCase => ToCamelCase(name),
        SnakeCaseLower => Separate(name, '_', upper: false),
        SnakeCaseUpper => Separate(name, '_', upper: true),
        KebabCaseLower => Separate(name, '-', upper: false),
        KebabCaseUpper => Separate(name, '-', upper: true),
        _ => name,
    };

    /// <summary>Lower-cases the leading capitals: <c>URLValue</c> becomes <c>urlValue</c>, <c>Id</c> becomes <c>id</c>.</summary>
    private static string ToCamelCase(string name)
    {
        if (name.Length == 0 || !char.IsUpper(name[0]))
        {
            return name;
        }

        var characters = name.ToCharArray();
        for (var index = 0; index < characters.Length; index++)
        {
            if (index == 1 && !char.IsUpper(characters[index]))
            {
                break;
            }

            var hasNext = index + 1 < characters.Length;
            if (index > 0 && hasNext && !char.IsUpper(characters[index + 1]))
            {
                if (char.IsSeparator(characters[index + 1]))
                {
                    characters[index] = char.ToLowerInvariant(characters[index]);
                }

                break;
            }

            characters[index] = char.ToLowerInvariant(characters[index]);
        }

        return new string(characters);
    }

    /// <summary>Splits words at case changes: <c>OrderID</c> becomes <c>order_id</c>, <c>HTTPStatus</c> becomes <c>http_status</c>.</summary>
    private static string Separate(string name, char separator, bool upper)
    {
        var result = new StringBuilder(name.Length + 4);
        for (var index = 0; index < name.Length; index++)
        {
            var character = name[index];
            if (character is '_' or '-' or ' ')
            {
                if (result.Length > 0 && result[result.Length - 1] != separator)
                {
                    result.Append(separator);
                }

                continue;
            }

            if (char.IsUpper(character) && index > 0 && result.Length > 0 && result[result.Length - 1] != separator)
            {
                var previous = name[index - 1];
                var nextIsLower = index + 1 < name.Length && char.IsLower(name[index + 1]);
                if (char.IsLower(previous) || char.IsDigit(previous) || (char.IsUpper(previous) && nextIsLower))
                {
                    result.Append(separator);
                }
            }

            result.Append(upper ? char.ToUpperInvariant(character) : char.ToLowerInvariant(character));
        }

        return result.ToString();
    }
}
