using Forlop.App.Features.Demo;

namespace Forlop.Browser.Tests.Infrastructure;

/// <summary>
/// The application on the README's own demo volume (<c>forlop serve --demo</c>: two years of 40 000 cancer pathways,
/// about 360 000 events), built once for the tests of <see cref="NationalVolume"/>. The small <see cref="BrowserApp"/>
/// hid that the tracking list's circuit died at this volume, so the coordinator's daily work is tested here.
/// </summary>
public sealed class NationalBrowserApp : BrowserApp
{
    protected override int PathwaysPerYear => DemoCommand.NationalYearlyVolume;
}

/// <summary>The tests that share <see cref="NationalBrowserApp"/>; they run one after another, beside the other classes.</summary>
[CollectionDefinition(Name)]
public sealed class NationalVolume : ICollectionFixture<NationalBrowserApp>
{
    public const string Name = "national volume";
}
