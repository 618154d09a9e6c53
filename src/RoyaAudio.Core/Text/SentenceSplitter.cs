using System.Buffers;
using RoyaAudio.Editions;

namespace RoyaAudio.Text;

/// <summary>
/// Rule-based sentence boundary detection for news text, by each edition's <see cref="SplitterRules"/>.
/// </summary>
/// <remarks>
/// The text is cut into whitespace-separated tokens and each gap between two tokens is judged once, looking only at
/// the end of the token before it and the start of the token after it, so the cost is linear in the text length.
/// Boundaries never fall inside a token, which keeps decimals, URLs, e-mail addresses and "05:01" whole.
/// </remarks>
public static class SentenceSplitter
{
    private static readonly SearchValues<char> FormatChars = FormatCharacters.All;

    private static readonly SearchValues<char> Openers = SearchValues.Create("\"'“‘„‚«‹([{¿¡");
    private static readonly SearchValues<char> Closers = SearchValues.Create("\"'”’»›)]}");
    private static readonly SearchValues<char> Bullets = SearchValues.Create("•⁃◦▪‣●■");

    /// <summary>Splits <paramref name="text"/> into sentences, trimmed, in order, none empty.</summary>
    /// <param name="text">One paragraph; line breaks inside it count as spaces.</param>
    /// <param name="language">The code of one of the newsroom's editions ("en", "ar"), in any case.</param>
    public static IReadOnlyList<string> Split(string text, string language)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(language);
        // Codes are lower case; only an upper-case one pays for lowering.
        var edition = EditionRegistry.Default.Find(language) ?? EditionRegistry.Default.Find(language.ToLowerInvariant())
            ?? throw new ArgumentException(
                $"Unsupported language '{language}'; expected {string.Join(" or ", EditionRegistry.Default.Codes.Select(code => $"\"{code}\""))}.",
                nameof(language));
        return Split(text, edition);
    }

    /// <summary>Splits <paramref name="text"/> by <paramref name="edition"/>'s rules into sentences, trimmed, in order, none empty.</summary>
    /// <param name="text">One paragraph; line breaks inside it count as spaces.</param>
    public static IReadOnlyList<string> Split(string text, Edition edition)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(edition);

        int count = CountTokens(text);
        if (count == 0)
        {
            return [];
        }

        // Pooled because the splitter runs once per paragraph of every article.
        var pool = ArrayPool<Token>.Shared;
        var tokens = pool.Rent(count);
        try
        {
            return new Scan(text, tokens.AsSpan(0, count), edition.Splitting).Run();
        }
        finally
        {
            pool.Return(tokens);
        }
    }

    private static int CountTokens(string text)
    {
        int count = 0;
        bool inToken = false;
        foreach (char c in text)
        {
            bool space = char.IsWhiteSpace(c);
            if (!space && !inToken)
            {
                count++;
            }

            inToken = !space;
        }

        return count;
    }

    [Flags]
    private enum TokenTraits
    {
        None = 0,

        /// <summary>Only periods or "…" (with brackets/quotes): a piece of an ellipsis such as ". . .".</summary>
        DotsOnly = 1,

        /// <summary>A bullet or the next number/letter of a list: a new sentence starts here.</summary>
        StartsItem = 2,

        /// <summary>A list marker ("1.", "a)", "•"): its period never ends a sentence.</summary>
        ListMarker = 4,
    }

    /// <summary>What the first character of the following word (after any opening quote) is.</summary>
    private enum NextKind
    {
        Other,
        Upper,
        Lower,

        /// <summary>A letter of a script without case, such as Arabic: treated like a capital.</summary>
        Caseless,
        Digit,
    }

    private enum MarkerKind
    {
        None,
        Number,
        Letter,
    }

    /// <param name="Dots">For dot-only tokens, the number of dots in the whole run of them.</param>
    /// <param name="RunEnd">For dot-only tokens, the index of the last token of the run.</param>
    private record struct Token(int Start, int End, TokenTraits Traits, int Dots, int RunEnd)
    {
        public readonly bool Has(TokenTraits trait) => (Traits & trait) != 0;
    }

    private readonly ref struct Scan(string text, Span<Token> tokens, SplitterRules rules)
    {
        private readonly string text = text;
        private readonly Span<Token> tokens = tokens;
        private readonly bool clauses = rules.EndsAtClausePunctuation;
        private readonly Abbreviations words = rules.Lookup;

        public List<string> Run()
        {
            Tokenize();
            MarkLists();
            MarkDotRuns();

            var sentences = new List<string>();
            int first = 0;
            for (int i = 0; i < tokens.Length - 1; i++)
            {
                if (BoundaryAfter(i, first))
                {
                    sentences.Add(Join(first, i));
                    first = i + 1;
                }
            }

            sentences.Add(Join(first, tokens.Length - 1));
            return sentences;
        }

        private void Tokenize()
        {
            int n = 0;
            int start = -1;
            for (int i = 0; i <= text.Length; i++)
            {
                bool space = i == text.Length || char.IsWhiteSpace(text[i]);
                if (space && start >= 0)
                {
                    tokens[n++] = new Token(start, i, TokenTraits.None, 0, 0);
                    start = -1;
                }
                else if (!space && start < 0)
                {
                    start = i;
                }
            }
        }

        private ReadOnlySpan<char> Text(int index) => text.AsSpan(tokens[index].Start, tokens[index].End - tokens[index].Start);

        // A list is recognised only when the paragraph opens with a marker and later markers continue its
        // sequence (1., 2., 3. or a., b., c.), so "came 2. The" in running prose is not mistaken for one.
        // Bullets start an item wherever they appear; a lone dash or asterisk does only in a paragraph that
        // opens with one, since elsewhere it is punctuation.
        private void MarkLists()
        {
            var expectedKind = MarkerKind.None;
            int expectedValue = 0;
            bool afterBullet = false;
            bool dashList = IsDashBullet(Text(0));
            for (int i = 0; i < tokens.Length; i++)
            {
                var kind = ParseMarker(Text(i), out bool bullet, out int value);
                bullet |= dashList && IsDashBullet(Text(i));
                var traits = bullet ? TokenTraits.StartsItem | TokenTraits.ListMarker : TokenTraits.None;
                bool inSequence = kind == expectedKind && value == expectedValue;
                if (kind != MarkerKind.None && (i == 0 || bullet || afterBullet || inSequence))
                {
                    traits |= TokenTraits.ListMarker;
                    if (inSequence && !afterBullet)
                    {
                        traits |= TokenTraits.StartsItem;
                    }

                    expectedKind = kind;
                    expectedValue = value + 1;
                }

                tokens[i] = tokens[i] with { Traits = traits };
                afterBullet = bullet && kind == MarkerKind.None;
            }
        }

        private void MarkDotRuns()
        {
            for (int i = 0; i < tokens.Length; i++)
            {
                int dots = CountDots(Text(i));
                if (dots == 0)
                {
                    continue;
                }

                int end = i;
                int next;
                while (end + 1 < tokens.Length && (next = CountDots(Text(end + 1))) > 0)
                {
                    dots += next;
                    end++;
                }

                for (int k = i; k <= end; k++)
                {
                    tokens[k] = tokens[k] with { Traits = tokens[k].Traits | TokenTraits.DotsOnly, Dots = dots, RunEnd = end };
                }

                i = end;
            }
        }

        private bool BoundaryAfter(int i, int first)
        {
            var before = tokens[i];
            var after = tokens[i + 1];
            if (after.Has(TokenTraits.StartsItem))
            {
                return true;
            }

            if (before.Has(TokenTraits.ListMarker))
            {
                return false;
            }

            if (after.Has(TokenTraits.DotsOnly))
            {
                // "compounds. . . . The": the period ends the sentence and the ellipsis opens the next one.
                return !before.Has(TokenTraits.DotsOnly) && after.Dots == 3 && after.RunEnd + 1 < tokens.Length
                    && EndsSentence(i, after.RunEnd + 1, first);
            }

            if (before.Has(TokenTraits.DotsOnly))
            {
                // A bare ". . ." is an omission inside the sentence; four dots are an ellipsis plus a full stop.
                var next = Kind(i + 1);
                return before.Dots >= 4 ? IsCapitalLike(next) : before.Dots < 3 && next != NextKind.Lower;
            }

            return EndsSentence(i, i + 1, first);
        }

        /// <summary>Whether token <paramref name="a"/> ends a sentence when token <paramref name="b"/> comes next.</summary>
        private bool EndsSentence(int a, int b, int first)
        {
            var token = Text(a);
            int end = token.Length;
            bool closed = false;
            while (end > 0 && (Closers.Contains(token[end - 1]) || FormatChars.Contains(token[end - 1])))
            {
                closed |= Closers.Contains(token[end - 1]);
                end--;
            }

            if (end == 0)
            {
                return false;
            }

            var next = Kind(b);
            switch (token[end - 1])
            {
                case '?' or '!' or '؟' or '‽' or '⁇' or '⁈' or '⁉':
                    // "Yahoo! in the accounting department", "'Why?' she asked".
                    return next != NextKind.Lower;
                case '.' or '…' or '۔':
                    return PeriodEnds(token[..end], closed, a, b, first, next);
                case '؛' when clauses:
                    return true;
                case '،' when clauses:
                    // "الدم، والقلب،": a comma before a one-word list item does not end the sentence.
                    return !EndsWithArabicComma(Text(b));
                case ':' when clauses:
                    // Not between digits ("05: 01").
                    return !(end >= 2 && char.IsDigit(token[end - 2]) && next == NextKind.Digit);
                default:
                    return false;
            }
        }

        /// <param name="core">The token without closing quotes/brackets; ends with '.', '…' or '۔'.</param>
        private bool PeriodEnds(ReadOnlySpan<char> core, bool closed, int a, int b, int first, NextKind next)
        {
            int dots = 0;
            int end = core.Length;
            while (end > 0 && core[end - 1] is '.' or '…')
            {
                dots += core[end - 1] == '…' ? 3 : 1;
                end--;
            }

            // "that.... She left", "He paused… Then", and quoted speech: only a capital starts a new sentence.
            if (dots >= 3 || closed)
            {
                return IsCapitalLike(next);
            }

            int start = 0;
            while (start < end && (Openers.Contains(core[start]) || FormatChars.Contains(core[start])))
            {
                start++;
            }

            Span<char> buffer = stackalloc char[16];
            var word = WithoutFormatChars(core[start..(core.Length - 1)], buffer);
            switch (words.Classify(word))
            {
                case AbbreviationKind.NeverEnds:
                    return false;
                case AbbreviationKind.BeforeNumber:
                    return next != NextKind.Digit && next != NextKind.Lower;
                case AbbreviationKind.EndsBeforeStarter:
                    return StartsWithStarter(Text(b), words);
                case AbbreviationKind.EndsBeforeCapital:
                    return IsCapitalLike(next);
                case AbbreviationKind.Time:
                    // "at 8 p.m. Tuesday" continues; "At 5 a.m. Mr. Smith went" is a phrase, not a sentence.
                    return IsCapitalLike(next) && !words.IsTimeFollower(LeadingLetters(Text(b)))
                        && !(a - first < 4 && words.IsTimePreposition(LeadingLetters(Text(first))));
                default:
                    break;
            }

            // Initials and initialisms ("Jonas E. Smith", "the U.S. Government") usually continue; a pronoun or
            // article after them ("you and I. Did", "the U.S. How") shows that the sentence ended.
            if (IsInitialism(word))
            {
                return StartsWithStarter(Text(b), words);
            }

            // A lower-case word after a period means an abbreviation we do not know, not a new sentence.
            return next != NextKind.Lower;
        }

        private NextKind Kind(int index)
        {
            foreach (char c in Text(index))
            {
                if (Openers.Contains(c) || FormatChars.Contains(c))
                {
                    continue;
                }

                if (char.IsUpper(c))
                {
                    return NextKind.Upper;
                }

                if (char.IsLower(c))
                {
                    return NextKind.Lower;
                }

                if (char.IsDigit(c))
                {
                    return NextKind.Digit;
                }

                return char.IsLetter(c) ? NextKind.Caseless : NextKind.Other;
            }

            return NextKind.Other;
        }

        private string Join(int first, int last)
        {
            int start = tokens[first].Start;
            int end = tokens[last].End;
            bool singleSpaced = true;
            for (int i = first; i < last && singleSpaced; i++)
            {
                singleSpaced = tokens[i + 1].Start - tokens[i].End == 1 && text[tokens[i].End] == ' ';
            }

            if (singleSpaced)
            {
                return text.Substring(start, end - start);
            }

            // Line breaks, tabs and runs of spaces inside a sentence become one space.
            int length = 0;
            for (int i = first; i <= last; i++)
            {
                length += tokens[i].End - tokens[i].Start + (i < last ? 1 : 0);
            }

            var buffer = length <= 512 ? stackalloc char[length] : new char[length];
            int at = 0;
            for (int i = first; i <= last; i++)
            {
                if (i > first)
                {
                    buffer[at++] = ' ';
                }

                Text(i).CopyTo(buffer[at..]);
                at += tokens[i].End - tokens[i].Start;
            }

            return new string(buffer);
        }
    }

    private static bool IsCapitalLike(NextKind kind) => kind is NextKind.Upper or NextKind.Caseless;

    /// <summary>Parses "1.", "2)", "3.)", "a.", "b)", optionally after a bullet ("•", "⁃9.").</summary>
    private static MarkerKind ParseMarker(ReadOnlySpan<char> token, out bool bullet, out int value)
    {
        value = 0;
        bullet = token.Length > 0 && Bullets.Contains(token[0]);
        var rest = bullet ? token[1..] : token;
        int digits = 0;
        while (digits < rest.Length && digits < 4 && char.IsDigit(rest[digits]))
        {
            value = (value * 10) + (int)char.GetNumericValue(rest[digits]);
            digits++;
        }

        if (digits is >= 1 and <= 3 && IsMarkerSuffix(rest[digits..]))
        {
            return MarkerKind.Number;
        }

        if (rest.Length >= 2 && char.IsAsciiLetterLower(rest[0]) && IsMarkerSuffix(rest[1..]))
        {
            value = rest[0] - 'a' + 1;
            return MarkerKind.Letter;
        }

        value = 0;
        return MarkerKind.None;
    }

    private static bool IsDashBullet(ReadOnlySpan<char> token) => token is "-" or "–" or "—" or "*";

    private static bool IsMarkerSuffix(ReadOnlySpan<char> suffix) => suffix is "." or ")" or ".)";

    /// <summary>Dots in a token made only of periods/ellipses and brackets or quotes ("[...]", ".”"), else 0.</summary>
    private static int CountDots(ReadOnlySpan<char> token)
    {
        int dots = 0;
        foreach (char c in token)
        {
            if (c == '.')
            {
                dots++;
            }
            else if (c == '…')
            {
                dots += 3;
            }
            else if (!Openers.Contains(c) && !Closers.Contains(c) && !FormatChars.Contains(c))
            {
                return 0;
            }
        }

        return dots;
    }

    private static bool EndsWithArabicComma(ReadOnlySpan<char> token)
    {
        int end = token.Length;
        while (end > 0 && (Closers.Contains(token[end - 1]) || FormatChars.Contains(token[end - 1])))
        {
            end--;
        }

        return end > 1 && token[end - 1] == '،';
    }

    /// <summary>A single letter ("E", "I") or letters of one or two joined by periods ("U.S", "Ph.D", "أ.د").</summary>
    private static bool IsInitialism(ReadOnlySpan<char> word)
    {
        // Arabic has no initials in names; a lone letter such as "م." (AD) after a year ends the sentence.
        if (word.IsEmpty || (word.Length == 1 && !char.IsUpper(word[0]) && !char.IsLower(word[0])))
        {
            return false;
        }

        int run = 0;
        foreach (char c in word)
        {
            if (char.IsLetter(c))
            {
                if (++run > 2)
                {
                    return false;
                }
            }
            else if (c == '.' && run > 0)
            {
                run = 0;
            }
            else
            {
                return false;
            }
        }

        // "Mr" without a period inside is a two-letter word, not an initial.
        return run > 0 && (word.Length == 1 || word.Contains('.'));
    }

    private static bool StartsWithStarter(ReadOnlySpan<char> token, Abbreviations words)
    {
        var letters = LeadingLetters(token, out int after);

        // "J. A. Smith": "A." is another initial, not the article.
        return words.IsSentenceStarter(letters) && (after == token.Length || token[after] != '.');
    }

    private static ReadOnlySpan<char> LeadingLetters(ReadOnlySpan<char> token) => LeadingLetters(token, out _);

    /// <summary>The first run of letters, after any opening quotes or brackets ("“The" gives "The", "I'm" gives "I").</summary>
    private static ReadOnlySpan<char> LeadingLetters(ReadOnlySpan<char> token, out int end)
    {
        int start = 0;
        while (start < token.Length && (Openers.Contains(token[start]) || FormatChars.Contains(token[start])))
        {
            start++;
        }

        end = start;
        while (end < token.Length && char.IsLetter(token[end]))
        {
            end++;
        }

        return token[start..end];
    }

    private static ReadOnlySpan<char> WithoutFormatChars(ReadOnlySpan<char> word, Span<char> buffer)
    {
        if (!word.ContainsAny(FormatChars))
        {
            return word;
        }

        int length = 0;
        foreach (char c in word)
        {
            if (!FormatChars.Contains(c))
            {
                if (length == buffer.Length)
                {
                    // Too long to be an abbreviation anyway.
                    return word;
                }

                buffer[length++] = c;
            }
        }

        return buffer[..length];
    }
}
