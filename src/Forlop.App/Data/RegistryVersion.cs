using System.Data;
using System.Globalization;
using Forlop.App.Features.Dashboards;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Forlop.App.Data;

/// <summary>
/// The registry's version: the newest stored event's id (events are append-only, so a larger id means something
/// changed). What is kept in memory beside the registry — the dashboard cube, the breach history — asks this before
/// it reads again, inside the caller's transaction when there is one.
/// </summary>
public static class RegistryVersion
{
    public static async Task<long> NewestEventAsync(RegistryDb db, CancellationToken ct)
    {
        var connection = db.Database.GetDbConnection();
        var opened = connection.State != ConnectionState.Open;
        if (opened)
        {
            await db.Database.OpenConnectionAsync(ct);
        }
        try
        {
            await using var command = connection.CreateCommand();
            command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            command.CommandText = DashboardCubeSql.NewestEvent;
            return Convert.ToInt64(await command.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
        }
        finally
        {
            if (opened)
            {
                await db.Database.CloseConnectionAsync();
            }
        }
    }
}
