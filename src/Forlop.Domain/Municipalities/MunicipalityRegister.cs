using System.Globalization;
using NodaTime;
using NodaTime.Text;

namespace Forlop.Domain.Municipalities;

/// <summary>
/// A municipality (kommune) as one version of Statistics Norway's classification 131 knows it: its four-digit number,
/// name, county and the health region (RHF) that serves the county. Numbers change with reforms, so each version is
/// valid from a day (<see cref="ValidFrom"/>) until the day a reform ends it (<see cref="ValidTo"/>, exclusive; null while in force).
/// </summary>
public sealed record Municipality(string Number, string Name, string County, string CountyName, string Rhf, LocalDate ValidFrom, LocalDate? ValidTo)
{
    public bool IsValidOn(LocalDate day) => day >= ValidFrom && (ValidTo is not { } to || day < to);
}

/// <summary>
/// Every municipality version the installation knows, reforms included: the directory and the municipal users' scope
/// ask it which municipalities exist on a day. Read from a tab-separated file with the columns
/// municipality, name, county, county_name, rhf, valid_from and valid_to (empty while in force); lines starting with # are comments.
/// </summary>
public sealed class MunicipalityRegister
{
    private readonly IReadOnlyList<Municipality> _versions;

    public MunicipalityRegister(IEnumerable<Municipality> versions) =>
        _versions = versions.OrderBy(m => m.Number, StringComparer.Ordinal).ThenBy(m => m.ValidFrom).ToList();

    public IReadOnlyList<Municipality> Versions => _versions;

    /// <summary>The municipalities in force on <paramref name="day"/>, by number.</summary>
    public IReadOnlyList<Municipality> On(LocalDate day) => _versions.Where(m => m.IsValidOn(day)).ToList();

    /// <summary>The version of a municipality number in force on <paramref name="day"/>; null when the number is not in force then.</summary>
    public Municipality? Find(string number, LocalDate day) =>
        _versions.FirstOrDefault(m => string.Equals(m.Number, number, StringComparison.Ordinal) && m.IsValidOn(day));

    public static MunicipalityRegister ParseTsv(string text)
    {
        var versions = new List<Municipality>();
        var header = true;
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }
            if (header)
            {
                header = false;
                continue;
            }
            var cells = line.Split('\t');
            if (cells.Length < 6)
            {
                throw new FormatException($"municipalities: '{line}' has {cells.Length} columns, not 6 or 7");
            }
            versions.Add(new Municipality(cells[0], cells[1], cells[2], cells[3], cells[4], Day(cells[5]),
                cells.Length > 6 && cells[6].Length > 0 ? Day(cells[6]) : null));
        }
        return new MunicipalityRegister(versions);
    }

    private static LocalDate Day(string text) =>
        LocalDatePattern.Iso.Parse(text) is { Success: true } parsed ? parsed.Value : throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"municipalities: '{text}' is not a date"));
}
