using System.Globalization;

namespace RoyaAudio.Tests.Text;

/// <summary>
/// Reads English number words back into a number, written here by hand so the property tests check the spoken
/// forms against something that is not them: cardinals with "and" and scales, "minus", "point" with digits one by
/// one, and years said in pairs ("nineteen ninety-nine", "twenty ten", "nineteen oh five").
/// </summary>
internal static class EnglishNumberReader
{
    private static readonly Dictionary<string, int> Small = new(StringComparer.Ordinal)
    {
        ["zero"] = 0, ["one"] = 1, ["two"] = 2, ["three"] = 3, ["four"] = 4, ["five"] = 5, ["six"] = 6, ["seven"] = 7,
        ["eight"] = 8, ["nine"] = 9, ["ten"] = 10, ["eleven"] = 11, ["twelve"] = 12, ["thirteen"] = 13, ["fourteen"] = 14,
        ["fifteen"] = 15, ["sixteen"] = 16, ["seventeen"] = 17, ["eighteen"] = 18, ["nineteen"] = 19,
    };

    private static readonly Dictionary<string, int> Tens = new(StringComparer.Ordinal)
    {
        ["twenty"] = 20, ["thirty"] = 30, ["forty"] = 40, ["fifty"] = 50, ["sixty"] = 60, ["seventy"] = 70, ["eighty"] = 80,
        ["ninety"] = 90,
    };

    private static readonly Dictionary<string, long> Scales = new(StringComparer.Ordinal)
    {
        ["thousand"] = 1_000, ["million"] = 1_000_000, ["billion"] = 1_000_000_000, ["trillion"] = 1_000_000_000_000,
    };

    public static decimal Read(string words)
    {
        var tokens = words.Split([' ', '-'], StringSplitOptions.RemoveEmptyEntries).ToList();
        var negative = tokens.Count > 0 && tokens[0] == "minus";
        if (negative)
        {
            tokens.RemoveAt(0);
        }

        var point = tokens.IndexOf("point");
        var whole = point < 0 ? tokens : tokens[..point];
        decimal value = Whole(whole);
        if (point >= 0)
        {
            var digits = string.Concat(tokens[(point + 1)..].Select(t => Small.TryGetValue(t, out var d) && d < 10
                ? d.ToString(CultureInfo.InvariantCulture)
                : throw new FormatException($"'{t}' is not a digit after the point in '{words}'")));
            value += decimal.Parse("0." + digits, CultureInfo.InvariantCulture);
        }

        return negative ? -value : value;
    }

    private static long Whole(List<string> tokens)
    {
        if (tokens.Count == 0)
        {
            throw new FormatException("no number words");
        }

        if (Year(tokens) is { } year)
        {
            return year;
        }

        // A cardinal is groups below a thousand, each "[unit hundred] [and] [tens[-unit] | teen | unit]", each but the
        // last followed by a scale smaller than the one before.
        long total = 0;
        long group = 0;
        var lastScale = long.MaxValue;
        var said = Part.None;
        foreach (var token in tokens)
        {
            if (Small.TryGetValue(token, out var small))
            {
                var afterTens = said == Part.Tens && small is > 0 and < 10;
                Expect(said is Part.None or Part.Hundred or Part.Scale or Part.And || afterTens, token);
                group += small;
                said = Part.Units;
            }
            else if (Tens.TryGetValue(token, out var tens))
            {
                Expect(said is Part.None or Part.Hundred or Part.Scale or Part.And, token);
                group += tens;
                said = Part.Tens;
            }
            else if (token == "hundred")
            {
                Expect(said == Part.Units && group is > 0 and < 10, token);
                group *= 100;
                said = Part.Hundred;
            }
            else if (Scales.TryGetValue(token, out var scale))
            {
                Expect(said is Part.Units or Part.Tens or Part.Hundred && group > 0 && scale < lastScale, token);
                total += group * scale;
                group = 0;
                lastScale = scale;
                said = Part.Scale;
            }
            else if (token == "and")
            {
                Expect(said is Part.Hundred or Part.Scale, token);
                said = Part.And;
            }
            else
            {
                throw new FormatException($"'{token}' is not a number word");
            }
        }

        Expect(said != Part.And, "and");
        return total + group;
    }

    private enum Part
    {
        None,
        Units,
        Tens,
        Hundred,
        Scale,
        And,
    }

    private static void Expect(bool inOrder, string token)
    {
        if (!inOrder)
        {
            throw new FormatException($"'{token}' is out of place in a number");
        }
    }

    /// <summary>Two numbers below a hundred side by side, which no cardinal has: a year ("twenty twenty-six").</summary>
    private static long? Year(List<string> tokens)
    {
        if (!Small.TryGetValue(tokens[0], out var century) && !Tens.TryGetValue(tokens[0], out century) || century < 10 || tokens.Count < 2)
        {
            return null;
        }

        var rest = tokens[1..];
        if (rest is ["hundred"] && century > 10)
        {
            return century * 100;
        }

        if (rest is ["oh", var unit] && Small.TryGetValue(unit, out var digit) && digit < 10)
        {
            return century * 100 + digit;
        }

        var second = rest switch
        {
            [var one] when Small.TryGetValue(one, out var v) && v >= 10 => v,
            [var one] when Tens.TryGetValue(one, out var v) => v,
            [var ten, var unitWord] when Tens.TryGetValue(ten, out var t) && Small.TryGetValue(unitWord, out var u) && u is > 0 and < 10 => t + u,
            _ => -1,
        };
        return second < 0 ? null : century * 100 + second;
    }
}
