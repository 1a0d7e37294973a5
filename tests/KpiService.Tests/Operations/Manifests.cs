using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Serialization;

namespace KpiService.Tests.Operations;

/// <summary>The repository's Dockerfile, .dockerignore, compose file and Kubernetes manifests, parsed for tests.</summary>
public static partial class Manifests
{
    public static string Root => KestrelServiceFixture.RepositoryRoot();

    public static string Path(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);

    /// <summary>Every YAML document in the file, as nested dictionaries and lists.</summary>
    public static IReadOnlyList<Dictionary<object, object>> Yaml(params string[] parts)
    {
        var parser = new YamlDotNet.Core.Parser(new StringReader(File.ReadAllText(Path(parts))));
        var deserializer = new DeserializerBuilder().Build();
        parser.Consume<YamlDotNet.Core.Events.StreamStart>();
        var documents = new List<Dictionary<object, object>>();
        while (parser.Accept<YamlDotNet.Core.Events.DocumentStart>(out _)) documents.Add(deserializer.Deserialize<Dictionary<object, object>>(parser));
        return documents;
    }

    /// <summary>A value at a dotted path (<c>spec.template.spec</c>); list items by index (<c>containers.0</c>).</summary>
    public static object? At(object? node, string path)
    {
        foreach (var key in path.Split('.'))
            node = node switch
            {
                Dictionary<object, object> map => map.GetValueOrDefault(key),
                List<object> list when int.TryParse(key, out var index) => index < list.Count ? list[index] : null,
                _ => null,
            };
        return node;
    }

    public static Dictionary<object, object> Map(object? node, string path) => At(node, path) as Dictionary<object, object> ?? throw new KeyNotFoundException(path);

    public static List<object> List(object? node, string path) => At(node, path) as List<object> ?? throw new KeyNotFoundException(path);

    public static string Text(object? node, string path) => At(node, path)?.ToString() ?? throw new KeyNotFoundException(path);

    /// <summary>Compose's <c>${NAME:?message}</c> and <c>${NAME:-default}</c>, with the values given (or the default).</summary>
    public static string Substitute(string text, IReadOnlyDictionary<string, string> values) =>
        Variable().Replace(text, m => values.TryGetValue(m.Groups["name"].Value, out var value) ? value
            : m.Groups["op"].Value == ":-" ? m.Groups["rest"].Value : throw new KeyNotFoundException("${" + m.Groups["name"].Value + "} has no value"));

    [GeneratedRegex(@"\$\{(?<name>[A-Z_][A-Z0-9_]*)(?:(?<op>:[-?])(?<rest>[^}]*))?\}")]
    private static partial Regex Variable();

    /// <summary>The Dockerfile's stages: each FROM line with the instructions under it (continuation lines joined).</summary>
    public static IReadOnlyList<(string From, IReadOnlyList<(string Instruction, string Arguments)> Lines)> DockerStages()
    {
        var joined = Regex.Replace(File.ReadAllText(Path("Dockerfile")), @"\\\r?\n\s*", " ");
        var stages = new List<(string, IReadOnlyList<(string, string)>)>();
        List<(string, string)>? current = null;
        foreach (var line in joined.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')))
        {
            var space = line.IndexOf(' ');
            var (instruction, arguments) = (line[..space].ToUpperInvariant(), line[(space + 1)..].Trim());
            if (instruction == "FROM") stages.Add((arguments, current = []));
            else current?.Add((instruction, arguments));
        }
        return stages;
    }

    /// <summary>Whether Docker leaves a path out of the build context: .dockerignore rules in order, the last match wins.</summary>
    public static bool DockerIgnores(string relativePath)
    {
        var ignored = false;
        foreach (var rule in File.ReadAllLines(Path(".dockerignore")).Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')))
        {
            var negated = rule.StartsWith('!');
            var pattern = (negated ? rule[1..] : rule).Trim('/');
            var regex = "^" + Regex.Escape(pattern).Replace(@"\*\*/", "(.*/)?").Replace(@"\*\*", ".*").Replace(@"\*", "[^/]*").Replace(@"\?", "[^/]") + "(/.*)?$";
            if (Regex.IsMatch(relativePath, regex)) ignored = !negated;
        }
        return ignored;
    }
}
