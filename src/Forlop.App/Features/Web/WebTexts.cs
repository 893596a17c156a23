using System.Globalization;
using System.Resources;
using Forlop.Domain.Access;

namespace Forlop.App.Features.Web;

/// <summary>
/// The texts of the web application: WebTexts.resx in Norwegian bokmål (the default), WebTexts.en.resx in English.
/// Components ask <c>IStringLocalizer&lt;WebTexts&gt;</c>; a test checks both files hold the same keys.
/// </summary>
public sealed class WebTexts
{
    /// <summary>The key of a role's name.</summary>
    public static string RoleKey(Role role) => "Role." + role;

    private static readonly ResourceManager Resources = new(typeof(WebTexts));

    /// <summary>A text in bokmål whatever the reader's language: the files for people (exports) are Norwegian throughout.</summary>
    public static string Bokmal(string key) =>
        Resources.GetString(key, CultureInfo.InvariantCulture) ?? throw new KeyNotFoundException($"no text '{key}' in WebTexts.resx");
}
