using Forlop.Domain.Catalogue;

namespace Forlop.App.Data;

/// <summary>How a care setting is stored: the catalogue's kebab-case spelling (outpatient, inpatient), null for none.</summary>
public static class StoredSetting
{
    public static string? Text(CareSetting setting) => setting switch
    {
        CareSetting.Outpatient => "outpatient",
        CareSetting.Inpatient => "inpatient",
        _ => null,
    };

    public static CareSetting Read(string? text) => text switch
    {
        "outpatient" => CareSetting.Outpatient,
        "inpatient" => CareSetting.Inpatient,
        _ => CareSetting.Any,
    };
}
