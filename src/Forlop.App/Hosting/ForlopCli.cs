using System.CommandLine;
using Forlop.App.Features.AccessLog;
using Forlop.App.Features.Accounts;
using Forlop.App.Features.DataQualityFeedback;
using Forlop.App.Features.Demo;
using Forlop.App.Features.Exports;
using Forlop.App.Features.History;
using Forlop.App.Features.Import;
using Forlop.App.Features.Indicators;
using Forlop.App.Features.NewCases;
using Forlop.App.Features.Organisations;
using Forlop.App.Features.PeriodLocks;
using Forlop.App.Features.Report;
using Forlop.App.Features.Serve;
using Forlop.Domain.Catalogue;

namespace Forlop.App.Hosting;

/// <summary>The command line of <c>./forlop</c> (interchange contract, "The command line").</summary>
public static class ForlopCli
{
    public static RootCommand Build() => new("Forløp: standardized patient pathways (pakkeforløp) — catalogue, registry, pathway times")
    {
        StoreOptions.Database,
        StoreOptions.Catalogue,
        ImportCommand.Create(),
        ReportCommand.Create(),
        ExportCommand.Create(),
        MonthlyReportCommand.Create(),
        IndicatorCommand.Create(),
        IndicatorCommand.CreateList(),
        PeriodLocking.CreateCommand(),
        ImportNewCasesCommand.Create(),
        Features.RecommendedActions.ImportActionsCommand.Create(),
        DataQualityReport.CreateCommand(),
        DemoCommand.Create(),
        Features.Predictions.BreachCalibrationCommand.Create(),
        ServeCommand.Create(),
        AddUnitCommand.Create(),
        HistoryCommand.Create(),
        AccessLogCommand.Create(),
        AccountCommands.AddUser(),
        AccountCommands.AddApiClient(),
        AccountCommands.RevokeApiClient(),
        AccountCommands.DeactivateUser(),
        AccountCommands.ReactivateUser(),
        AccountCommands.SetUser(),
        Features.Operations.BackupCommands.Backup(),
        Features.Operations.BackupCommands.Restore(),
        Features.Delivery.DeliverCommand.Create(),
        PublicationRevisions.CreateCommand(),
    };

    /// <summary>Runs a command line; problems the user can fix (a broken catalogue, an unreachable database) end with exit code 1 and a plain message.</summary>
    public static async Task<int> InvokeAsync(string[] args, TextWriter? output = null, TextWriter? error = null)
    {
        var configuration = new InvocationConfiguration
        {
            Output = output ?? Console.Out,
            Error = error ?? Console.Error,
            EnableDefaultExceptionHandler = false,
        };
        try
        {
            using var telemetry = Features.Operations.Telemetry.StartForCommand();
            var parse = Build().Parse(args);
            if (parse.Action is System.CommandLine.Invocation.ParseErrorAction errors)
            {
                // The message names the option and what it takes; the whole help text after it buried that line.
                errors.ShowHelp = false;
            }
            return await parse.InvokeAsync(configuration);
        }
        catch (CatalogueException e)
        {
            await configuration.Error.WriteLineAsync(e.Message);
            return 1;
        }
        catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException or IOException or ArgumentException
            or Microsoft.Extensions.Options.OptionsValidationException)
        {
            await configuration.Error.WriteLineAsync($"forlop: {e.Message}");
            return 1;
        }
    }
}
