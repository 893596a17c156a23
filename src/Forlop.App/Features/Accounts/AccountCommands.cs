using System.CommandLine;
using Forlop.App.Hosting;
using Forlop.Domain.Access;
using Forlop.Domain.Catalogue;
using Forlop.Domain.Organisations;
using Microsoft.EntityFrameworkCore;

namespace Forlop.App.Features.Accounts;

/// <summary>
/// <c>forlop add-user USER --name N --role R [--organisation ORG] [--units U1,U2]</c> (password read from standard input)
/// and <c>forlop add-api-client NAME --organisation ORG</c> (prints the token once).
/// </summary>
public static class AccountCommands
{
    public static Command AddUser()
    {
        var user = new Argument<string>("USER") { Description = "the user name to sign in with" };
        var name = new Option<string>("--name") { Description = "the name shown in the app", Required = true };
        var role = new Option<string>("--role") { Description = "coordinator, clinical-lead, regional-analyst, national-analyst or administrator", Required = true };
        var organisation = new Option<string?>("--organisation") { Description = "the HF (coordinator, clinical lead) or RHF (regional analyst)" };
        var units = new Option<string?>("--units") { Description = "comma-separated units of the HF a coordinator is limited to" };
        var noPassword = new Option<bool>("--no-password") { Description = "the user signs in through OpenID Connect only" };
        var command = new Command("add-user", "Add a local account; the password is read from standard input") { user, name, role, organisation, units, noPassword };
        command.SetAction(async (parse, ct) =>
        {
            await using var store = await StoreOptions.OpenAsync(parse, ct);
            var error = Check(parse.GetValue(role)!, parse.GetValue(organisation), ActorClaims.SplitUnits(parse.GetValue(units)), store.Organisations, out var actorRole);
            if (error is null && await store.Db.Users.AnyAsync(u => u.UserName == parse.GetValue(user), ct))
            {
                error = $"{parse.GetValue(user)} already exists";
            }
            string? password = null;
            if (error is null && !parse.GetValue(noPassword))
            {
                password = (await Console.In.ReadLineAsync(ct))?.TrimEnd('\r', '\n');
                if (password is null || password.Length < 12)
                {
                    error = "the password (on standard input) must have at least 12 characters";
                }
            }
            if (error is not null)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync(error);
                return 1;
            }
            var actor = new Actor(parse.GetValue(user)!, parse.GetValue(name)!, actorRole, parse.GetValue(organisation) ?? "", ActorClaims.SplitUnits(parse.GetValue(units)));
            await LocalAccounts.AddAsync(store.Db, actor, password, store.Clock.GetCurrentInstant().ToDateTimeUtc(), ct);
            await parse.InvocationConfiguration.Output.WriteLineAsync($"Added {actor.UserName} ({parse.GetValue(role)}{(actor.Organisation.Length > 0 ? " at " + actor.Organisation : "")})");
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
            if (store.Organisations.HfOf(parse.GetValue(organisation)!) is null)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync($"{parse.GetValue(organisation)} is not a hospital trust, ideell hospital or unit");
                return 1;
            }
            var token = await ApiTokens.AddClientAsync(store.Db, parse.GetValue(name)!, parse.GetValue(organisation)!, store.Clock.GetCurrentInstant().ToDateTimeUtc(), ct);
            await parse.InvocationConfiguration.Output.WriteLineAsync(token);
            return 0;
        });
        return command;
    }

    /// <summary>Why a role and organisation do not fit together; null when they do.</summary>
    public static string? Check(string roleText, string? organisation, IReadOnlyList<string> units, OrganisationDirectory organisations, out Role role)
    {
        if (!PathwayFileParser.TryParseEnum(roleText, out role) || role == Role.HospitalSystem)
        {
            return $"'{roleText}' is not a role (coordinator, clinical-lead, regional-analyst, national-analyst, administrator)";
        }
        switch (role)
        {
            case Role.Coordinator or Role.ClinicalLead:
                if (organisation is null || organisations.Find(organisation) is not { Kind: OrganisationKind.Hf or OrganisationKind.Ideell })
                {
                    return "a coordinator or clinical lead needs --organisation with an HF or ideell hospital";
                }
                var hf = organisation;
                return units.FirstOrDefault(u => !string.Equals(organisations.HfOf(u)?.Code, hf, StringComparison.Ordinal) || organisations.Find(u)?.Kind != OrganisationKind.Unit) is { } bad
                    ? $"{bad} is not a unit of {hf}"
                    : null;
            case Role.RegionalAnalyst:
                return organisation is null || organisations.Find(organisation) is not { Kind: OrganisationKind.Rhf }
                    ? "a regional analyst needs --organisation with an RHF" : null;
            default:
                return organisation is null ? null : $"a {roleText} sees the whole country and takes no --organisation";
        }
    }
}
