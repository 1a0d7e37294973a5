using System.Text.Json;
using System.Text.Json.Serialization;

namespace KpiService.Common;

/// <summary>
/// Enums as one lowerCamel name each. System.Text.Json's own converter reads "awaitingPartner, definitionChanged" as
/// the bitwise OR of two members, even for an enum that is not [Flags], which yields a value no member has; here a
/// value must be a member, or it is refused like any unknown name.
/// </summary>
public sealed class NamedEnums : JsonConverterFactory
{
    private readonly JsonStringEnumConverter _names = new(JsonNamingPolicy.CamelCase, allowIntegerValues: false);

    public override bool CanConvert(Type typeToConvert) => typeToConvert.IsEnum;

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(MembersOnly<>).MakeGenericType(typeToConvert), _names.CreateConverter(typeToConvert, options))!;

    private sealed class MembersOnly<T>(JsonConverter names) : JsonConverter<T> where T : struct, Enum
    {
        private readonly JsonConverter<T> _names = (JsonConverter<T>)names;

        public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            try
            {
                return Member(_names.Read(ref reader, typeToConvert, options));
            }
            catch (JsonException e) when (e is not RefusedTextException)
            {
                throw NotAMember(); // the reader's own words ("is not valid JSON") would hide that the value is the problem
            }
        }

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => _names.Write(writer, value, options);

        public override T ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            Member(_names.ReadAsPropertyName(ref reader, typeToConvert, options));

        public override void WriteAsPropertyName(Utf8JsonWriter writer, T value, JsonSerializerOptions options) =>
            _names.WriteAsPropertyName(writer, value, options);

        private static T Member(T value) => Enum.IsDefined(value) ? value : throw NotAMember();

        private static RefusedTextException NotAMember() =>
            new($"is not one of: {string.Join(", ", Enum.GetNames<T>().Select(JsonNamingPolicy.CamelCase.ConvertName))}.");
    }
}
