using Forlop.Domain.Catalogue;
using Forlop.Domain.Indicators;
using Forlop.Domain.PathwayTimes;
using Forlop.Domain.Reporting;
using Forlop.Domain.Tests.Indicators;
using NodaTime;

namespace Forlop.Domain.Tests.Reporting;

/// <summary>A journey that reached a start of treatment, as a test states it: where, from which seniority date, when and how.</summary>
internal sealed record CompletedPathway(string Pathway, string Hf, string Rhf, LocalDate SeniorityDate, LocalDate TreatmentDate, TreatmentType Treatment);

/// <summary>
/// The report's table of completed journeys, computed the one way every output computes it: each journey's OF4 as
/// the registry measures it, through the <c>completed-within-standard</c> cube (<see cref="IndicatorComputation"/>).
/// </summary>
internal static class CompletedPathways
{
    public static IndicatorTable Table(IEnumerable<CompletedPathway> pathways, ReportingPeriod period, ReportBreakdown by)
    {
        var intervals = pathways.Select((p, i) => new IntervalFacts(i + 1, p.Pathway, p.Hf, p.Hf, p.Rhf, CompletedWithinStandard.StandardInterval, p.TreatmentDate,
            PathwayTimeEngine.DaysBetween(p.SeniorityDate, p.TreatmentDate), p.SeniorityDate, p.Treatment)).ToList();
        var cube = IndicatorComputation.Compute(IndicatorFacts.CompletedWithinStandard, new IndicatorInputs([], intervals, []), IndicatorFacts.Pathways,
            TestOrganisations.Directory, period);
        return CompletedWithinStandard.Table(cube, by);
    }
}
