using Forlop.Domain.Catalogue;
using Forlop.Domain.Indicators;
using NodaTime;

namespace Forlop.App.Features.Dashboards;

/// <summary>
/// The dashboard's counts per pathway × organisation × month, and what each stored episode added to them, so that
/// a patient's re-derived episodes can be taken out and put back without counting everything again. Per episode it
/// keeps only an organisation slot and a few month numbers (20 bytes): no patient, no dates, nothing to show.
/// Not thread-safe: <see cref="DashboardCube"/> changes it under its lock and publishes immutable snapshots.
/// </summary>
internal sealed class DashboardTally
{
    /// <summary>Counts kept per month: the measures, with still-open kept as its changes (+1 opening, −1 closing).</summary>
    internal const int Measures = 8;
    private const ushort NoMonth = 0;

    private readonly Dictionary<(string Pathway, string Unit, string Hf, string Rhf), int> _slotIndex = [];
    private readonly List<TallySlot> _slots = [];
    private readonly List<int[]> _counts = [];
    private readonly Dictionary<(string Pathway, TreatmentType Treatment), int[]> _noStandard = [];

    // Episodes as first loaded, sorted by id (binary search), and those added or changed since.
    private long[] _ids = [];
    private EpisodeTally[] _tallies = [];
    private readonly Dictionary<long, EpisodeTally> _changed = [];
    // The rare episode with more than one counted interval keeps the others here.
    private readonly Dictionary<long, List<IntervalTally>> _moreIntervals = [];

    public int FirstMonth { get; private set; }
    public int MonthSpan { get; private set; }
    public IReadOnlyList<TallySlot> Slots => _slots;
    public IReadOnlyList<int[]> Counts => _counts;
    public IReadOnlyDictionary<(string Pathway, TreatmentType Treatment), int[]> NoStandard => _noStandard;
    public int Episodes { get; private set; }

    /// <summary>A month as a number: year × 12 + month − 1.</summary>
    public static int MonthNumber(LocalDate date) => MonthNumber(date.Year, date.Month);

    public static int MonthNumber(int year, int month) =>
        year is >= 1 and <= 5000 ? year * 12 + month - 1 : throw new ArgumentOutOfRangeException(nameof(year), year, "the dashboard counts months of years 1–5000");

    public static int Index(DashboardMeasure measure, int monthIndex, int span) => (int)measure * span + monthIndex;

    private readonly Dictionary<string, int> _slotByKey = new(StringComparer.Ordinal);

    /// <summary>The slots by key "pathway|unit|hf|rhf", looked up by characters without making a string.</summary>
    public Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> SlotKeys => _slotByKey.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>The slot of a key "pathway|unit|hf|rhf", as the cube's query gives it.</summary>
    public int Slot(string key)
    {
        if (!_slotByKey.TryGetValue(key, out var slot))
        {
            var parts = key.Split('|');
            if (parts.Length != 4)
            {
                throw new FormatException($"'{key}' is not pathway|unit|hf|rhf");
            }
            slot = Slot(parts[0], parts[1], parts[2], parts[3]);
            _slotByKey[key] = slot;
        }
        return slot;
    }

    /// <summary>The organisation slot of an episode: its pathway and where it is counted.</summary>
    public int Slot(string pathway, string unit, string hf, string rhf)
    {
        if (!_slotIndex.TryGetValue((pathway, unit, hf, rhf), out var slot))
        {
            slot = _slots.Count;
            _slotIndex[(pathway, unit, hf, rhf)] = slot;
            _slots.Add(new TallySlot(pathway, unit, hf, rhf));
            _counts.Add(new int[Measures * MonthSpan]);
        }
        return slot;
    }

    public static EpisodeTally Tally(int slot, EpisodeCounts counts) => new()
    {
        Slot = slot,
        Started = Month(counts.Started),
        Completed = Month(counts.Completed),
        Ended = Month(counts.EndedWithoutTreatment),
        OpenFrom = Month(counts.OpenFrom),
        OpenUntil = Month(counts.OpenUntil),
    };

    public static IntervalTally Interval(LocalDate reached, IntervalCount count, TreatmentType treatment, bool unverified = false) =>
        new(Month(reached), count, treatment, unverified);

    /// <summary>Replaces the whole tally with these episodes (sorted by id, as the first load reads them).</summary>
    public void Load(long[] ids, EpisodeTally[] tallies, Dictionary<long, List<IntervalTally>> moreIntervals)
    {
        _ids = ids;
        _tallies = tallies;
        _changed.Clear();
        _moreIntervals.Clear();
        foreach (var (id, list) in moreIntervals)
        {
            _moreIntervals[id] = list;
        }
        foreach (var counts in _counts)
        {
            Array.Clear(counts);
        }
        foreach (var counts in _noStandard.Values)
        {
            Array.Clear(counts);
        }
        Episodes = 0;
        for (var i = 0; i < ids.Length; i++)
        {
            Apply(ids[i], tallies[i], +1);
        }
    }

    /// <summary>Takes an episode's counts out, if the tally holds it; returns whether it did.</summary>
    public bool Remove(long id)
    {
        if (_changed.Remove(id, out var changed))
        {
            Apply(id, changed, -1);
            _moreIntervals.Remove(id);
            return true;
        }
        var i = Array.BinarySearch(_ids, id);
        if (i < 0 || _tallies[i].Slot < 0)
        {
            return false;
        }
        Apply(id, _tallies[i], -1);
        _tallies[i].Slot = -1;
        _moreIntervals.Remove(id);
        return true;
    }

    /// <summary>Adds an episode that the tally does not hold (take its old version out first).</summary>
    public void Add(long id, EpisodeTally tally, List<IntervalTally>? moreIntervals)
    {
        _changed.Add(id, tally);
        if (moreIntervals is { Count: > 0 })
        {
            _moreIntervals[id] = moreIntervals;
        }
        Apply(id, tally, +1);
    }

    private void Apply(long id, EpisodeTally t, int sign)
    {
        if (t.Slot < 0)
        {
            return;
        }
        Episodes += sign;
        Count(t.Slot, DashboardMeasure.Started, t.Started, sign);
        Count(t.Slot, DashboardMeasure.Completed, t.Completed, sign);
        Count(t.Slot, DashboardMeasure.EndedWithoutTreatment, t.Ended, sign);
        if (t.OpenFrom != NoMonth)
        {
            Count(t.Slot, DashboardMeasure.StillOpen, t.OpenFrom, sign);
            Count(t.Slot, DashboardMeasure.StillOpen, t.OpenUntil, -sign);
        }
        if (t.IntervalCount != IntervalCount.NotCounted)
        {
            Count(t.Slot, new IntervalTally(t.IntervalMonth, t.IntervalCount, t.IntervalTreatment, t.IntervalUnverified), sign);
        }
        if (_moreIntervals.TryGetValue(id, out var more))
        {
            foreach (var interval in more)
            {
                Count(t.Slot, interval, sign);
            }
        }
    }

    private void Count(int slot, IntervalTally interval, int sign)
    {
        if (interval.Unverified)
        {
            Count(slot, DashboardMeasure.Unverified, interval.Month, sign);
        }
        switch (interval.Count)
        {
            case IntervalCount.Within:
                Count(slot, DashboardMeasure.Measured, interval.Month, sign);
                Count(slot, DashboardMeasure.WithinStandard, interval.Month, sign);
                break;
            case IntervalCount.Over:
                Count(slot, DashboardMeasure.Measured, interval.Month, sign);
                break;
            case IntervalCount.NoStandard:
                Count(slot, DashboardMeasure.WithoutStandard, interval.Month, sign);
                var key = (_slots[slot].Pathway, interval.Treatment);
                if (!_noStandard.TryGetValue(key, out var counts))
                {
                    counts = new int[MonthSpan];
                    _noStandard[key] = counts;
                }
                Cover(interval.Month);
                _noStandard[key][interval.Month - FirstMonth] += sign;
                break;
        }
    }

    private void Count(int slot, DashboardMeasure measure, ushort month, int sign)
    {
        if (month == NoMonth)
        {
            return;
        }
        Cover(month);
        _counts[slot][Index(measure, month - FirstMonth, MonthSpan)] += sign;
    }

    /// <summary>Widens the months kept to hold <paramref name="month"/>, whole years at a time.</summary>
    private void Cover(int month)
    {
        if (MonthSpan > 0 && month >= FirstMonth && month < FirstMonth + MonthSpan)
        {
            return;
        }
        var first = MonthSpan == 0 ? month / 12 * 12 : Math.Min(FirstMonth, month / 12 * 12);
        var end = MonthSpan == 0 ? first + 12 : Math.Max(FirstMonth + MonthSpan, (month / 12 + 1) * 12);
        var span = end - first;
        for (var s = 0; s < _counts.Count; s++)
        {
            var widened = new int[Measures * span];
            for (var m = 0; m < Measures && MonthSpan > 0; m++)
            {
                Array.Copy(_counts[s], m * MonthSpan, widened, m * span + (FirstMonth - first), MonthSpan);
            }
            _counts[s] = widened;
        }
        foreach (var key in _noStandard.Keys.ToList())
        {
            var widened = new int[span];
            if (MonthSpan > 0)
            {
                Array.Copy(_noStandard[key], 0, widened, FirstMonth - first, MonthSpan);
            }
            _noStandard[key] = widened;
        }
        FirstMonth = first;
        MonthSpan = span;
    }

    private static ushort Month(LocalDate? date) => date is { } d ? (ushort)MonthNumber(d) : NoMonth;
}

/// <summary>Where counts are kept: a pathway at the organisation that registered the start, with its HF and RHF.</summary>
internal sealed record TallySlot(string Pathway, string Unit, string Hf, string Rhf);

/// <summary>What one episode adds to the counts: month numbers (0: none) in its slot, and its counted interval.</summary>
internal struct EpisodeTally
{
    public int Slot;
    public ushort Started;
    public ushort Completed;
    public ushort Ended;
    public ushort OpenFrom;
    /// <summary>The month the episode stops being open in; 0 while it is open today.</summary>
    public ushort OpenUntil;
    public ushort IntervalMonth;
    // Bytes, not the enums (ints): 20 bytes an episode instead of 24.
    private byte _intervalCount;
    private byte _intervalTreatment;

    // The high bit of the count's byte: the interval rests on an unverified pathway or standard.
    private const byte UnverifiedBit = 0x80;

    public readonly IntervalCount IntervalCount => (IntervalCount)(_intervalCount & ~UnverifiedBit);
    public readonly bool IntervalUnverified => (_intervalCount & UnverifiedBit) != 0;
    public readonly TreatmentType IntervalTreatment => (TreatmentType)_intervalTreatment;

    public void Set(IntervalTally interval)
    {
        IntervalMonth = interval.Month;
        _intervalCount = (byte)((byte)interval.Count | (interval.Unverified ? UnverifiedBit : 0));
        _intervalTreatment = (byte)interval.Treatment;
    }
}

/// <summary>
/// A counted interval: the month its end point was reached, how it counts, its treatment type (for the warnings), and
/// whether it rests on a pathway or standard no source confirms.
/// </summary>
internal readonly record struct IntervalTally(ushort Month, IntervalCount Count, TreatmentType Treatment, bool Unverified = false);
