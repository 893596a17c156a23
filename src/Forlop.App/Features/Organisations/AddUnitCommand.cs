using Forlop.Domain.Codes;
using System.CommandLine;
using Forlop.App.Data;
using Forlop.App.Hosting;
using Forlop.Domain.Organisations;
using Microsoft.EntityFrameworkCore;

namespace Forlop.App.Features.Organisations;

/// <summary>
/// <c>forlop add-unit CODE --hf HF --name NAME</c>: an installation adds a unit (department, clinic) under one of
/// its HFs. Events registered by the unit belong to the HF's episodes and figures.
/// </summary>
public static class AddUnitCommand
{
    public static Command Create()
    {
        var code = new Argument<string>("CODE") { Description = "the unit's code (letters, digits, '-' and '_')" };
        var hf = new Option<string>("--hf") { Description = "the HF (or ideell hospital) the unit belongs to", Required = true };
        var name = new Option<string>("--name") { Description = "the unit's name", Required = true };
        var command = new Command("add-unit", "Add a unit under a hospital trust") { code, hf, name };
        command.SetAction(async (parse, ct) =>
        {
            await using var store = await StoreOptions.OpenAsync(parse, ct);
            var error = await AddAsync(store.Db, store.Organisations, parse.GetValue(code)!, parse.GetValue(hf)!, parse.GetValue(name)!, ct);
            if (error is not null)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync(error);
                return 1;
            }
            await parse.InvocationConfiguration.Output.WriteLineAsync($"Added unit {parse.GetValue(code)} under {parse.GetValue(hf)}");
            return 0;
        });
        return command;
    }

    /// <summary>Adds the unit, or says why not.</summary>
    public static async Task<string?> AddAsync(RegistryDb db, OrganisationDirectory organisations, string code, string hf, string name, CancellationToken ct)
    {
        code = code.Trim();
        // The register's own check (OrganisationCode), in the words of this command.
        if (!OrganisationCode.TryParse(code, out _, out _))
        {
            return $"'{code}' is not a unit code: 1–32 letters, digits, '-' or '_'";
        }
        if (organisations.Find(code) is not null)
        {
            return $"{code} is already an organisation";
        }
        if (organisations.Find(hf) is not { Kind: OrganisationKind.Hf or OrganisationKind.Ideell })
        {
            return $"{hf} is not a hospital trust or ideell hospital";
        }
        if (string.IsNullOrWhiteSpace(name))
        {
            return "the unit needs a name";
        }
        db.Organisations.Add(new OrganisationEntity { Code = code, Kind = "unit", Parent = hf, Name = name.Trim() });
        await db.SaveChangesAsync(ct);
        return null;
    }
}
