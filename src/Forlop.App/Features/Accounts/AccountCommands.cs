using System.CommandLine;
using Forlop.App.Hosting;

namespace Forlop.App.Features.Accounts;

/// <summary>
/// <c>forlop add-user USER --name N --role R [--organisation ORG] [--units U1,U2]</c> (password read from standard input)
/// and <c>forlop add-api-client NAME --organisation ORG</c> (prints the token once); <c>forlop revoke-api-client NAME</c>,
/// <c>forlop deactivate-user USER</c>, <c>forlop reactivate-user USER</c> and
/// <c>forlop set-user USER --role R [--organisation ORG] [--units U1,U2]</c> (exit code 2 with the reason when refused).
/// </summary>
public static class AccountCommands
{
    // One definition of the access options for add-user and set-user, so both read and explain them alike.
    private static Option<string> RoleOption() => new("--role")
    {
        Description = "coordinator, clinical-lead, regional-analyst, national-analyst, administrator or municipality-coordinator", Required = true,
    };

    private static Option<string?> OrganisationOption() => new("--organisation")
    {
        Description = "the HF (coordinator, clinical lead, an HF's administrator), RHF (regional analyst) or municipality number (municipality coordinator)",
    };

    private static Option<string?> UnitsOption() => new("--units") { Description = "comma-separated units of the HF a coordinator is limited to" };

    public static Command AddUser()
    {
        var user = new Argument<string>("USER") { Description = "the user name to sign in with" };
        var name = new Option<string>("--name") { Description = "the name shown in the app", Required = true };
        var role = RoleOption();
        var organisation = OrganisationOption();
        var units = UnitsOption();
        var noPassword = new Option<bool>("--no-password") { Description = "the user signs in through OpenID Connect only" };
        var command = new Command("add-user", "Add a local account; the password is read from standard input") { user, name, role, organisation, units, noPassword };
        command.SetAction(async (parse, ct) =>
        {
            await using var store = await StoreOptions.OpenAsync(parse, ct);
            var newUser = new NewUser(parse.GetValue(user)!, parse.GetValue(name)!, parse.GetValue(role)!, parse.GetValue(organisation),
                ActorClaims.SplitUnits(parse.GetValue(units)), Password: null, SignsInElsewhere: true);
            // Everything but the password first, so a refused account does not wait for one on standard input.
            var problems = await Features.Accounts.AddUser.CheckAsync(store.Db, store.Organisations, newUser, Administrator.CommandLine(), ct);
            if (problems.Count == 0 && !parse.GetValue(noPassword))
            {
                newUser = newUser with { Password = (await Console.In.ReadLineAsync(ct))?.TrimEnd('\r', '\n'), SignsInElsewhere = false };
            }
            if (problems.Count == 0)
            {
                problems = await Features.Accounts.AddUser.RunAsync(store.Db, store.Organisations, newUser, Administrator.CommandLine(), store.Clock.GetCurrentInstant().ToDateTimeUtc(), ct);
            }
            if (problems.Count > 0)
            {
                foreach (var problem in problems)
                {
                    await parse.InvocationConfiguration.Error.WriteLineAsync(problem.Reason.En);
                }
                return 1;
            }
            var organisationText = newUser.Organisation is { Length: > 0 } o ? " at " + o : "";
            await Administrator.CommandLine().LogAsync(store.Db, store.Clock.GetCurrentInstant(),
                $"added user {newUser.UserName.Trim()} ({newUser.Role}{organisationText}{UnitsText(newUser.Units)})", ct);
            await parse.InvocationConfiguration.Output.WriteLineAsync($"Added {newUser.UserName} ({newUser.Role}{organisationText})");
            return 0;
        });
        return command;
    }

    public static Command AddApiClient()
    {
        var name = new Argument<string>("NAME") { Description = "the hospital system's name" };
        var organisation = new Option<string>("--organisation") { Description = "the HF or unit the system sends for", Required = true };
        var command = new Command("add-api-client", "Add a hospital system that calls the API; prints its token once") { name, organisation };
        command.SetAction(async (parse, ct) =>
        {
            await using var store = await StoreOptions.OpenAsync(parse, ct);
            if (ApiTokens.Check(parse.GetValue(name)!, parse.GetValue(organisation)!, store.Organisations) is [_, ..] problems)
            {
                foreach (var problem in problems)
                {
                    await parse.InvocationConfiguration.Error.WriteLineAsync(problem.Reason.En);
                }
                return 1;
            }
            var token = await ApiTokens.AddClientAsync(store.Db, parse.GetValue(name)!, parse.GetValue(organisation)!, store.Clock.GetCurrentInstant().ToDateTimeUtc(), ct);
            await Administrator.CommandLine().LogAsync(store.Db, store.Clock.GetCurrentInstant(),
                $"added hospital system {parse.GetValue(name)!.Trim()} for {parse.GetValue(organisation)!.Trim()}", ct);
            await parse.InvocationConfiguration.Output.WriteLineAsync(token);
            return 0;
        });
        return command;
    }

    /// <summary>The acting user the commands name: whoever runs them has the server's files, not an account.</summary>
    public const string CommandLineUser = "forlop-cli";

    public static Command RevokeApiClient()
    {
        var name = new Argument<string>("NAME") { Description = "the hospital system's name; every active token of it is revoked" };
        var command = new Command("revoke-api-client", "Revoke a hospital system's token: its calls get 401 from now on") { name };
        command.SetAction(async (parse, ct) =>
        {
            await using var store = await StoreOptions.OpenAsync(parse, ct);
            var problem = await ApiTokens.RevokeAsync(store.Db, parse.GetValue(name)!, store.Clock.GetCurrentInstant().ToDateTimeUtc(), ct);
            if (problem is null)
            {
                await Administrator.CommandLine().LogAsync(store.Db, store.Clock.GetCurrentInstant(), $"revoked hospital system {parse.GetValue(name)!.Trim()}", ct);
            }
            return await ReportAsync(parse, problem, $"Revoked {parse.GetValue(name)!.Trim()}");
        });
        return command;
    }

    public static Command DeactivateUser() => SetActive("deactivate-user", "Deactivate a user: she cannot sign in and her session ends", active: false);

    public static Command ReactivateUser() => SetActive("reactivate-user", "Reactivate a deactivated user", active: true);

    private static Command SetActive(string commandName, string description, bool active)
    {
        var user = new Argument<string>("USER") { Description = "the user name" };
        var command = new Command(commandName, description) { user };
        command.SetAction(async (parse, ct) =>
        {
            await using var store = await StoreOptions.OpenAsync(parse, ct);
            var userName = parse.GetValue(user)!.Trim();
            var problem = await LocalAccounts.SetActiveAsync(store.Db, CommandLineUser, userName, active, ct);
            if (problem is null)
            {
                await Administrator.CommandLine().LogAsync(store.Db, store.Clock.GetCurrentInstant(), (active ? "reactivated user " : "deactivated user ") + userName, ct);
            }
            return await ReportAsync(parse, problem, (active ? "Reactivated " : "Deactivated ") + userName);
        });
        return command;
    }

    /// <summary>
    /// <c>forlop set-user USER --role R [--organisation ORG] [--units U1,U2]</c>: gives a user another role or scope.
    /// Her sessions and open pages end within seconds (LiveSessions); she signs in again with the new access.
    /// </summary>
    public static Command SetUser()
    {
        var user = new Argument<string>("USER") { Description = "the user name" };
        var role = RoleOption();
        var organisation = OrganisationOption();
        var units = UnitsOption();
        var command = new Command("set-user", "Change a user's role, organisation or units: her sessions end and she signs in again") { user, role, organisation, units };
        command.SetAction(async (parse, ct) =>
        {
            await using var store = await StoreOptions.OpenAsync(parse, ct);
            var access = new NewAccess(parse.GetValue(user)!, parse.GetValue(role)!, parse.GetValue(organisation), ActorClaims.SplitUnits(parse.GetValue(units)));
            var (changed, problem) = await ChangeAccess.RunAsync(store.Db, store.Organisations, Administrator.CommandLine(), access, ct);
            if (changed is not null)
            {
                await Administrator.CommandLine().LogAsync(store.Db, store.Clock.GetCurrentInstant(), changed.LogText, ct);
            }
            return await ReportAsync(parse, problem, changed is null ? "" : $"Changed {changed.UserName} from {changed.Before} to {changed.After}");
        });
        return command;
    }

    public static string UnitsText(IReadOnlyList<string> units) => units.Count == 0 ? "" : ", units " + string.Join(' ', units);

    /// <summary>Exit code 2 and the English reason on standard error for a refused change; 0 and what was done otherwise.</summary>
    private static async Task<int> ReportAsync(ParseResult parse, AccountProblem? problem, string done)
    {
        if (problem is not null)
        {
            await parse.InvocationConfiguration.Error.WriteLineAsync(problem.Reason.En);
            return 2;
        }
        await parse.InvocationConfiguration.Output.WriteLineAsync(done);
        return 0;
    }
}
