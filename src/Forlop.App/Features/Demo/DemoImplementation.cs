using Forlop.App.Data;
using Forlop.Domain;
using Forlop.Domain.Implementation;
using Forlop.Domain.Organisations;

namespace Forlop.App.Features.Demo;

/// <summary>
/// Synthetic progress for the implementation tracker, so /gjennomforing shows owners done, under way and late: each HF and
/// RHF has each of its measures done, in progress or not reported, picked from its position (never from real reports).
/// The nation's letter to the GPs is marked done. Evidence says it is demo data.
/// </summary>
public static class DemoImplementation
{
    public static async Task<int> AddAsync(RegistryDb db, PlanMeasureCatalogue measures, OrganisationDirectory organisations, DateTime recordedAt, CancellationToken ct)
    {
        var owners = organisations.All.Where(o => o.Kind is OrganisationKind.Hf or OrganisationKind.Rhf)
            .OrderBy(o => o.Code.Value, StringComparer.Ordinal).ToList();
        var rows = new List<ImplementationStatusEntity>();
        for (var o = 0; o < owners.Count; o++)
        {
            var level = owners[o].Kind == OrganisationKind.Rhf ? OwnerLevel.Rhf : OwnerLevel.Hf;
            var own = measures.All.Where(m => m.Level == level).ToList();
            for (var m = 0; m < own.Count; m++)
            {
                // Six in ten done, two in progress, two never reported.
                var pick = (o * 7 + m * 3) % 10;
                MeasureStatus? status = pick < 6 ? MeasureStatus.Done : pick < 8 ? MeasureStatus.InProgress : null;
                if (status is { } s)
                {
                    rows.Add(Row(own[m].Id, owners[o].Code.Value, s, recordedAt));
                }
            }
        }
        if (measures.All.FirstOrDefault(m => m.Level == OwnerLevel.Nation) is { } national)
        {
            rows.Add(Row(national.Id, PlanMeasureCatalogue.NationOwner, MeasureStatus.Done, recordedAt));
        }
        db.ImplementationStatuses.AddRange(rows);
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        return rows.Count;
    }

    private static ImplementationStatusEntity Row(string measure, string owner, MeasureStatus status, DateTime at) => new()
    {
        MeasureId = measure, Owner = owner, Status = EnumNames.Of(status),
        Evidence = status == MeasureStatus.Done ? "demo: synthetic evidence" : null, RecordedAt = at, RecordedBy = "demo",
    };
}
