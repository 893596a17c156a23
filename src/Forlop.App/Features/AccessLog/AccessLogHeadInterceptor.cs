using System.Data.Common;
using Forlop.App.Data;
using Microsoft.EntityFrameworkCore.Diagnostics;
using NodaTime;

namespace Forlop.App.Features.AccessLog;

/// <summary>
/// Records the access log's new head outside the database only after the transaction that appended it commits (a
/// change and its entry may commit in the caller's transaction), so a rolled-back entry is never vouched for.
/// </summary>
public sealed class AccessLogHeadInterceptor : DbTransactionInterceptor
{
    public static readonly AccessLogHeadInterceptor Instance = new();

    private AccessLogHeadInterceptor()
    {
    }

    public override void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Record(eventData);

    public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Record(eventData);
        return Task.CompletedTask;
    }

    public override void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Forget(eventData);

    public override Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData);
        return Task.CompletedTask;
    }

    private static void Record(TransactionEndEventData eventData)
    {
        if (eventData.Context is RegistryDb { PendingAccessLogHead: { } head, Target: { } target } db && head.Transaction == eventData.TransactionId)
        {
            db.PendingAccessLogHead = null;
            target.Seal.RecordHead(head.Sequence, head.Hash, SystemClock.Instance.GetCurrentInstant());
        }
    }

    private static void Forget(TransactionEndEventData eventData)
    {
        if (eventData.Context is RegistryDb db)
        {
            db.PendingAccessLogHead = null;
        }
    }
}
