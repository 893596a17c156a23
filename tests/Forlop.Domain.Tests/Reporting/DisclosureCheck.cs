using Forlop.Domain.Reporting;

namespace Forlop.Domain.Tests.Reporting;

/// <summary>
/// Plays the reader of a public table who wants a suppressed count back. The reader knows every printed count and
/// the relations the table carries — in every row completed = within + breaches, and in every column the total row
/// is the sum of the other rows — and solves them. A cell is worked out when every solution of the relations gives
/// it the same value (checked by rank: removing the cell's column from the unknowns lowers the rank of the system).
/// </summary>
internal static class DisclosureCheck
{
    private const int Completed = 0, Within = 1, Breaches = 2;

    /// <summary>What a reader can learn that they should not: a description per worked-out small count.</summary>
    public static IReadOnlyList<string> Leaks(IndicatorTable table, IReadOnlyList<PublicIndicatorRow> rows, PublicIndicatorRow total, int threshold)
    {
        var source = table.Rows.Append(table.Total).ToList();
        var shown = rows.Append(total).ToList();
        var n = source.Count;
        int Cell(int row, int col) => row * 3 + col;
        int Value(int row, int col) => col switch
        {
            Completed => source[row].Completed,
            Within => source[row].WithinStandard,
            _ => source[row].Breaches,
        };
        bool Known(int row, int col) => col switch
        {
            Completed => shown[row].Completed is not null,
            Within => shown[row].WithinStandard is not null,
            _ => false, // breaches are never printed; the reader has to work them out
        };

        var equations = new List<int[]>();
        for (var r = 0; r < n; r++)
        {
            var e = new int[n * 3];
            e[Cell(r, Completed)] = 1;
            e[Cell(r, Within)] = -1;
            e[Cell(r, Breaches)] = -1;
            equations.Add(e);
        }
        for (var col = 0; col < 3; col++)
        {
            var e = new int[n * 3];
            for (var r = 0; r < n - 1; r++)
            {
                e[Cell(r, col)] = 1;
            }
            e[Cell(n - 1, col)] = -1;
            equations.Add(e);
        }

        var unknown = Enumerable.Range(0, n).SelectMany(r => Enumerable.Range(0, 3).Select(c => (Row: r, Col: c)))
            .Where(x => !Known(x.Row, x.Col)).ToList();
        var fullRank = Rank(equations, unknown.Select(x => Cell(x.Row, x.Col)).ToList());
        var leaks = new List<string>();
        foreach (var (row, col) in unknown)
        {
            var value = Value(row, col);
            if (value < 1 || value >= threshold)
            {
                continue;
            }
            var others = unknown.Where(x => x != (row, col)).Select(x => Cell(x.Row, x.Col)).ToList();
            if (Rank(equations, others) < fullRank)
            {
                leaks.Add($"{source[row].Pathway}/{source[row].Organisation} {(col == Completed ? "completed" : col == Within ? "within" : "breaches")} = {value} can be worked out");
            }
        }
        return leaks;
    }

    /// <summary>The rank of the equations restricted to the given unknowns (Gaussian elimination over the rationals).</summary>
    private static int Rank(List<int[]> equations, List<int> columns)
    {
        var m = equations.Select(e => columns.Select(c => (double)e[c]).ToArray()).ToList();
        var rank = 0;
        for (var col = 0; col < columns.Count && rank < m.Count; col++)
        {
            var pivot = -1;
            for (var r = rank; r < m.Count; r++)
            {
                if (Math.Abs(m[r][col]) > 1e-9)
                {
                    pivot = r;
                    break;
                }
            }
            if (pivot < 0)
            {
                continue;
            }
            (m[rank], m[pivot]) = (m[pivot], m[rank]);
            for (var r = 0; r < m.Count; r++)
            {
                if (r != rank && Math.Abs(m[r][col]) > 1e-9)
                {
                    var factor = m[r][col] / m[rank][col];
                    for (var c = col; c < columns.Count; c++)
                    {
                        m[r][c] -= factor * m[rank][c];
                    }
                }
            }
            rank++;
        }
        return rank;
    }
}
