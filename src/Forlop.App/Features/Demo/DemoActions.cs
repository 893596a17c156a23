using System.Globalization;
using Forlop.App.Data;
using Forlop.Domain.Catalogue;
using Microsoft.EntityFrameworkCore;

namespace Forlop.App.Features.Demo;

/// <summary>
/// Synthetic recommended actions for the demo's episodes, so the timelines and /dashbord/anbefalte-tiltak show some
/// done and some not: each action is done for about six episodes in ten, picked from the episode id, on the day it started.
/// </summary>
public static class DemoActions
{
    /// <summary>One statement per action of the catalogue; returns how many rows were added.</summary>
    public static async Task<int> AssignAsync(RegistryDb db, RecommendedActionCatalogue actions, DateTime recordedAt, CancellationToken ct)
    {
        var added = 0;
        for (var i = 0; i < actions.All.Count; i++)
        {
            var action = actions.All[i];
            // Ids and pathway codes are the catalogue's, checked when it was read (lower-case words, pathway codes),
            // never input; the dates are passed as parameters.
            var codes = string.Join(", ", action.Pathways.Select(c => "'" + c + "'"));
            var sql = "INSERT INTO episode_actions (episode_id, action_id, done_on, recorded_at, recorded_by) "
                + "SELECT id, '" + action.Id + "', start_date, {0}, 'demo' FROM episodes "
                + "WHERE pathway IN (" + codes + ") AND start_date >= {1} AND (id + " + i.ToString(CultureInfo.InvariantCulture) + ") % 10 < 6"
                + (action.ValidTo is null ? "" : " AND start_date <= {2}");
            object[] parameters = action.ValidTo is { } to
                ? [recordedAt, action.ValidFrom.ToDateOnly(), to.ToDateOnly()]
                : [recordedAt, action.ValidFrom.ToDateOnly()];
            added += await db.Database.ExecuteSqlRawAsync(sql, parameters, ct);
        }
        return added;
    }
}
