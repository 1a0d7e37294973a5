using System.Xml.Linq;

namespace KpiService.Reports.Tests.Charts;

/// <summary>A rendered chart parsed as XML (it must parse), with the lookups the chart tests need.</summary>
public sealed class SvgDocument
{
    public static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    public SvgDocument(string markup, string artifactName)
    {
        File.WriteAllText(Artifacts.PathFor(artifactName), markup);
        Markup = markup;
        Root = XDocument.Parse(markup).Root!;
    }

    public string Markup { get; }
    public XElement Root { get; }

    public string Title => Root.Element(Svg + "title")!.Value;
    public string Description => Root.Element(Svg + "desc")!.Value;

    public IEnumerable<XElement> All(string name) => Root.Descendants(Svg + name);

    public IEnumerable<string> Texts => All("text").Select(t => t.Value);

    public int CountFilled(string name, string fill) =>
        All(name).Count(e => string.Equals((string?)e.Attribute("fill"), fill, StringComparison.OrdinalIgnoreCase));

    /// <summary>The accessible-image contract every chart keeps: role, labelled by its own title and desc, nothing active.</summary>
    public void ShouldBeAnAccessibleStaticImage()
    {
        ((string?)Root.Attribute("role")).ShouldBe("img");
        var ids = ((string?)Root.Attribute("aria-labelledby"))!.Split(' ');
        ids.Length.ShouldBe(2);
        ((string?)Root.Element(Svg + "title")!.Attribute("id")).ShouldBe(ids[0]);
        ((string?)Root.Element(Svg + "desc")!.Attribute("id")).ShouldBe(ids[1]);
        Title.ShouldNotBeNullOrWhiteSpace();
        Description.ShouldNotBeNullOrWhiteSpace();
        Root.Descendants().Where(e => e.Name.LocalName is "script" or "foreignObject" or "image" or "use" or "a").ShouldBeEmpty();
        Root.DescendantsAndSelf().SelectMany(e => e.Attributes()).Where(a => a.Name.LocalName is "href" || a.Name.LocalName.StartsWith("on")).ShouldBeEmpty();
    }
}
