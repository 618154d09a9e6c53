using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using RoyaAudio.Text;

namespace RoyaAudio.Articles;

/// <summary>Reads and validates the CMS article JSON. Every rejection is an <see cref="ArticleInputException"/>.</summary>
public static partial class ArticleReader
{
    /// <summary>Ids become file and storage names, so they are restricted to a safe alphabet.</summary>
    public const int MaxIdLength = 128;

    /// <summary>About ten hours of speech; anything longer is a CMS mistake, not an article.</summary>
    public const int MaxBodyCharacters = 2_000_000;

    public const int MaxTitleCharacters = 1_000;

    public static Article ReadFile(string path)
    {
        if (!File.Exists(path))
        {
            throw new ArticleInputException($"article file not found: {path}");
        }

        string json;
        try
        {
            json = StrictUtf8.Encoding.GetString(File.ReadAllBytes(path));
        }
        catch (DecoderFallbackException e)
        {
            // Decoding leniently would put replacement characters into what the voice reads.
            throw new ArticleInputException($"article file {path} is not valid UTF-8 (at byte {e.Index})", e);
        }

        return Parse(json.TrimStart('\uFEFF'));
    }

    /// <summary>Whether an id may name an article: 1-128 letters, digits, '-', '_' or '.', starting with a letter or digit, no "..".</summary>
    public static bool IsSafeId(string? id) =>
        id is { Length: > 0 and <= MaxIdLength } && SafeId().IsMatch(id) && !id.Contains("..", StringComparison.Ordinal) && !id.EndsWith('.');

    public static Article Parse(string json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 16 });
        }
        catch (JsonException e)
        {
            throw new ArticleInputException($"article is not valid JSON: {e.Message}", e);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new ArticleInputException("article JSON must be an object with id, language, title and body");
            }

            var id = RequiredString(root, "id");
            if (!IsSafeId(id))
            {
                throw new ArticleInputException(
                    $"article id '{Excerpt.Of(id, 40)}' is not allowed: use 1-{MaxIdLength} letters, digits, '-', '_' or '.' (no '..', not ending in '.')");
            }

            var language = RequiredString(root, "language").Trim().ToLowerInvariant();
            if (!Languages.IsSupported(language))
            {
                throw new ArticleInputException(
                    $"unknown language '{Excerpt.Of(language, 40)}': supported are {string.Join(", ", Languages.Supported)}");
            }

            var title = RoyaAudio.Text.FormatCharacters.Strip(RequiredString(root, "title"));
            if (title.Length > MaxTitleCharacters)
            {
                throw new ArticleInputException($"title has {title.Length} characters; the limit is {MaxTitleCharacters}");
            }

            var body = RequiredString(root, "body", allowEmpty: true);
            if (body.Length > MaxBodyCharacters)
            {
                throw new ArticleInputException($"body has {body.Length} characters; the limit is {MaxBodyCharacters}");
            }

            return new Article
            {
                Id = id,
                Language = language,
                Title = title,
                Body = body,
                Summary = OptionalStringArray(root, "summary"),
                Url = OptionalString(root, "url"),
                PublishedAt = OptionalDate(root, "publishedAt"),
                UpdatedAt = OptionalDate(root, "updatedAt"),
                Status = OptionalStatus(root),
            };
        }
    }

    private static string RequiredString(JsonElement root, string name, bool allowEmpty = false)
    {
        if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            throw new ArticleInputException($"article is missing the field '{name}'");
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            throw new ArticleInputException($"field '{name}' must be a string, not {Describe(value.ValueKind)}");
        }

        var text = WithoutNul(name, Text(name, value));
        if (!allowEmpty && string.IsNullOrWhiteSpace(text))
        {
            throw new ArticleInputException($"field '{name}' is empty");
        }

        return text;
    }

    /// <summary>An escaped lone surrogate ("\ud800") is valid JSON but not text; say so instead of failing later.</summary>
    private static string Text(string name, JsonElement value)
    {
        try
        {
            return value.GetString()!;
        }
        catch (InvalidOperationException e)
        {
            throw new ArticleInputException($"field '{name}' is not valid text (an unpaired surrogate escape)", e);
        }
    }

    /// <summary>A NUL is never text a newsroom meant; databases refuse it, so it is refused here with a clear reason.</summary>
    private static string WithoutNul(string name, string text) =>
        text.Contains('\0', StringComparison.Ordinal)
            ? throw new ArticleInputException($"field '{name}' contains a NUL character (\\u0000)")
            : text;

    private static string? OptionalString(JsonElement root, string name)
    {
        if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String
            ? WithoutNul(name, Text(name, value))
            : throw new ArticleInputException($"field '{name}' must be a string, not {Describe(value.ValueKind)}");
    }

    private static List<string> OptionalStringArray(JsonElement root, string name)
    {
        if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return [];
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            throw new ArticleInputException($"field '{name}' must be an array of strings");
        }

        var items = new List<string>();
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String)
            {
                throw new ArticleInputException($"field '{name}' must be an array of strings");
            }

            items.Add(WithoutNul(name, Text(name, item)));
        }

        return items;
    }

    private static DateTimeOffset? OptionalDate(JsonElement root, string name)
    {
        var text = OptionalString(root, name);
        if (text is null)
        {
            return null;
        }

        return DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var date)
            ? date
            : throw new ArticleInputException($"field '{name}' is not an ISO 8601 date: '{Excerpt.Of(text, 40)}'");
    }

    private static ArticleStatus OptionalStatus(JsonElement root)
    {
        var status = OptionalString(root, "status");
        return status?.Trim().ToLowerInvariant() switch
        {
            null or "published" => ArticleStatus.Published,
            "draft" => ArticleStatus.Draft,
            _ => throw new ArticleInputException($"field 'status' must be 'published' or 'draft', not '{Excerpt.Of(status, 40)}'"),
        };
    }

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => kind.ToString().ToLowerInvariant(),
    };


    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._-]*\z")]
    private static partial Regex SafeId();
}
