using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace KpiService.Common;

/// <summary>
/// Every string a client sends in JSON is text: a NUL, another control character (tab and line breaks aside) or a
/// terminal escape is refused while the body is read, naming the field, before any handler sees it. PostgreSQL cannot
/// store a NUL in text or jsonb (it was a 500), and an escape sequence in a name or note would act on the terminal of
/// whoever tails a log. Handlers still apply their own field rules (<see cref="Domain.PlainText"/>: length, single
/// line, no markup); this is the floor every field stands on, including ones added later.
/// </summary>
public sealed class TextOnlyStrings : JsonConverter<string>
{
    private static readonly SearchValues<char> Refused = SearchValues.Create(
        [.. Enumerable.Range(0, 0x20).Where(c => c is not ('\t' or '\n' or '\r')).Select(c => (char)c), .. Enumerable.Range(0x7F, 0x21).Select(c => (char)c)]);

    public override bool HandleNull => false;

    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.String ? Checked(reader.GetString()!)
        : throw new JsonException(); // STJ's own message: "The JSON value could not be converted to System.String".

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);

    public override string ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => Checked(reader.GetString()!);

    public override void WriteAsPropertyName(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WritePropertyName(value);

    /// <summary>Where the first refused character is in <paramref name="text"/>, or -1.</summary>
    public static int FirstRefused(ReadOnlySpan<char> text) => text.IndexOfAny(Refused);

    public static string Describe(char c) => c == '\0' ? "a NUL character" : c == '\u001b' ? "a terminal escape (ESC)" : $"the control character U+{(int)c:X4}";

    private static string Checked(string text) => FirstRefused(text) is var at and >= 0
        ? throw new RefusedTextException($"contains {Describe(text[at])} at character {at + 1}: send plain text.")
        : text;
}

/// <summary>A string refused by <see cref="TextOnlyStrings"/>; its message is the field's problem, as it stands.</summary>
public sealed class RefusedTextException(string message) : JsonException(message);
