using System.Collections;
using System.Reflection;
using KpiService.Domain.Periods;

namespace KpiService.Tests.Grpc;

/// <summary>
/// An answer record with every property set to a value that is not its type's default, all the way down: one item in
/// every list and map, the last name of every vocabulary, a timestamp with a fraction and an offset. A mapping that
/// leaves a field out cannot then agree with one that carries it.
/// </summary>
public static class Sample
{
    public static object Of(Type type, IReadOnlySet<string> leftNull) => Value(type, leftNull, 0)!;

    private static object? Value(Type type, IReadOnlySet<string> leftNull, int depth)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (depth > 12) throw new InvalidOperationException($"{type.Name} nests too deeply to sample");
        if (type == typeof(string)) return $"text{depth}";
        if (type == typeof(bool)) return true;
        if (type == typeof(int)) return 7 + depth;
        if (type == typeof(long)) return 70L + depth;
        if (type == typeof(double)) return 1.25 + depth;
        if (type == typeof(DateTimeOffset)) return new DateTimeOffset(2021, 10, 1, 9, 30, 15, TimeSpan.FromHours(1)).AddTicks(1_234_500 + depth);
        if (type == typeof(DateOnly)) return new DateOnly(2021, 11, 30).AddDays(depth);
        if (type == typeof(Period)) return Period.Parse("2021-09");
        if (type.IsEnum) return Enum.GetValues(type).Cast<object>().Last();
        if (Generic(type, typeof(IReadOnlyDictionary<,>)) is { } map)
        {
            var dictionary = (IDictionary)Activator.CreateInstance(typeof(Dictionary<,>).MakeGenericType(map))!;
            dictionary[Value(map[0], leftNull, depth + 1)!] = Value(map[1], leftNull, depth + 1);
            return dictionary;
        }
        if (type.IsArray)
        {
            var array = Array.CreateInstance(type.GetElementType()!, 1);
            array.SetValue(Value(type.GetElementType()!, leftNull, depth + 1), 0);
            return array;
        }
        if (type != typeof(string) && Generic(type, typeof(IEnumerable<>)) is [var item])
        {
            var list = (IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(item))!;
            list.Add(Value(item, leftNull, depth + 1));
            return list;
        }
        var constructor = type.GetConstructors().OrderByDescending(c => c.GetParameters().Length).First();
        var record = constructor.Invoke([.. constructor.GetParameters().Select(p =>
            leftNull.Contains($"{type.Name}.{p.Name}") ? null : Value(p.ParameterType, leftNull, depth + 1))]);
        // Properties outside the constructor ({ get; init; }) too.
        var byConstructor = constructor.GetParameters().Select(p => p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var property in type.GetProperties().Where(p => p.CanWrite && !byConstructor.Contains(p.Name) && p.GetIndexParameters().Length == 0 && p.Name != "EqualityContract"))
            property.SetValue(record, Value(property.PropertyType, leftNull, depth + 1));
        return record;
    }

    private static Type[]? Generic(Type type, Type definition) =>
        type.GetInterfaces().Append(type).FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == definition)?.GetGenericArguments();
}
