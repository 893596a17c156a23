using Forlop.App.Data;
using Microsoft.EntityFrameworkCore;

namespace Forlop.App.Features.Demo;

/// <summary>
/// Synthetic names for demo patients, so the tracking list and its search look as they will in use. The events file
/// carries no names; the name is picked from the patient's id, so the same demo gives the same names.
/// </summary>
public static class DemoNames
{
    private static readonly string[] Given = ["Anne", "Inger", "Kari", "Marit", "Ingrid", "Liv", "Eva", "Berit", "Astrid", "Bjørg",
        "Jan", "Per", "Bjørn", "Ole", "Lars", "Kjell", "Knut", "Arne", "Svein", "Hans", "Øyvind", "Åse", "Tor", "Ragnhild"];

    private static readonly string[] Family = ["Hansen", "Johansen", "Olsen", "Larsen", "Andersen", "Pedersen", "Nilsen", "Kristiansen",
        "Jensen", "Karlsen", "Johnsen", "Pettersen", "Eriksen", "Berg", "Haugen", "Hagen", "Johannessen", "Andreassen", "Jacobsen", "Dahl",
        "Jørgensen", "Halvorsen", "Henriksen", "Lund", "Sørensen", "Strand", "Bakken", "Solberg", "Moen", "Kristoffersen", "Ødegård"];

    /// <summary>Gives every patient without a name one, in a single statement.</summary>
    public static Task<int> AssignAsync(RegistryDb db, CancellationToken ct)
    {
        // Both lists are constants of this file, never input, so building the statement from them is safe.
        var given = Case("id % " + Given.Length, Given);
        var family = Case("(id / " + Given.Length + ") % " + Family.Length, Family);
#pragma warning disable EF1002
        return db.Database.ExecuteSqlRawAsync($"UPDATE patients SET name = {given} || ' ' || {family} WHERE name IS NULL", ct);
#pragma warning restore EF1002
    }

    private static string Case(string expression, string[] names) =>
        "CASE " + expression + string.Concat(names.Select((n, i) => FormattableString.Invariant($" WHEN {i} THEN '{n}'"))) + " END";
}
