using System.CommandLine;
using Forlop.Domain.Codes;
using Forlop.Domain.Reporting;

namespace Forlop.App.Hosting;

/// <summary>
/// The options of the commands that show figures (<c>report</c>, <c>indicator</c>, <c>export</c>, <c>data-quality</c>),
/// defined once so they read, default and refuse the same way everywhere. Each call builds a new option, since an
/// option belongs to one command; what it accepts is written only here. A period is parsed at this edge into a
/// <see cref="ReportingPeriod"/>: a command never sees its text, and a bad one is refused by the parser (exit 1 and
/// the period's own message) before the registry is opened.
/// </summary>
public static class FigureOptions
{
    public const string PeriodForms = "YYYY, YYYY-Tn, YYYY-Qn or YYYY-MM";

    public static Option<ReportingPeriod> Period(string description = PeriodForms) => new("--period")
    {
        Description = description,
        Required = true,
        CustomParser = ParsePeriod,
    };

    /// <summary>A period that may be left out (then the command covers everything).</summary>
    public static Option<ReportingPeriod?> OptionalPeriod(string description) => new("--period")
    {
        Description = description,
        CustomParser = ParsePeriod,
    };

    private static ReportingPeriod ParsePeriod(System.CommandLine.Parsing.ArgumentResult result)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[^1].Value : "";
        if (ReportingPeriod.TryParse(text, out var period, out var error))
        {
            return period;
        }
        result.AddError(error);
        return null!;
    }

    /// <summary><c>--pathway CODE</c>: a pathway code in the guide's shape, checked here (whether the catalogue has it is the command's answer).</summary>
    public static Option<PathwayCode?> Pathway(string description) => new("--pathway")
    {
        Description = description,
        CustomParser = ParseCode<PathwayCode>,
    };

    /// <summary>An organisation option (<c>--organisation</c>, <c>--hf</c>): a code in the register's shape, checked here.</summary>
    public static Option<OrganisationCode?> Organisation(string name, string description) => new(name)
    {
        Description = description,
        CustomParser = ParseCode<OrganisationCode>,
    };

    /// <summary>A required organisation option.</summary>
    public static Option<OrganisationCode> RequiredOrganisation(string name, string description) => new(name)
    {
        Description = description,
        Required = true,
        CustomParser = result => ParseCode<OrganisationCode>(result) ?? default,
    };

    private static TCode? ParseCode<TCode>(System.CommandLine.Parsing.ArgumentResult result) where TCode : struct, ICode<TCode>
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[^1].Value : "";
        if (TCode.TryParse(text, out var code, out var problem))
        {
            return code;
        }
        result.AddError($"{result.Argument.Name}: {problem.En}");
        return null;
    }

    /// <summary><c>--format csv|table</c>; without it, a table on a terminal and CSV when the output is redirected.</summary>
    public static Option<string?> TableFormat()
    {
        var format = new Option<string?>("--format") { Description = "csv or table (default: table on a terminal, csv otherwise)" };
        format.AcceptOnlyFromAmong("csv", "table");
        return format;
    }

    /// <summary>Whether the figures go out as CSV: asked for, or the output is not a terminal.</summary>
    public static bool IsCsv(ParseResult parse, Option<string?> tableFormat)
    {
        var output = parse.InvocationConfiguration.Output;
        return (parse.GetValue(tableFormat) ?? (Console.IsOutputRedirected || !ReferenceEquals(output, Console.Out) ? "csv" : "table")) == "csv";
    }

    /// <summary><c>--by pathway|hf|rhf</c>, the rows of a completed-within-standard table.</summary>
    public static Option<string> Breakdown()
    {
        var by = new Option<string>("--by") { Description = "pathway, hf or rhf", DefaultValueFactory = _ => "pathway" };
        by.AcceptOnlyFromAmong("pathway", "hf", "rhf");
        return by;
    }

    public static Option<bool> Public() => new("--public") { Description = "as the public sees it, with small numbers suppressed" };

    /// <summary><c>--min-count N</c>: the suppression threshold of the public view; 0 or less is refused by the parser.</summary>
    public static Option<int> MinCount(string description = "counts from 1 up to this number minus one are suppressed")
    {
        var minCount = new Option<int>("--min-count")
        {
            Description = description,
            DefaultValueFactory = _ => SmallNumberSuppression.DefaultThreshold,
        };
        minCount.Validators.Add(result =>
        {
            // A value that is not a number is the parser's own error; only a number below 1 is this option's.
            if (result.Tokens.Count > 0 && int.TryParse(result.Tokens[^1].Value, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var value) && value < 1)
            {
                result.AddError("--min-count must be 1 or more");
            }
        });
        return minCount;
    }

    public static Option<bool> Current() => new("--current") { Description = "figures as they stand now, even for a locked period" };
}
