using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Forlop.App.Hosting;

/// <summary>
/// The web host's settings as plain classes bound once from configuration, checked when the host is built (data
/// annotations and <see cref="IValidatableObject"/>), and registered as singletons for whoever needs them. A bad value
/// (a lockout after 0 failures, an OpenID Connect authority that is not an address) stops the start with the key and
/// the reason, instead of a server that runs with a setting it cannot honour.
/// </summary>
public static class CheckedSettings
{
    /// <summary>The settings of <paramref name="section"/>, bound and checked once per host; later calls get the same instance.</summary>
    public static T Settings<T>(this WebApplicationBuilder builder, string section) where T : class, new()
    {
        if (builder.Services.FirstOrDefault(s => s.ServiceType == typeof(T))?.ImplementationInstance is T bound)
        {
            return bound;
        }
        var settings = builder.Configuration.GetSection(section).Get<T>() ?? new T();
        var problems = new List<ValidationResult>();
        if (!Validator.TryValidateObject(settings, new ValidationContext(settings), problems, validateAllProperties: true))
        {
            throw new OptionsValidationException(section, typeof(T),
                problems.Select(p => $"{section}:{string.Join(", ", p.MemberNames)}: {p.ErrorMessage}").ToList());
        }
        builder.Services.AddSingleton(settings);
        return settings;
    }
}
