using Forlop.Domain.Codes;

namespace Forlop.Domain.Organisations;

/// <summary>The level an organisation sits at in the specialist health service.</summary>
public enum OrganisationKind
{
    /// <summary>Regionalt helseforetak: one of the four regions.</summary>
    Rhf,
    /// <summary>Helseforetak: a hospital trust, owned by an RHF.</summary>
    Hf,
    /// <summary>Private non-profit hospital with an operating agreement; counted at HF level.</summary>
    Ideell,
    /// <summary>A unit (department, clinic) an installation adds under an HF.</summary>
    Unit,
}

/// <summary>
/// An organisation that registers events or is reported on. <see cref="Parent"/> is the RHF of an HF or ideell
/// hospital, and the HF of a unit.
/// </summary>
public sealed record Organisation(OrganisationCode Code, OrganisationKind Kind, OrganisationCode? Parent, string Name);

/// <summary>
/// The organisations known to an installation, with the walk from a registering unit up to its HF and RHF.
/// Pathway episodes belong to an HF (a unit belongs to its HF); indicators roll up to RHF and nation.
/// </summary>
public sealed class OrganisationDirectory
{
    private readonly Dictionary<string, Organisation> _byCode;

    public OrganisationDirectory(IEnumerable<Organisation> organisations)
    {
        _byCode = new Dictionary<string, Organisation>(StringComparer.Ordinal);
        foreach (var o in organisations)
        {
            if (!_byCode.TryAdd(o.Code, o))
            {
                throw new ArgumentException($"organisation {o.Code} is listed twice", nameof(organisations));
            }
        }
        foreach (var o in _byCode.Values)
        {
            var expected = o.Kind switch
            {
                OrganisationKind.Rhf => (OrganisationKind?)null,
                OrganisationKind.Unit => OrganisationKind.Hf,
                _ => OrganisationKind.Rhf,
            };
            if (expected is null)
            {
                continue;
            }
            if (o.Parent is null || !_byCode.TryGetValue(o.Parent, out var parent)
                || !(parent.Kind == expected || (o.Kind == OrganisationKind.Unit && parent.Kind == OrganisationKind.Ideell)))
            {
                throw new ArgumentException($"organisation {o.Code} ({o.Kind}) needs a parent of kind {expected}, not '{o.Parent}'", nameof(organisations));
            }
        }
    }

    public IEnumerable<Organisation> All => _byCode.Values.OrderBy(o => o.Code, StringComparer.Ordinal);

    public Organisation? Find(string code) => _byCode.GetValueOrDefault(code);

    /// <summary>The HF-level organisation (HF or ideell hospital) an organisation registers under; null for an RHF or an unknown code.</summary>
    public Organisation? HfOf(string code)
    {
        var o = Find(code);
        return o?.Kind switch
        {
            OrganisationKind.Hf or OrganisationKind.Ideell => o,
            OrganisationKind.Unit => Find(o.Parent!),
            _ => null,
        };
    }

    public Organisation? RhfOf(string code)
    {
        var hf = HfOf(code);
        return hf is null ? Find(code) is { Kind: OrganisationKind.Rhf } rhf ? rhf : null : Find(hf.Parent!);
    }

    private static OrganisationCode Code(string cell) =>
        OrganisationCode.TryParse(cell.Trim(), out var code, out var problem) ? code : throw new FormatException($"organisation list: {problem.En}");

    /// <summary>Reads the tab-separated seed list (code, kind, parent, name; '#' starts a comment line).</summary>
    public static IEnumerable<Organisation> ParseTsv(string text)
    {
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
            if (cells.Length < 4)
            {
                throw new FormatException($"organisation line '{line}' needs four tab-separated cells: code, kind, parent, name");
            }
            var kind = cells[1].Trim() switch
            {
                "rhf" => OrganisationKind.Rhf,
                "hf" => OrganisationKind.Hf,
                "ideell" => OrganisationKind.Ideell,
                "unit" => OrganisationKind.Unit,
                var other => throw new FormatException($"organisation {cells[0]}: unknown kind '{other}'"),
            };
            yield return new Organisation(Code(cells[0]), kind, cells[2].Trim() is { Length: > 0 } p ? Code(p) : null, cells[3].Trim());
        }
    }
}
