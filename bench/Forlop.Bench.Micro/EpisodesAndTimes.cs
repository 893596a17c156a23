using BenchmarkDotNet.Attributes;
using Forlop.App.Features.Import;
using Forlop.Domain.PathwayTimes;
using Forlop.Domain.Registry;
using NodaTime;

namespace Forlop.Bench.Micro;

/// <summary>
/// The import's second stage and what it stores: checked rows applied to their patients' records (PatientRecord,
/// EpisodeLinker), and each resulting episode measured by the interval engine (PathwayTimeEngine) as the import does
/// before writing it (EpisodeRows: the last event's date stands in for today). The first 10 000 rows of a demo year.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(ShortJob))]
public class EpisodesAndTimes
{
    public const int Rows = 10_000;
    // The first episodes the rows form (they form more): a constant, so that figures are per episode.
    public const int Episodes = 2_500;

    private ParsedEventRow[] _rows = [];
    private EpisodeLinker _linker = null!;
    private (Episode Episode, LocalDate LastEvent)[] _episodes = [];

    [GlobalSetup]
    public async Task SetUpAsync()
    {
        var inputs = await DemoInputs.OpenAsync();
        var file = DemoInputs.FirstRows(inputs.WriteDemoYear(4_000), Rows);
        var parser = new EventRowParser(inputs.Catalogue, inputs.Organisations);
        _rows = EventsFile.ReadRows(new MemoryStream(file)).Select(r => parser.Parse(r.Fields!, inputs.Today, out _)!).ToArray();
        _linker = new EpisodeLinker(inputs.Catalogue, inputs.Organisations);
        var (records, refused) = Link();
        var episodes = records.Values.SelectMany(r => r.Episodes).ToList();
        Console.WriteLine($"// {Rows} rows: {records.Count} patients, {episodes.Count} episodes, {refused} rows refused by the linker");
        if (episodes.Count < Episodes || refused > Rows / 100)
        {
            throw new InvalidOperationException($"the demo rows formed {episodes.Count} episodes ({refused} rows refused)");
        }
        _episodes = episodes.Take(Episodes).Select(e => (e, e.Events.Max(x => x.Date))).ToArray();
    }

    /// <summary>Applying a checked row to its patient's record: stored, and the patient's episodes linked again.</summary>
    [Benchmark(OperationsPerInvoke = Rows)]
    public int ApplyRow() => Link().Records.Count;

    /// <summary>Measuring an episode's intervals against the standards (national times, across transfers).</summary>
    [Benchmark(OperationsPerInvoke = Episodes)]
    public int MeasureEpisode()
    {
        var intervals = 0;
        foreach (var (episode, lastEvent) in _episodes)
        {
            intervals += PathwayTimeEngine.Measure(episode, lastEvent).Intervals.Count;
        }
        return intervals;
    }

    // As the import's ImportSession applies a chunk into an empty registry (duplicates do not occur in the demo).
    private (Dictionary<string, PatientRecord> Records, int Refused) Link()
    {
        var records = new Dictionary<string, PatientRecord>(StringComparer.Ordinal);
        var refused = 0;
        long id = 1;
        foreach (var row in _rows)
        {
            if (!records.TryGetValue(row.Patient.Value, out var record))
            {
                record = new PatientRecord(_linker, []);
                records[row.Patient.Value] = record;
            }
            if (record.Apply(row.Submission, id) is null)
            {
                id++;
            }
            else
            {
                refused++;
            }
        }
        return (records, refused);
    }
}
