using BenchmarkDotNet.Attributes;
using Forlop.App.Features.Import;
using Forlop.Domain.Registry;
using NodaTime;

namespace Forlop.Bench.Micro;

/// <summary>
/// The import's first stage, per row: reading the CSV (EventsFile over EventsFileLines and CsvHelper) and checking each
/// field on its own (EventRowParser), over the first 10 000 rows of a demo year. Figures are per row.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(ShortJob))]
public class RowChecks
{
    public const int Rows = 10_000;

    private byte[] _file = [];
    private EventRowText[] _rows = [];
    private EventRowParser _parser = null!;
    private LocalDate _today;

    [GlobalSetup]
    public async Task SetUpAsync()
    {
        var inputs = await DemoInputs.OpenAsync();
        _file = DemoInputs.FirstRows(inputs.WriteDemoYear(4_000), Rows);
        _parser = new EventRowParser(inputs.Catalogue, inputs.Organisations);
        _today = inputs.Today;
        _rows = EventsFile.ReadRows(new MemoryStream(_file)).Select(r => r.Fields ?? throw new InvalidOperationException($"line {r.Line}: {r.Problem}")).ToArray();
        if (_rows.Length != Rows || _rows.Count(r => _parser.Parse(r, _today, out _) is not null) != Rows)
        {
            throw new InvalidOperationException("the demo rows should all be read and pass the field checks");
        }
    }

    /// <summary>Reading a row from the file's bytes into its ten fields.</summary>
    [Benchmark(OperationsPerInvoke = Rows)]
    public int ReadRow()
    {
        var read = 0;
        foreach (var row in EventsFile.ReadRows(new MemoryStream(_file)))
        {
            read += row.Fields is null ? 0 : 1;
        }
        return read;
    }

    /// <summary>Checking a read row's fields (identity number, organisation, code, date, time, outcome) against the catalogue.</summary>
    [Benchmark(OperationsPerInvoke = Rows)]
    public int CheckRow()
    {
        var accepted = 0;
        foreach (var row in _rows)
        {
            accepted += _parser.Parse(row, _today, out _) is null ? 0 : 1;
        }
        return accepted;
    }
}
