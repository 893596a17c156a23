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
}
