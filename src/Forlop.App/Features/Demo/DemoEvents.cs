using System.Globalization;
using Forlop.Domain.Catalogue;
using Forlop.Domain.Organisations;
using Forlop.Domain.Patients;
using NodaTime;
using Forlop.Domain;

namespace Forlop.App.Features.Demo;

/// <summary>
/// Writes a realistic synthetic events file: a year of national volume of cancer pathways spread over the HFs by
/// population and over the pathways by incidence, interval lengths drawn around the standards with some breaches,
/// and every kind of event — decisions that end the pathway, stops, transfers, corrections and withdrawals —
/// plus mental-health and stroke pathways, and Pakkeforløp hjem after a cancer diagnosis with the new cancer cases
/// that are its and the inclusion indicator's denominator. Identity numbers are synthetic (month + 80). Deterministic per seed.
/// </summary>
public sealed class DemoEvents(PathwayCatalogue catalogue, OrganisationDirectory organisations, int seed)
{
    // Approximate population served (thousands), so volumes follow the real spread.
    private static readonly Dictionary<string, int> Population = new(StringComparer.Ordinal)
    {
        ["AHUS"] = 600, ["OUS"] = 300, ["SI"] = 380, ["SO"] = 320, ["SIV"] = 250, ["STHF"] = 170, ["SSHF"] = 310, ["VV"] = 500,
        ["LDS"] = 190, ["DIAK"] = 140, ["SUS"] = 380, ["FONNA"] = 180, ["HB"] = 460, ["FORDE"] = 110, ["HDS"] = 150,
        ["STO"] = 340, ["HMR"] = 270, ["HNT"] = 140, ["UNN"] = 190, ["NLSH"] = 140, ["HSYK"] = 80, ["FIN"] = 75,
    };

    // Relative incidence of the organ-specific pathways (largest: prostate, breast, colorectal, lung).
    private static readonly Dictionary<string, int> Incidence = new(StringComparer.Ordinal)
    {
        ["A16"] = 50, ["A01"] = 38, ["A12"] = 45, ["A24"] = 34, ["A27"] = 25, ["A30"] = 12, ["A15"] = 14, ["A17"] = 9,
        ["A11"] = 8, ["A02"] = 8, ["A32"] = 7, ["A91"] = 8, ["A22"] = 4, ["A21"] = 5, ["A26"] = 5, ["A31"] = 5,
        ["A37"] = 3, ["A34"] = 3, ["A40"] = 2, ["A38"] = 2, ["A19"] = 3, ["A36"] = 2, ["A18"] = 1, ["A35"] = 1,
    };

    private static readonly string[] EndingDecisions = ["CA", "CI", "CI", "CM"];

    private readonly Random _random = new(seed);
    // Pakkeforløp hjem and the new cases draw from their own generator and number their own records, so the pathways
    // above are the same rows with the same record ids as before they were added (figures and tests that rest on them hold).
    private readonly Random _home = new(unchecked(seed * 31 + 7));
    private readonly List<string> _homeRows = [];
    private readonly Dictionary<(string Hf, int Year, int Month), int> _diagnoses = [];
    private int _record;
    private int _homeRecord;
    private LocalDate _firstMonth, _lastMonth;
    private readonly HashSet<string> _patients = new(StringComparer.Ordinal);

    public static readonly string Header = "record_id,patient_id,organisation,code,date,time,outcome,replaces,cancel,setting";

    /// <summary>Writes the file; returns the number of rows.</summary>
    public int Write(TextWriter output, int year, int cancerPathways, LocalDate today) => Write(output, year, 1, cancerPathways, today);

    /// <summary>Writes <paramref name="years"/> consecutive years into one file (patients and record ids unique across them).</summary>
    public int Write(TextWriter output, int firstYear, int years, int cancerPathwaysPerYear, LocalDate today)
    {
        output.Write(Header + "\n");
        (_firstMonth, _lastMonth) = (new LocalDate(firstYear, 1, 1), Min(new LocalDate(firstYear + years - 1, 12, 1), new LocalDate(today.Year, today.Month, 1)));
        var rows = 0;
        for (var year = firstYear; year < firstYear + years; year++)
        {
            rows += WriteYear(output, year, cancerPathwaysPerYear, today);
        }
        return rows;
    }

    private int WriteYear(TextWriter output, int year, int cancerPathways, LocalDate today)
    {
        var rows = 0;
        var hfs = Population.Keys.Where(k => organisations.HfOf(k) is not null).ToList();
        var cancer = Incidence.Where(kv => catalogue.Pathway(kv.Key) is { } p && p.IsInForceOn(new LocalDate(year, 12, 31))).ToList();
        var first = new LocalDate(year, 1, 1);
        var last = Min(new LocalDate(year, 12, 31), today);
        var days = Math.Max(1, Period.Between(first, last, PeriodUnits.Days).Days + 1);
        for (var i = 0; i < cancerPathways; i++)
        {
            var pathway = catalogue.Pathway(Pick(cancer))!;
            var hf = Pick(hfs.Select(h => new KeyValuePair<string, int>(h, Population[h])).ToList());
            var start = first.PlusDays(_random.Next(days));
            if (!pathway.IsInForceOn(start))
            {
                continue;
            }
            rows += WriteCancerPathway(output, pathway, hf, hfs, start, today);
        }
        rows += WriteMentalHealth(output, cancerPathways / 10, hfs, first, days, today);
        rows += WriteStroke(output, cancerPathways / 20, hfs, first, days, today);
        foreach (var row in _homeRows)
        {
            output.Write(row);
        }
        rows += _homeRows.Count;
        _homeRows.Clear();
        return rows;
    }

    /// <summary>
    /// New cancer cases per HF and month, as the Cancer Registry would give them (the denominator of the inclusion and
    /// Pakkeforløp hjem indicators): the cancers diagnosed in a pathway, plus the fifth or so found outside one (the
    /// plan's target is 70 % included). Complete after <see cref="Write(TextWriter, int, int, int, LocalDate)"/>.
    /// </summary>
    public IEnumerable<(string Hf, int Year, int Month, int Count)> NewCancerCases()
    {
        // Every HF and every month written, a month without a diagnosis in a pathway too: a share needs its whole period.
        var hfs = Population.Keys.Where(k => organisations.HfOf(k) is not null).Order(StringComparer.Ordinal).ToList();
        foreach (var hf in hfs)
        {
            for (var month = _firstMonth; month <= _lastMonth; month = month.PlusMonths(1))
            {
                var diagnosed = _diagnoses.GetValueOrDefault((hf, month.Year, month.Month));
                yield return (hf, month.Year, month.Month, (int)Math.Round(diagnosed * (1.15 + 0.25 * _home.NextDouble())) + _home.Next(0, 2));
            }
        }
    }

    /// <summary>
    /// Pakkeforløp hjem (reference/pathways.md §3): a patient whose cancer is confirmed in a pathway is included on the day
    /// of the decision; most get the needs assessment in hospital within weeks, some never in the registry.
    /// </summary>
    private void AddHome(string patient, string hf, LocalDate diagnosis, LocalDate today)
    {
        if (diagnosis > today)
        {
            return;
        }
        _diagnoses[(hf, diagnosis.Year, diagnosis.Month)] = _diagnoses.GetValueOrDefault((hf, diagnosis.Year, diagnosis.Month)) + 1;
        var home = catalogue.Pathway("HJEM");
        if (home is null || !home.IsInForceOn(diagnosis) || _home.NextDouble() >= 0.8)
        {
            return;
        }
        var start = home.Events.First(e => e.Kind == EventKind.Start).Code;
        _homeRows.Add(Row(HomeRecord(), patient, hf, start, diagnosis, null, null, null, false));
        var assessed = diagnosis.PlusDays(_home.Next(2, 45));
        if (_home.NextDouble() < 0.75 && assessed <= today)
        {
            var assessment = home.Events.First(e => e.Kind == EventKind.NeedsAssessment).Code;
            _homeRows.Add(Row(HomeRecord(), patient, hf, assessment, assessed, null, null, null, false));
        }
    }

    private string HomeRecord() => "demo-hjem-" + (++_homeRecord).ToString("D6", CultureInfo.InvariantCulture);

    private int WriteCancerPathway(TextWriter output, Pathway pathway, string hf, List<string> hfs, LocalDate start, LocalDate today)
    {
        var patient = NewPatient(start, minAge: pathway.Code == "A35" ? 1 : 30, maxAge: pathway.Code == "A35" ? 17 : 90);
        var rows = new List<string>();
        string Code(string letters) => pathway.Code + letters;
        void Add(string org, string code, LocalDate date, string? replaces = null, bool cancel = false)
        {
            if (date > today)
            {
                return;
            }
            rows.Add(Row(NextRecord(), patient, org, code, date, null, null, replaces, cancel));
        }

        var of4 = pathway.Interval("OF4");
        var treatments = new[] { ("FK", TreatmentType.Surgery), ("FM", TreatmentType.Drug), ("FS", TreatmentType.Radiotherapy) }
            .Where(t => of4?.StandardOn(start, t.Item2) is not null).ToList();
        if (treatments.Count == 0)
        {
            treatments = [("FK", TreatmentType.Surgery), ("FM", TreatmentType.Drug)];
        }
        var (letters, type) = treatments[_random.Next(treatments.Count)];
        var standard = of4?.StandardOn(start, type)?.Limit ?? 40;
        // Total time around the standard: about a third of pathways breach it, as in the published results.
        var total = Math.Max(3, (int)Math.Round(standard * LogNormal(-0.08, 0.28)));
        var attendance = start.PlusDays(Math.Max(0, (int)(total * (0.15 + 0.1 * _random.NextDouble()))));
        var decision = attendance.PlusDays(Math.Max(0, (int)(total * (0.35 + 0.15 * _random.NextDouble()))));
        var treatment = start.PlusDays(total);
        if (decision > treatment)
        {
            decision = treatment;
        }

        Add(hf, Code("A"), start);
        var roll = _random.NextDouble();
        var currentHf = hf;
        if (roll < 0.06)
        {
            // Transfer: responsibility moves to another HF in the region, which registers its own start.
            var rhf = organisations.RhfOf(hf)!.Code;
            var others = hfs.Where(h => h != hf && organisations.RhfOf(h)!.Code == rhf).ToList();
            if (others.Count > 0)
            {
                var sent = start.PlusDays(_random.Next(1, 4));
                Add(hf, Code("O"), sent);
                currentHf = others[_random.Next(others.Count)];
                Add(currentHf, Code("A"), sent.PlusDays(_random.Next(0, 3)));
                if (attendance < sent.PlusDays(3))
                {
                    attendance = sent.PlusDays(3);
                }
                if (decision < attendance) decision = attendance;
                if (treatment < decision) treatment = decision;
            }
        }
        if (_random.NextDouble() < 0.95)
        {
            Add(currentHf, Code("S"), attendance);
        }
        if (roll is >= 0.06 and < 0.16)
        {
            // Ended without treatment: other disease, no disease, or another cancer.
            Add(currentHf, Code(EndingDecisions[_random.Next(EndingDecisions.Length)]), decision);
        }
        else if (roll is >= 0.16 and < 0.19)
        {
            Add(currentHf, Code("X"), decision);
        }
        else if (roll is >= 0.19 and < 0.22)
        {
            Add(currentHf, Code("CK"), decision);
            AddHome(patient, currentHf, decision, today);
            Add(currentHf, Code(_random.NextDouble() < 0.5 ? "FO" : "FL"), treatment);
        }
        else
        {
            if (_random.NextDouble() < 0.97)
            {
                Add(currentHf, Code("CK"), decision);
                AddHome(patient, currentHf, decision, today);
            }
            var treatmentRecord = _record + 1;
            Add(currentHf, Code(letters), treatment);
            var fix = _random.NextDouble();
            if (fix < 0.02 && treatment <= today)
            {
                // A correction: the treatment date was registered wrong and is corrected later.
                Add(currentHf, Code(letters), Max(decision, treatment.PlusDays(-_random.Next(0, 3))), replaces: Record(treatmentRecord));
            }
            else if (fix < 0.03 && treatment <= today)
            {
                // A withdrawal: the treatment start was registered on the wrong patient pathway and withdrawn.
                Add(currentHf, "", treatment, replaces: Record(treatmentRecord), cancel: true);
                Add(currentHf, Code(letters), treatment.PlusDays(1));
            }
        }
        foreach (var row in rows)
        {
            output.Write(row);
        }
        return rows.Count;
    }

    // Relative volume of the mental-health pathways (the general ones are most of them).
    private static readonly Dictionary<string, int> MentalHealthVolume = new(StringComparer.Ordinal)
    {
        ["D11"] = 45, ["D12"] = 30, ["D01"] = 15, ["DPSY"] = 4, ["DSPF"] = 3, ["DTVL"] = 2, ["DGRA"] = 1,
    };

    /// <summary>
    /// Mental-health pathways in both shapes hospitals send (reference/pathways.md §2): about half as the current shape
    /// (the type code with the start, then event + outcome pairs) and half as the older prefixed codes. Some are clear at
    /// the referral assessment (a decision without a first attendance), some need an extended assessment (a second decision).
    /// </summary>
    private int WriteMentalHealth(TextWriter output, int count, List<string> hfs, LocalDate first, int days, LocalDate today)
    {
        var pathways = MentalHealthVolume.Where(kv => catalogue.Pathway(kv.Key) is not null).ToList();
        var rows = 0;
        for (var i = 0; i < count && pathways.Count > 0; i++)
        {
            var pathway = catalogue.Pathway(Pick(pathways))!;
            var hf = hfs[_random.Next(hfs.Count)];
            var start = first.PlusDays(_random.Next(days));
            if (!pathway.IsInForceOn(start))
            {
                continue;
            }
            var current = _random.Next(2) == 0;
            // Most are assessed and treated in outpatient care; some inpatient; a few hospitals send no setting.
            var setting = _random.Next(10) switch { < 7 => "outpatient", < 9 => "inpatient", _ => null };
            var patient = NewPatient(start, pathway.Code.Value is "D12" or "DSPF" ? 6 : 18, pathway.Code.Value is "D12" or "DSPF" ? 17 : 80);
            var events = new List<(EventDefinition Point, LocalDate Date, string? Outcome)>();
            var date = start;
            events.Add((Point(pathway, EventKind.Start, null), date, null));
            if (_random.Next(10) > 0)
            {
                date = date.PlusDays(_random.Next(3, 30));
                events.Add((Point(pathway, EventKind.FirstAttendance, null), date, null));
            }
            // Clear at the referral assessment (no first attendance): the decision comes straight away.
            date = date.PlusDays(events.Count == 1 ? _random.Next(0, 3) : _random.Next(5, 50));
            if (_random.Next(7) == 0)
            {
                events.Add((Point(pathway, EventKind.Decision, "CU"), date, null));
                date = date.PlusDays(_random.Next(14, 60));
            }
            events.Add((Point(pathway, EventKind.Decision, _random.Next(5) == 0 ? "CK" : pathway.Code == "D01" ? "CT" : "CP"), date, null));
            for (var e = 0; e < _random.Next(0, 4); e++)
            {
                date = date.PlusDays(_random.Next(5, 70));
                events.Add((Point(pathway, EventKind.Evaluation, null), date, null));
            }
            if (_random.Next(3) == 0)
            {
                var end = Point(pathway, EventKind.End, null);
                events.Add((end, date.PlusDays(_random.Next(10, 90)), end.CurrentOutcomes.Count == 0 ? null : end.CurrentOutcomes[_random.Next(end.CurrentOutcomes.Count)]));
            }
            foreach (var (point, d, outcome) in events.Where(e => e.Point is not null && e.Date <= today))
            {
                var (code, o) = current && point.CurrentEvent is { } c
                    ? (c, outcome ?? (point.CurrentOutcomes.Count > 0 ? point.CurrentOutcomes[0] : null))
                    : (point.Code, (string?)null);
                output.Write(Row(NextRecord(), patient, hf, code, d, null, o, null, false, setting));
                rows++;
            }
        }
        return rows;

        static EventDefinition Point(Pathway pathway, EventKind kind, string? letters) =>
            pathway.Events.FirstOrDefault(e => e.Kind == kind && (letters is null || e.Code.Value.EndsWith(letters, StringComparison.Ordinal)))!;
    }

    private int WriteStroke(TextWriter output, int count, List<string> hfs, LocalDate first, int days, LocalDate today)
    {
        var pathway = catalogue.Pathway("HS");
        if (pathway is null)
        {
            return 0;
        }
        var points = pathway.Events.Where(e => e.Kind is EventKind.Start or EventKind.Measurement).OrderBy(e => e.Stage).ToList();
        var rows = 0;
        for (var i = 0; i < count; i++)
        {
            var hf = hfs[_random.Next(hfs.Count)];
            var date = first.PlusDays(_random.Next(days));
            if (date >= today || !pathway.IsInForceOn(date))
            {
                continue;
            }
            var patient = NewPatient(date, 40, 95);
            var at = date.AtMidnight().PlusMinutes(_random.Next(0, 18 * 60));
            foreach (var point in points.Take(_random.Next(2, points.Count + 1)))
            {
                output.Write(Row(NextRecord(), patient, hf, point.Code, at.Date, at.TimeOfDay, null, null, false));
                rows++;
                at = at.PlusMinutes(_random.Next(5, 45));
                if (at.Date > date)
                {
                    break;
                }
            }
        }
        return rows;
    }

    private static string Row(string record, string patient, string org, string code, LocalDate date, LocalTime? time, string? outcome, string? replaces, bool cancel, string? setting = null) =>
        string.Join(',',
            record, patient, org, code,
            cancel ? "" : IsoDate.Text(date),
            time?.ToString("HH:mm", CultureInfo.InvariantCulture) ?? "",
            outcome ?? "", replaces ?? "", cancel ? "true" : "", setting ?? "") + "\n";

    private string NextRecord() => Record(++_record);

    private static string Record(int n) => "demo-" + n.ToString("D7", CultureInfo.InvariantCulture);

    /// <summary>A synthetic identity number (month + 80) with valid check digits under the current rule.</summary>
    private string NewPatient(LocalDate on, int minAge, int maxAge)
    {
        while (true)
        {
            var birth = on.PlusYears(-_random.Next(minAge, maxAge + 1)).PlusDays(-_random.Next(0, 365));
            var individual = birth.Year >= 2000 ? _random.Next(500, 1000) : _random.Next(0, 500);
            if (NationalIdentityNumber.TryCreate(birth, individual, NationalIdentityNumberKind.Synthetic, out var number) && _patients.Add(number.Value))
            {
                return number.Value;
            }
        }
    }

    private string Pick(List<KeyValuePair<string, int>> weighted)
    {
        var total = weighted.Sum(w => w.Value);
        var x = _random.Next(total);
        foreach (var (key, weight) in weighted)
        {
            if ((x -= weight) < 0)
            {
                return key;
            }
        }
        return weighted[^1].Key;
    }

    private double LogNormal(double mu, double sigma)
    {
        // Box–Muller.
        var u1 = 1.0 - _random.NextDouble();
        var u2 = _random.NextDouble();
        var normal = Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
        return Math.Exp(mu + sigma * normal);
    }

    private static LocalDate Min(LocalDate a, LocalDate b) => a < b ? a : b;

    private static LocalDate Max(LocalDate a, LocalDate b) => a > b ? a : b;
}
