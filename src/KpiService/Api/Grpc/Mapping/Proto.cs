using System.Globalization;
using System.Text.Json;
using KpiService.Common;
using KpiService.Features;
using V1 = KpiService.Api.Grpc.V1;

namespace KpiService.Api.Grpc.Mapping;

/// <summary>
/// The value conventions the kpi.v1 messages share with REST's JSON, in one place: an absent text is "" on the wire and
/// null in a record, vocabularies are REST's lowerCamel names, timestamps and dates are ISO 8601 strings written as
/// REST writes them.
/// </summary>
public static class Proto
{
    /// <summary>proto3 cannot tell an empty string from none; the use cases read null as "not given", as from REST.</summary>
    public static string? Text(string value) => string.IsNullOrEmpty(value) ? null : value;

    public static Preconditions Conditions(string ifMatch, string ifNoneMatch = "") => new(Text(ifMatch), Text(ifNoneMatch));

    /// <summary>A vocabulary value by its REST name ("awaitingPartner").</summary>
    public static string Name<T>(T value) where T : struct, Enum => JsonNamingPolicy.CamelCase.ConvertName(value.ToString());

    public static string Name<T>(T? value) where T : struct, Enum => value is { } v ? Name(v) : "";

    /// <summary>
    /// A vocabulary value read from a request: none for "", otherwise one of <typeparamref name="T"/>'s names (as REST
    /// reads them, any case), or INVALID_ARGUMENT naming <paramref name="field"/> with REST's words for a value its JSON refuses.
    /// </summary>
    public static T? Vocabulary<T>(string text, string field) where T : struct, Enum =>
        text.Length == 0 ? null
        : Enum.GetValues<T>().Where(v => string.Equals(v.ToString(), text, StringComparison.OrdinalIgnoreCase)).Select(v => (T?)v).FirstOrDefault()
          ?? throw Refused(field);

    /// <summary>The problem REST reports when its JSON reader refuses a value.</summary>
    public static ValidationFailedException Refused(string field) => ValidationFailedException.Of(field, "has a value this field does not accept.");

    /// <summary>As System.Text.Json writes a DateTimeOffset: 2021-10-01T09:30:00.123+00:00, no trailing zeros.</summary>
    public static string Timestamp(DateTimeOffset at) => at.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture);

    public static string Timestamp(DateTimeOffset? at) => at is { } value ? Timestamp(value) : "";

    public static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Date(DateOnly? date) => date is { } value ? Date(value) : "";

    public static V1.AuthorityRef ToMessage(this AuthorityReference a) => new() { Code = a.Code ?? "", LaNumber = a.LaNumber, Name = a.Name };
}
