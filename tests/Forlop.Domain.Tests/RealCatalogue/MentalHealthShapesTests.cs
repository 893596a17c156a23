using Forlop.Domain.Catalogue;
using Forlop.Domain.PathwayTimes;
using Forlop.Domain.Registry;
using NodaTime;
using static Forlop.Domain.Tests.RealCatalogue.RealCatalogueData;

namespace Forlop.Domain.Tests.RealCatalogue;

/// <summary>
/// reference/pathways.md §2: mental health and substance use arrive in two shapes — the current one (the type code from
/// Volven 9321 with the start, then event 9377 + outcome 9379 pairs) and the older prefixed codes (D11CU …). Both must
/// give the same episodes; a clinical decision may be registered at most twice (old kodeveileder, ressursside.no).
/// </summary>
public class MentalHealthShapesTests
{
    private static readonly LocalDate Today = new(2026, 1, 1);

    // One D11 pathway: start, first attendance, extended assessment (CU), treatment decided (CP), two evaluations, end.
    private static readonly (string Date, string Prefixed, string Current, string? Outcome)[] Journey =
    [
        ("2024-01-08", "D11A", "D11", null),
        ("2024-01-20", "D11S", "X9377S", null),
        ("2024-02-15", "D11CU", "X9377C", "X9379CU"),
        ("2024-03-20", "D11CP", "X9377C", "X9379CP"),
        ("2024-04-01", "D11E", "X9377E", null),
        ("2024-05-20", "D11E", "X9377E", null),
        ("2024-06-30", "D11X", "X9377X", "X9379X1"),
    ];

    private static RealPatient Send(bool current, IEnumerable<(string Date, string Prefixed, string Current, string? Outcome)> rows, string hf = "AHUS")
    {
        var patient = new RealPatient();
        var n = 0;
        foreach (var (date, prefixed, code, outcome) in rows)
        {
            var refusal = current ? patient.Send($"r{++n}", hf, code, date, outcome: outcome) : patient.Send($"r{++n}", hf, prefixed, date);
            Assert.True(refusal is null, $"{(current ? code : prefixed)} {date} was refused: {refusal}");
        }
        return patient;
    }

    private static string[] Describe(Episode episode) =>
        [
            $"{episode.Pathway.Code} {episode.Hf} {episode.StartDate} {episode.SeniorityDate} {episode.State}",
            .. episode.Events.Select(e => $"{e.Definition.Code} {e.Kind} {e.Date}"),
            .. PathwayTimeEngine.Measure(episode, Today).Intervals.Select(i => $"{i.Definition.Id} {i.FromDate} {i.Length} {i.Status} {i.Standard?.Limit}"),
        ];

    [Fact]
    public void BothShapes_GiveTheSameEpisode()
    {
        var prefixed = Assert.Single(Send(current: false, Journey).Record.Episodes);
        var current = Assert.Single(Send(current: true, Journey).Record.Episodes);

        Assert.Equal(Describe(prefixed), Describe(current));
        Assert.Equal(EpisodeState.Ended, current.State);
        Assert.Equal(["D11A", "D11S", "D11CU", "D11CP", "D11E", "D11E", "D11X"], current.Events.Select(e => e.Definition.Code.Value));
        // The stored rows keep what the hospital sent.
        Assert.Equal(["D11", "X9377S", "X9377C", "X9377C", "X9377E", "X9377E", "X9377X"], current.Events.Select(e => e.Code));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Decision_AtMostTwicePerPathway(bool current)
    {
        var patient = Send(current, Journey.Take(4));

        var third = current ? patient.Send("r9", "AHUS", "X9377C", "2024-03-25", outcome: "X9379CK") : patient.Send("r9", "AHUS", "D11CK", "2024-03-25");

        Assert.Equal("code", third!.Column);
        Assert.Contains("already has 2 clinical decisions", third.Message, StringComparison.Ordinal);
        NorwegianText.AssertWritten(third);
    }

    [Fact]
    public void SharedCode_GoesToThePatientsOpenPathwayAtTheHf()
    {
        var patient = new RealPatient();
        Assert.Null(patient.Send("r1", "AHUS", "D01", "2024-01-08"));
        Assert.Null(patient.Send("r2", "OUS", "D11", "2024-01-09"));

        Assert.Null(patient.Send("r3", "OUS", "X9377S", "2024-01-15"));
        Assert.Null(patient.Send("r4", "AHUS", "X9377C", "2024-01-20", outcome: "X9379CT"));

        var tsb = patient.Record.Episodes.Single(e => e.Pathway.Code == "D01");
        var phv = patient.Record.Episodes.Single(e => e.Pathway.Code == "D11");
        Assert.Equal("D01CT", tsb.Decision!.Definition.Code);
        Assert.Equal("D11S", phv.FirstAttendance!.Definition.Code);
    }

    [Fact]
    public void SharedCode_WithTwoOpenPathwaysAtTheHf_IsRefused_ThePrefixedCodeIsNot()
    {
        var patient = new RealPatient();
        Assert.Null(patient.Send("r1", "AHUS", "D01", "2024-01-08"));
        Assert.Null(patient.Send("r2", "AHUS", "D11", "2024-01-09"));

        var shared = patient.Send("r3", "AHUS", "X9377S", "2024-01-15");

        Assert.Equal("code", shared!.Column);
        Assert.Contains("two open pathways at AHUS", shared.Message, StringComparison.Ordinal);
        NorwegianText.AssertWritten(shared);
        Assert.Null(patient.Send("r4", "AHUS", "D11S", "2024-01-15"));
    }

    [Fact]
    public void SharedCode_WithoutAnOpenPathway_IsRefused()
    {
        var refusal = new RealPatient().Send("r1", "AHUS", "X9377E", "2024-01-15");

        Assert.Equal("code", refusal!.Column);
        Assert.Contains("no open pathway at AHUS", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EndWithOutcomeTransferred_IsATransfer_AndTheNextHfKeepsTheSeniorityDate()
    {
        var patient = new RealPatient();
        Assert.Null(patient.Send("r1", "AHUS", "D01", "2024-01-08"));
        Assert.Null(patient.Send("r2", "AHUS", "X9377X", "2024-01-20", outcome: "X9379X2"));
        Assert.Null(patient.Send("r3", "OUS", "D01", "2024-01-25"));

        var sending = patient.Record.Episodes.Single(e => e.Hf == "AHUS");
        var receiving = patient.Record.Episodes.Single(e => e.Hf == "OUS");
        Assert.Equal(EpisodeState.Transferred, sending.State);
        Assert.Same(sending, receiving.TransferredFrom);
        Assert.Equal(D("2024-01-08"), receiving.SeniorityDate);
    }

    [Fact]
    public void Correction_MayMoveARowBetweenTheShapes()
    {
        var patient = Send(current: false, Journey.Take(3));

        Assert.Null(patient.Send("r4", "AHUS", "X9377C", "2024-02-16", replaces: "r3", outcome: "X9379CU"));

        Assert.Equal(D("2024-02-16"), Assert.Single(patient.Record.Episodes).Decision!.Date);
    }

    private static readonly EventRowParser Parser = new(Real, RealCatalogueData.Organisations);

    private static Refusal? Parse(string code, string? outcome)
    {
        Parser.Parse(new EventRowText("r1", TestPatients.Adult, "AHUS", code, "2024-02-01", null, outcome, null, null), Today, out var refusal);
        return refusal;
    }

    [Theory]
    [InlineData("D11", null, null)]                       // the type code is the start
    [InlineData("X9377S", null, null)]                    // a first attendance takes no outcome
    [InlineData("X9377C", "X9379CP", null)]               // a decision with its outcome
    [InlineData("X9377C", null, "is required for X9377C")]
    [InlineData("X9377C", "X9379X1", "is not an outcome of X9377C")]
    [InlineData("X9377S", "X9379CP", "X9377S takes no outcome code")]
    [InlineData("D11CP", null, null)]                     // a prefixed code carries its meaning
    [InlineData("D11CP", "X9379CP", null)]                // and may repeat it as an outcome
    [InlineData("D11CP", "NOPE", "is not an outcome code")]
    public void Parse_OutcomeColumn(string code, string? outcome, string? problem)
    {
        var refusal = Parse(code, outcome);

        if (problem is null)
        {
            Assert.Null(refusal);
        }
        else
        {
            Assert.Equal("outcome", refusal!.Column);
            Assert.Contains(problem, refusal.Message, StringComparison.Ordinal);
            NorwegianText.AssertWritten(refusal);
        }
    }

    [Theory]
    [InlineData("outpatient", null)]
    [InlineData("inpatient", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    [InlineData("poliklinisk", "must be outpatient, inpatient or empty")]
    [InlineData("Inpatient", "must be outpatient, inpatient or empty")]
    [InlineData("any", "must be outpatient, inpatient or empty")]
    public void Parse_SettingColumn(string? setting, string? problem)
    {
        var parsed = Parser.Parse(new EventRowText("r1", TestPatients.Adult, "AHUS", "D01S", "2024-02-01", null, null, null, null, setting), Today, out var refusal);

        if (problem is null)
        {
            Assert.Null(refusal);
            Assert.Equal(setting switch { "outpatient" => CareSetting.Outpatient, "inpatient" => CareSetting.Inpatient, _ => CareSetting.Any }, parsed!.Submission.Setting);
        }
        else
        {
            Assert.Equal("setting", refusal!.Column);
            Assert.Contains(problem, refusal.Message, StringComparison.Ordinal);
            NorwegianText.AssertWritten(refusal);
        }
    }

    // reference/pathways.md §2: TSB first attendance → clinical decision ≤ 21 days outpatient, ≤ 7 inpatient.
    [Theory]
    [InlineData("outpatient", "inpatient", 7, IntervalStatus.Over)]   // the end point's setting wins
    [InlineData("inpatient", "outpatient", 21, IntervalStatus.Within)]
    [InlineData("inpatient", null, 7, IntervalStatus.Over)]          // else the start point's
    [InlineData(null, null, null, IntervalStatus.NoStandard)]        // none: no setting-specific standard applies
    public void Interval_IsMeasuredAgainstTheStandardOfItsCareSetting(string? atFirstAttendance, string? atDecision, int? limit, IntervalStatus status)
    {
        var patient = new RealPatient();
        Refusal? Send(string record, string code, string date, string? setting) =>
            patient.Record.Apply(Row(record, "AHUS", code, date) with { Setting = Setting(setting) }, long.Parse(record[1..], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Null(Send("r1", "D01A", "2024-01-02", null));
        Assert.Null(Send("r2", "D01S", "2024-01-05", atFirstAttendance));
        Assert.Null(Send("r3", "D01CT", "2024-01-15", atDecision));

        var of2 = PathwayTimeEngine.Measure(Assert.Single(patient.Record.Episodes), Today).Intervals.Single(i => i.Definition.Id == "OF2");

        Assert.Equal(10, of2.Length);
        Assert.Equal(limit, of2.Standard?.Limit);
        Assert.Equal(status, of2.Status);

        static CareSetting Setting(string? s) => s switch { "outpatient" => CareSetting.Outpatient, "inpatient" => CareSetting.Inpatient, _ => CareSetting.Any };
    }

    [Fact]
    public void Catalogue_TypeCodesAreTheVolven9321Codes_AndPlaceholdersCollideWithNoRealCode()
    {
        var mental = Real.Pathways.Where(p => p.Family == PathwayFamily.MentalHealth).ToList();
        // reference/pathways.md §2: D01 TSB, D11 PHV voksne, D12 PHV barn og unge are confirmed (Volven 9321).
        string[] confirmed = ["D01", "D11", "D12"];
        foreach (var code in confirmed)
        {
            Assert.True(Real.TryFindEvent(code, out var pathway, out var start));
            Assert.Equal(code, pathway.Code);
            Assert.Equal(EventKind.Start, start.Kind);
            Assert.True(pathway.Provenance.Verified);
        }
        // Condition-specific type codes are placeholders: marked, and never shaped like a real D + two digits code.
        foreach (var p in mental.Where(p => !confirmed.Contains(p.Code)))
        {
            Assert.False(p.Provenance.Verified);
            Assert.StartsWith("unverified:", p.Provenance.Source, StringComparison.Ordinal);
            Assert.DoesNotMatch(@"^D\d\d$", p.Code);
        }
        // Every Volven 9377/9379 value is a placeholder and says so.
        Assert.All(Real.SharedEvents, e => Assert.StartsWith("X9377", e.Code, StringComparison.Ordinal));
        Assert.All(mental.SelectMany(p => p.Outcomes), o =>
        {
            Assert.StartsWith("X9379", o.Code, StringComparison.Ordinal);
            Assert.False(o.Provenance.Verified);
        });
        // The old guide's decision codes D11CU … D11CI are the verified ones.
        Assert.Equal(["D11CA", "D11CI", "D11CK", "D11CP", "D11CS", "D11CT", "D11CU"],
            mental.SelectMany(p => p.Events).Where(e => e.Provenance.Verified).Select(e => e.Code.Value).Order(StringComparer.Ordinal));
        Assert.All(mental.SelectMany(p => p.Events).Where(e => e.Kind == EventKind.Decision), e => Assert.Equal(2, e.MaxPerEpisode));
    }
}
