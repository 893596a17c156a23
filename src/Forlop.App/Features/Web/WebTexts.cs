using System.Collections;
using System.Globalization;
using System.Resources;
using Forlop.Domain.Access;
using Microsoft.Extensions.Localization;

namespace Forlop.App.Features.Web;

/// <summary>
/// The texts of the web application, one pair of files per feature beside its pages (<c>Features/Episodes/EpisodeTexts.resx</c>
/// in bokmål, the default, and <c>EpisodeTexts.en.resx</c> in English; the shell's and the shared words — roles, states,
/// treatments, exports — in <c>Features/Web/WebTexts.resx</c>). Components ask <c>IStringLocalizer&lt;WebTexts&gt;</c>,
/// which finds a key in whichever file holds it (<see cref="WebTextsLocalizer"/>). Tests check that every file holds the
/// same keys in both languages, none empty, and that no key is in two files.
/// </summary>
public sealed class WebTexts
{
    /// <summary>The key of a role's name.</summary>
    public static string RoleKey(Role role) => "Role." + role;

    // Every embedded resource named *Texts.resources in this assembly is a text file of the web application.
    private static readonly Lazy<IReadOnlyList<ResourceManager>> LoadedFiles = new(() =>
    {
        var assembly = typeof(WebTexts).Assembly;
        return assembly.GetManifestResourceNames()
            .Where(n => n.EndsWith("Texts.resources", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(n => new ResourceManager(n[..^".resources".Length], assembly))
            .ToList();
    });

    private static readonly Lazy<Dictionary<string, ResourceManager>> FileOfKey = new(() =>
    {
        var files = new Dictionary<string, ResourceManager>(StringComparer.Ordinal);
        foreach (var file in Files)
        {
            foreach (var key in KeysOf(file, CultureInfo.InvariantCulture))
            {
                if (!files.TryAdd(key, file))
                {
                    throw new InvalidOperationException($"the text '{key}' is in both {files[key].BaseName} and {file.BaseName}");
                }
            }
        }
        return files;
    });

    /// <summary>The text files, one per feature and the shell's.</summary>
    public static IReadOnlyList<ResourceManager> Files => LoadedFiles.Value;

    /// <summary>The keys one file holds in one language (that language's own file, no fallback).</summary>
    public static IReadOnlyList<string> KeysOf(ResourceManager file, CultureInfo culture) =>
        file.GetResourceSet(culture, createIfNotExists: true, tryParents: false)?.Cast<DictionaryEntry>().Select(e => (string)e.Key).ToList() ?? [];

    /// <summary>A text in a language (falling back to bokmål), or null when no file holds the key.</summary>
    public static string? Find(string key, CultureInfo culture) =>
        FileOfKey.Value.TryGetValue(key, out var file) ? file.GetString(key, culture) : null;

    /// <summary>A text in bokmål whatever the reader's language: the files for people (exports) are Norwegian throughout.</summary>
    public static string Bokmal(string key) =>
        Find(key, CultureInfo.InvariantCulture) ?? throw new KeyNotFoundException($"no text '{key}' in the web application's texts");
}

/// <summary>
/// <c>IStringLocalizer&lt;WebTexts&gt;</c> over all the feature files: the reader's UI culture, arguments formatted in
/// the current culture, and a missing key shown as itself and marked not found (as ASP.NET Core's own localizer does).
/// </summary>
public sealed class WebTextsLocalizer : IStringLocalizer<WebTexts>
{
    public LocalizedString this[string name] =>
        WebTexts.Find(name, CultureInfo.CurrentUICulture) is { } value ? new(name, value) : new(name, name, resourceNotFound: true);

    public LocalizedString this[string name, params object[] arguments] =>
        WebTexts.Find(name, CultureInfo.CurrentUICulture) is { } format
            ? new(name, string.Format(CultureInfo.CurrentCulture, format, arguments))
            : new(name, name, resourceNotFound: true);

    public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) =>
        WebTexts.Files.SelectMany(f => WebTexts.KeysOf(f, CultureInfo.InvariantCulture)).Select(key => this[key]);
}
