using System.Globalization;
using Forlop.Domain.Catalogue;
using Forlop.Domain.Organisations;
using Forlop.Domain.Registry;
using Forlop.Domain.Reporting;
using NodaTime;

namespace Forlop.Domain.Indicators;

/// <summary>
/// Computes an indicator for a period from the facts of the registry: every figure at every organisation level
/// (unit, HF, RHF, nation), per pathway and for all pathways together. Pure: the caller loads the facts
/// (<see cref="Needs"/>) and the computation selects what falls in the period, so SQLite and PostgreSQL give the
/// same figures. The definitions of each kind are on <see cref="IndicatorKind"/> and in docs/indicators.md.
/// </summary>
public static class IndicatorComputation
{
    private static readonly OrganisationLevel[] Levels = [OrganisationLevel.Unit, OrganisationLevel.Hf, OrganisationLevel.Rhf, OrganisationLevel.Nation];

    /// <summary>Which facts a kind of indicator reads: episodes, measured intervals, new cancer cases.</summary>
    public static (bool Episodes, bool Intervals, bool NewCases) Needs(IndicatorDefinition definition) => definition.Kind switch
    {
        IndicatorKind.ShareWithinStandard or IndicatorKind.Distribution => (false, true, false),
        IndicatorKind.ShareReached => (true, true, false),
        IndicatorKind.Inclusion => (true, definition.Intervals.Count > 0, true),
        _ => (true, false, false),
    };

    public static IndicatorCube Compute(IndicatorDefinition definition, IndicatorInputs inputs, PathwayCatalogue catalogue, OrganisationDirectory organisations, ReportingPeriod period)
    {
        var figures = new Figures(definition);
        var warnings = new List<string>();
        var covered = catalogue.Pathways.Where(definition.Covers).ToDictionary(p => p.Code.Value, StringComparer.Ordinal);
        switch (definition.Kind)
        {
            case IndicatorKind.ShareWithinStandard:
                ShareWithinStandard(definition, inputs, covered, period, figures, warnings);
                break;
            case IndicatorKind.ShareReached:
                ShareReached(definition, inputs, covered, period, figures);
                break;
            case IndicatorKind.Inclusion:
                Inclusion(definition, inputs, covered, organisations, period, figures, warnings);
                break;
            case IndicatorKind.Count:
                Count(definition, inputs, covered, period, figures);
                break;
            case IndicatorKind.Distribution:
                Distribution(definition, inputs, covered, period, figures);
                break;
        }
        var unit = covered.Values.Select(p => p.Unit).FirstOrDefault();
        return new IndicatorCube(definition, period, unit, figures.Build(), warnings);
    }

    private static void ShareWithinStandard(IndicatorDefinition definition, IndicatorInputs inputs, Dictionary<string, Pathway> covered,
        ReportingPeriod period, Figures figures, List<string> warnings)
    {
        var missing = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var (i, standard) in Measured(definition, inputs, covered, period))
        {
            var unverified = !covered[i.Pathway].Provenance.Verified || standard is { Provenance.Verified: false };
            if (standard is null)
            {
                // Completed all the same: counted, outside the share's denominator (interchange.md, report).
                var key = i.Treatment == TreatmentType.None ? $"{i.Interval} of {i.Pathway}" : $"{i.Interval} of {i.Pathway} ({EnumNames.Of(i.Treatment)})";
                missing[key] = missing.GetValueOrDefault(key) + 1;
                figures.Add(i.Pathway, i.Unit, i.Hf, i.Rhf, null, null, numerator: 0, withoutStandard: true, unverified: unverified);
                continue;
            }
            figures.Add(i.Pathway, i.Unit, i.Hf, i.Rhf, null, null, numerator: i.Length <= standard.Limit ? 1 : 0, unverified: unverified);
        }
        warnings.AddRange(missing.Select(kv => $"{kv.Value} measured {kv.Key} without a standard in the catalogue: counted, but outside the share"));
    }

    /// <summary>
    /// The measured intervals a share within the standard counts in the period, each against its standard: the
    /// facts behind its figures, for a drill-down to the episodes. Selected by the same code as the figures
    /// (<see cref="Compute"/>), so a figure and its list cannot drift apart; an interval without a standard is there
    /// with no limit, as the figures count it among the completed but outside the share.
    /// </summary>
    public static IReadOnlyList<CountedInterval> CountedIntervals(IndicatorDefinition definition, IndicatorInputs inputs, PathwayCatalogue catalogue, ReportingPeriod period)
    {
        if (definition.Kind != IndicatorKind.ShareWithinStandard)
        {
            throw new ArgumentException($"'{definition.Id}' is not a share within the standard time", nameof(definition));
        }
        var covered = catalogue.Pathways.Where(definition.Covers).ToDictionary(p => p.Code.Value, StringComparer.Ordinal);
        return Measured(definition, inputs, covered, period)
            .Select(m => new CountedInterval(m.Interval, m.Standard?.Limit, m.Standard is { } s && m.Interval.Length <= s.Limit))
            .ToList();
    }

    /// <summary>The intervals a share within the standard looks at, with the standard in force for each (null: the catalogue has none).</summary>
    private static IEnumerable<(IntervalFacts Interval, StandardTime? Standard)> Measured(IndicatorDefinition definition, IndicatorInputs inputs,
        Dictionary<string, Pathway> covered, ReportingPeriod period)
    {
        foreach (var i in inputs.Intervals)
        {
            if (!period.Contains(i.ToDate) || !covered.TryGetValue(i.Pathway, out var pathway) || !definition.Intervals.Contains(i.Interval, StringComparer.Ordinal)
                || (definition.Treatments.Count > 0 && !definition.Treatments.Contains(i.Treatment)))
            {
                continue;
            }
            // The version in force on the seniority date, for the treatment type and the care setting the events were sent
            // with; where they say none, the setting the definition names.
            yield return (i, pathway.Interval(i.Interval)?.StandardOn(i.SeniorityDate, i.Treatment, i.Setting != CareSetting.Any ? i.Setting : definition.Setting));
        }
    }

    private static void ShareReached(IndicatorDefinition definition, IndicatorInputs inputs, Dictionary<string, Pathway> covered, ReportingPeriod period, Figures figures)
    {
        var interval = definition.Intervals[0];
        var reached = inputs.Intervals.Where(i => string.Equals(i.Interval, interval, StringComparison.Ordinal)).Select(i => i.EpisodeId).ToHashSet();
        foreach (var e in inputs.Episodes)
        {
            if (period.Contains(e.StartDate) && !e.ContinuesTransfer && covered.TryGetValue(e.Pathway, out var pathway))
            {
                figures.Add(e.Pathway, e.Unit, e.Hf, e.Rhf, null, null, numerator: reached.Contains(e.Id) ? 1 : 0, unverified: !pathway.Provenance.Verified);
            }
        }
    }

    private static void Count(IndicatorDefinition definition, IndicatorInputs inputs, Dictionary<string, Pathway> covered, ReportingPeriod period, Figures figures)
    {
        foreach (var e in inputs.Episodes)
        {
            if (!covered.ContainsKey(e.Pathway))
            {
                continue;
            }
            var counted = definition.Counting switch
            {
                CountedEpisodes.Started => period.Contains(e.StartDate) && !e.ContinuesTransfer,
                CountedEpisodes.Completed => e.TreatmentDate is { } t && period.Contains(t) && definition.Treatments.Contains(e.Treatment),
                CountedEpisodes.EndedWithoutTreatment => e.EndDate is { } end && period.Contains(end)
                    && (e.State is EpisodeState.EndedByDecision or EpisodeState.Stopped
                        || (e.State == EpisodeState.TreatmentStarted && definition.Treatments.Contains(e.Treatment))),
                // Open on the period's last day: started by then, and not ended by then.
                CountedEpisodes.StillOpen => e.StartDate <= period.End && (e.EndDate is { } end ? end > period.End : e.IsOpen),
                _ => false,
            };
            if (counted)
            {
                figures.Add(e.Pathway, e.Unit, e.Hf, e.Rhf, null, null, numerator: null, unverified: !covered[e.Pathway].Provenance.Verified);
            }
        }
    }

    private static void Distribution(IndicatorDefinition definition, IndicatorInputs inputs, Dictionary<string, Pathway> covered, ReportingPeriod period, Figures figures)
    {
        foreach (var i in inputs.Intervals)
        {
            if (!period.Contains(i.ToDate) || !covered.ContainsKey(i.Pathway) || !definition.Intervals.Contains(i.Interval, StringComparer.Ordinal)
                || (definition.Treatments.Count > 0 && !definition.Treatments.Contains(i.Treatment)))
            {
                continue;
            }
            figures.Add(i.Pathway, i.Unit, i.Hf, i.Rhf, i.Interval, EnumNames.Of(i.Treatment), numerator: null, value: i.Length, unverified: !covered[i.Pathway].Provenance.Verified);
        }
    }

    private static void Inclusion(IndicatorDefinition definition, IndicatorInputs inputs, Dictionary<string, Pathway> covered, OrganisationDirectory organisations,
        ReportingPeriod period, Figures figures, List<string> warnings)
    {
        // Counted per patient, as the Cancer Registry counts new cancer cases: a patient with listed decisions in two
        // pathways (or two HFs) in the period is one included patient, counted where the first decision was taken.
        var included = inputs.Episodes
            .Where(e => e.DecisionDate is { } d && period.Contains(d) && covered.ContainsKey(e.Pathway) && definition.Decisions.Contains(e.Decision))
            .GroupBy(e => e.PatientId == 0 ? -e.Id : e.PatientId)
            .Select(patient => patient.OrderBy(e => e.DecisionDate).ThenBy(e => e.Id).First());
        foreach (var e in included)
        {
            figures.Add(IndicatorFigure.AllPathways, e.Unit, e.Hf, e.Rhf, null, null, numerator: 1, unverified: !covered[e.Pathway].Provenance.Verified);
        }
        // Or a point reached in the period: the end of a named interval (a needs assessment in hospital), where it was registered.
        foreach (var i in inputs.Intervals)
        {
            if (period.Contains(i.ToDate) && covered.TryGetValue(i.Pathway, out var pathway) && definition.Intervals.Contains(i.Interval, StringComparer.Ordinal))
            {
                figures.Add(IndicatorFigure.AllPathways, i.Unit, i.Hf, i.Rhf, null, null, numerator: 1, unverified: !pathway.Provenance.Verified);
            }
        }
        // The denominator: new cancer cases per HF, given for periods that must lie inside this one and cover it whole.
        var byHf = inputs.NewCases.Where(c => c.From <= period.End && c.To >= period.Start).GroupBy(c => c.Hf, StringComparer.Ordinal);
        var denominators = new Dictionary<string, int?>(StringComparer.Ordinal);
        foreach (var hf in byHf)
        {
            var rows = hf.OrderBy(c => c.From).ToList();
            var outside = rows.FirstOrDefault(c => c.From < period.Start || c.To > period.End);
            var covers = rows[0].From == period.Start && rows[^1].To == period.End
                && rows.Zip(rows.Skip(1)).All(pair => pair.First.To.PlusDays(1) == pair.Second.From);
            if (outside is not null)
            {
                warnings.Add($"new cancer cases of {hf.Key} are given for {Day(outside.From)}–{Day(outside.To)}, which does not lie inside {period.Text}: no share for {hf.Key}");
                denominators[hf.Key] = null;
            }
            else if (!covers)
            {
                warnings.Add($"new cancer cases of {hf.Key} cover only part of {period.Text}: no share for {hf.Key}");
                denominators[hf.Key] = null;
            }
            else
            {
                denominators[hf.Key] = rows.Sum(c => c.Count);
            }
        }
        foreach (var hf in figures.Organisations(OrganisationLevel.Hf).Where(h => !denominators.ContainsKey(h)).ToList())
        {
            warnings.Add($"no new cancer cases of {hf} were imported for {period.Text}: no share for {hf}");
            denominators[hf] = null;
        }
        foreach (var (hf, count) in denominators)
        {
            var rhf = organisations.RhfOf(hf)?.Code ?? "";
            figures.SetDenominator(OrganisationLevel.Hf, hf, rhf, count);
        }
        foreach (var rhf in denominators.GroupBy(kv => organisations.RhfOf(kv.Key)?.Code ?? "", StringComparer.Ordinal))
        {
            figures.SetDenominator(OrganisationLevel.Rhf, rhf.Key, null, rhf.All(kv => kv.Value is not null) ? rhf.Sum(kv => kv.Value) : null);
        }
        figures.SetDenominator(OrganisationLevel.Nation, null, null,
            denominators.Count > 0 && denominators.Values.All(v => v is not null) ? denominators.Values.Sum() : null);
    }


    private static string Day(LocalDate date) => IsoDate.Text(date);

    /// <summary>
    /// Median and quartiles by linear interpolation between the closest ranks (R's type 7, Excel's QUARTILE.INC),
    /// rounded to one decimal.
    /// </summary>
    public static IntervalQuartiles Quartiles(IReadOnlyList<long> values)
    {
        ArgumentOutOfRangeException.ThrowIfZero(values.Count);
        var sorted = values.Order().ToArray();
        return new IntervalQuartiles(At(0.25m), At(0.5m), At(0.75m));

        decimal At(decimal p)
        {
            var h = (sorted.Length - 1) * p;
            var low = (int)Math.Floor(h);
            var high = Math.Min(low + 1, sorted.Length - 1);
            return Math.Round(sorted[low] + (h - low) * (sorted[high] - sorted[low]), 1, MidpointRounding.AwayFromZero);
        }
    }

    /// <summary>Sums facts into figures at every level, for the pathway and for all pathways (and every treatment type).</summary>
    private sealed class Figures(IndicatorDefinition definition)
    {
        private sealed class Cell
        {
            public int Count;
            public int? Numerator;
            public bool CountKnown = true;
            public List<long>? Values;
            public int Without;
            public bool Unverified;
        }

        private readonly Dictionary<(string Pathway, OrganisationLevel Level, string? Organisation, string? Parent, string? Interval, string? Treatment), Cell> _cells = [];

        public void Add(string pathway, string unit, string hf, string rhf, string? interval, string? treatment, int? numerator, long? value = null,
            bool withoutStandard = false, bool unverified = false)
        {
            foreach (var p in pathway == IndicatorFigure.AllPathways ? [pathway] : new[] { pathway, IndicatorFigure.AllPathways })
            {
                foreach (var level in Levels)
                {
                    var (organisation, parent) = level switch
                    {
                        OrganisationLevel.Unit => (unit, hf),
                        OrganisationLevel.Hf => (hf, rhf),
                        OrganisationLevel.Rhf => (rhf, (string?)null),
                        _ => ((string?)null, (string?)null),
                    };
                    Put((p, level, organisation, parent, interval, treatment));
                    if (treatment is not null)
                    {
                        Put((p, level, organisation, parent, interval, null));
                    }
                }
            }

            void Put((string, OrganisationLevel, string?, string?, string?, string?) key)
            {
                if (!_cells.TryGetValue(key, out var cell))
                {
                    cell = new Cell();
                    _cells[key] = cell;
                }
                if (withoutStandard)
                {
                    cell.Without++;
                }
                else
                {
                    cell.Count++;
                }
                cell.Unverified |= unverified;
                if (numerator is { } n)
                {
                    cell.Numerator = (cell.Numerator ?? 0) + n;
                }
                if (value is { } v)
                {
                    (cell.Values ??= []).Add(v);
                }
            }
        }

        public IEnumerable<string> Organisations(OrganisationLevel level) =>
            _cells.Keys.Where(k => k.Level == level && k.Organisation is not null).Select(k => k.Organisation!).Distinct(StringComparer.Ordinal);

        /// <summary>Inclusion: the count of a figure is the imported denominator, not the number of facts.</summary>
        public void SetDenominator(OrganisationLevel level, string? organisation, string? parent, int? count)
        {
            var key = _cells.Keys.FirstOrDefault(k => k.Level == level && string.Equals(k.Organisation, organisation, StringComparison.Ordinal));
            if (key.Pathway is null)
            {
                key = (IndicatorFigure.AllPathways, level, organisation, parent, null, null);
                _cells[key] = new Cell { Numerator = 0 };
            }
            var cell = _cells[key];
            cell.Count = count ?? 0;
            cell.CountKnown = count is not null;
        }

        public List<IndicatorFigure> Build()
        {
            // The national total is always there, even when nothing was counted.
            var nation = (IndicatorFigure.AllPathways, OrganisationLevel.Nation, (string?)null, (string?)null, (string?)null, (string?)null);
            if (definition.Kind != IndicatorKind.Distribution && !_cells.ContainsKey(nation))
            {
                _cells[nation] = new Cell { Numerator = definition.IsShare ? 0 : null, CountKnown = definition.Kind != IndicatorKind.Inclusion };
            }
            var intervalOrder = definition.Intervals.Select((id, i) => (id, i)).ToDictionary(x => x.id, x => x.i, StringComparer.Ordinal);
            return _cells
                .OrderBy(kv => kv.Key.Level)
                .ThenBy(kv => kv.Key.Pathway == IndicatorFigure.AllPathways ? 1 : 0)
                .ThenBy(kv => kv.Key.Pathway, StringComparer.Ordinal)
                .ThenBy(kv => kv.Key.Organisation ?? "", StringComparer.Ordinal)
                .ThenBy(kv => kv.Key.Interval is null ? -1 : intervalOrder.GetValueOrDefault(kv.Key.Interval, int.MaxValue))
                .ThenBy(kv => kv.Key.Treatment is null ? -1 : EnumNames.TryParse<TreatmentType>(kv.Key.Treatment, out var t) ? (int)t : int.MaxValue)
                .Select(kv => new IndicatorFigure(kv.Key.Pathway, kv.Key.Level, kv.Key.Organisation, kv.Key.Parent, kv.Key.Interval, kv.Key.Treatment,
                    // Inclusion has no denominator below the HF: the new cancer cases are given per HF.
                    kv.Value.CountKnown && !(definition.Kind == IndicatorKind.Inclusion && kv.Key.Level == OrganisationLevel.Unit) ? kv.Value.Count : null,
                    definition.IsShare ? kv.Value.Numerator ?? 0 : null,
                    kv.Value.Values is { Count: > 0 } values ? Quartiles(values) : null,
                    WithoutStandard: definition.Kind == IndicatorKind.ShareWithinStandard ? kv.Value.Without : null,
                    Unverified: kv.Value.Unverified))
                .ToList();
        }
    }
}
