namespace Forlop.App.Hosting;

/// <summary>
/// A list's sort in an address: a Norwegian key per column (<c>?sortering=forlop</c>), a leading <c>-</c> for the
/// other way, and no key at all for the list's default order. The tracking list and the drill-down share it, so their
/// addresses read alike.
/// </summary>
public sealed class SortKeys<TSort>(TSort defaultSort, params (TSort Sort, string Key)[] keys) where TSort : struct, Enum
{
    public string Key(TSort sort) => keys.First(k => EqualityComparer<TSort>.Default.Equals(k.Sort, sort)).Key;

    /// <summary>"forlop" or "-forlop" (descending); null for anything else, which sorts in the default order.</summary>
    public (TSort Sort, bool Descending)? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        var descending = text.StartsWith('-');
        var key = descending ? text[1..] : text;
        return keys.Where(k => string.Equals(k.Key, key, StringComparison.Ordinal)).Select(k => ((TSort, bool)?)(k.Sort, descending)).FirstOrDefault();
    }

    /// <summary>The address value for a sort; null for the default order (ascending).</summary>
    public string? Format(TSort sort, bool descending) =>
        EqualityComparer<TSort>.Default.Equals(sort, defaultSort) && !descending ? null : (descending ? "-" : "") + Key(sort);
}
