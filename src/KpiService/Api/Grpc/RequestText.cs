using Google.Protobuf;
using Google.Protobuf.Reflection;
using KpiService.Common;

namespace KpiService.Api.Grpc;

/// <summary>
/// Every string in a gRPC request is text, as every string in a REST path, query or body is
/// (<see cref="TextOnlyStrings"/>): a NUL or another control character (tab and line breaks aside) is refused before any
/// use case sees it, naming the field by its JSON name (breakdown, rule.bands[0].status). PostgreSQL cannot hold a NUL.
/// </summary>
public static class RequestText
{
    public static void Check(IMessage message)
    {
        var problems = new List<(string, string)>();
        Walk(message, "", problems);
        if (problems.Count > 0) throw ValidationFailedException.Of(problems);
    }

    private static void Walk(IMessage message, string prefix, List<(string, string)> problems)
    {
        foreach (var field in message.Descriptor.Fields.InDeclarationOrder())
        {
            var value = field.Accessor.GetValue(message);
            var name = prefix + field.JsonName;
            if (field.IsMap)
            {
                foreach (System.Collections.DictionaryEntry entry in (System.Collections.IDictionary)value)
                {
                    Text(entry.Key as string, $"{name}.{entry.Key}", problems);
                    Item(field.MessageType.FindFieldByNumber(2), entry.Value, $"{name}.{entry.Key}", problems);
                }
            }
            else if (field.IsRepeated)
            {
                var index = 0;
                foreach (var item in (System.Collections.IEnumerable)value) Item(field, item, $"{name}[{index++}]", problems);
            }
            else Item(field, value, name, problems);
        }
    }

    private static void Item(FieldDescriptor field, object? value, string name, List<(string, string)> problems)
    {
        if (field.FieldType == FieldType.String) Text(value as string, name, problems);
        else if (field.FieldType == FieldType.Message && value is IMessage nested) Walk(nested, name + ".", problems);
    }

    private static void Text(string? text, string name, List<(string, string)> problems)
    {
        if (text is not null && TextOnlyStrings.FirstRefused(text) is var at and >= 0)
            problems.Add((name, $"contains {TextOnlyStrings.Describe(text[at])} at character {at + 1}: send plain text."));
    }
}
