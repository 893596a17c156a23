using Forlop.Domain.Catalogue;
using Forlop.Domain.Implementation;
using NodaTime;

namespace Forlop.Domain.Tests.Implementation;

/// <summary>The plans' measures as data (catalog/plan-measures.tsv) and the tracker's figures over them.</summary>
public class PlanMeasuresTests
{
    private static string RealFile()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Forlop.slnx")))
            {
                return File.ReadAllText(Path.Combine(directory.FullName, "catalog", PlanMeasureCatalogue.FileName));
            }
        }
        throw new InvalidOperationException("the repository root was not found");
    }

    [Fact]
    public void TheCatalogue_HoldsMeasuresOfAllThreePlans_AtEveryOwnerLevel_EachWithItsSource()
    {
        var measures = PlanMeasureCatalogue.ParseTsv(RealFile()).All;

        Assert.Equal(["IS-2426", "IS-2734", "IS-3015"], measures.Select(m => m.Plan).Distinct().Order(StringComparer.Ordinal));
        Assert.Equal(Enum.GetValues<OwnerLevel>(), measures.Select(m => m.Level).Distinct().Order());
        Assert.All(measures, m => Assert.Matches(@"^seed 00[012] \(IS-\d{4}", m.Source));
        // The plans' own headline measures are there: coordinators, MDT, reserved slots, contact points, user involvement.
        Assert.Subset(measures.Select(m => m.Id).ToHashSet(),
            new HashSet<string> { "cancer-coordinators", "cancer-mdt", "cancer-reserved-slots", "hjem-hospital-contact", "hjem-municipal-contact-point", "mh-user-involvement" });
        Assert.Equal(new LocalDate(2015, 1, 1), measures.Single(m => m.Id == "cancer-coordinators").Deadline);
        Assert.True(measures.Single(m => m.Id == "cancer-coordinators").DeadlineStated);
    }

    [Fact]
    public void AFaultyFile_NamesEveryProblem()
    {
        const string text = "id\tplan\towner_level\tdeadline\tdeadline_source\tname_nb\tname_en\tsource\n"
            + "Bad Id\tIS-1\thf\t2020-01-01\tstated\ta\tb\tc\n"
            + "ok\tIS-1\tcounty\t2020-02-30\tsometime\ta\tb\tc\n"
            + "ok\tIS-1\thf\t2020-01-01\tstated\ta\tb\n";

        var e = Assert.Throws<CatalogueException>(() => PlanMeasureCatalogue.ParseTsv(text));

        Assert.Equal(["line 2", "line 3", "line 3", "line 3", "line 4"], e.Problems.Select(p => p.Entry));
    }

    [Fact]
    public void Progress_CountsEveryOwnerOfTheLevel_AnUnreportedOneAsNotStarted_AndLateAfterTheDeadline()
    {
        var measure = new PlanMeasure("m", "IS-1", OwnerLevel.Hf, new LocalDate(2020, 6, 30), true, new LocalizedText("m", "m"), "s");
        var statuses = new Dictionary<(string, string), OwnerStatus>
        {
            [("m", "A")] = new("m", "A", MeasureStatus.Done, "e", Instant.FromUtc(2020, 1, 1, 0, 0), "x"),
            [("m", "B")] = new("m", "B", MeasureStatus.InProgress, null, Instant.FromUtc(2020, 1, 1, 0, 0), "x"),
        };
        IReadOnlyCollection<string> Owners(OwnerLevel _) => ["A", "B", "C"];

        var before = ImplementationProgress.Of([measure], Owners, statuses, new LocalDate(2020, 6, 30)).Single();
        var after = ImplementationProgress.Of([measure], Owners, statuses, new LocalDate(2020, 7, 1)).Single();

        Assert.Equal((3, 1, 1, 1, 0), (before.Owners, before.Done, before.InProgress, before.NotStarted, before.Late));
        Assert.Equal(2, after.Late);
    }
}
