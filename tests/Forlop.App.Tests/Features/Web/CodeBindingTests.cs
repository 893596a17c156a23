using System.Text.RegularExpressions;

namespace Forlop.App.Tests.Features.Web;

/// <summary>
/// A code type (PathwayCode, EventCode, OrganisationCode …) converts to string for the compiler, but a generic MudBlazor
/// item infers its type from the value it is given: <c>&lt;MudSelectItem Value="@pathway.Code"&gt;</c> inside a
/// <c>MudSelect T="string"</c> compiles and then fails in the browser with an InvalidCastException (seen on the
/// registration page, 2026-12-05). Pages pass a code's text (<c>.Code.Value</c>); this test reads every page for the
/// unconverted form, since no compiler check catches it.
/// </summary>
public partial class CodeBindingTests
{
    // .Code and .Parent are code types on the catalogue and organisation records, .Id on an interval's definition; a
    // view's own Id (TimelineInterval.Id) is text.
    [GeneratedRegex("""<Mud\w+[^>]*\b(Value|Item)="@[\w.]+(\.(Code|Parent)|Definition\.Id)"[^>]*>""")]
    private static partial Regex CodeBoundAsItself();

    [Fact]
    public void NoPage_BindsACodeTypeToAGenericComponent()
    {
        var features = Path.Combine(RepositoryRoot(), "src", "Forlop.App", "Features");
        var pages = Directory.EnumerateFiles(features, "*.razor", SearchOption.AllDirectories).ToList();
        Assert.True(pages.Count > 10, $"found only {pages.Count} pages under {features}");

        var found = pages.SelectMany(page => File.ReadLines(page).Select((line, i) => (page, line, number: i + 1)))
            .Where(x => CodeBoundAsItself().IsMatch(x.line))
            .Select(x => $"{Path.GetRelativePath(features, x.page)}:{x.number}: {x.line.Trim()}")
            .ToList();

        Assert.True(found.Count == 0, "bind the code's text (.Code.Value):\n" + string.Join("\n", found));
    }

    [Fact]
    public void ThePattern_FindsTheFormThatBrokeTheRegistrationPage()
    {
        Assert.Matches(CodeBoundAsItself(), """<MudSelectItem Value="@definition.Code">@definition.Code</MudSelectItem>""");
        Assert.DoesNotMatch(CodeBoundAsItself(), """<MudSelectItem Value="@definition.Code.Value">@definition.Code</MudSelectItem>""");
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Forlop.slnx")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("no Forlop.slnx above " + AppContext.BaseDirectory);
    }
}
