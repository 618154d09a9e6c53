namespace RoyaAudio.Editions;

/// <summary>
/// The editions a service publishes. The app uses <see cref="Default"/>; a registry of its own lets a
/// test add an edition without changing what any other test sees.
/// </summary>
public sealed class EditionRegistry
{
    /// <summary>
    /// The editions the newsroom publishes. A new edition is one file like <see cref="EnglishEdition"/> plus its
    /// place in this list, whose order is the order the desk, messages and fallbacks use.
    /// </summary>
    public static EditionRegistry Default { get; } = new([EnglishEdition.Edition, ArabicEdition.Edition]);

    private readonly Dictionary<string, Edition> _byCode;

    /// <param name="editions">The first is the fallback edition; codes must be distinct and lower case.</param>
    public EditionRegistry(IEnumerable<Edition> editions)
    {
        ArgumentNullException.ThrowIfNull(editions);
        All = [.. editions];
        if (All.Count == 0)
        {
            throw new ArgumentException("a registry needs at least one edition", nameof(editions));
        }

        _byCode = new(StringComparer.Ordinal);
        foreach (var edition in All)
        {
            // Article codes are compared exactly everywhere (database, feeds, lexicon), so only lower case is ever stored.
            if (edition.Code.Length == 0 || !string.Equals(edition.Code, edition.Code.ToLowerInvariant(), StringComparison.Ordinal))
            {
                throw new ArgumentException($"edition code '{edition.Code}' must be lower case and not empty", nameof(editions));
            }

            if (!_byCode.TryAdd(edition.Code, edition))
            {
                throw new ArgumentException($"edition '{edition.Code}' is registered twice", nameof(editions));
            }
        }

        Codes = [.. All.Select(edition => edition.Code)];
    }

    /// <summary>In registration order, which is the order lists and messages show them in.</summary>
    public IReadOnlyList<Edition> All { get; }

    public IReadOnlyList<string> Codes { get; }

    /// <summary>What an article in a language without wording of its own falls back to (English in the newsroom).</summary>
    public Edition Fallback => All[0];

    /// <summary>The edition with exactly this code, or null.</summary>
    public Edition? Find(string? code) => code is not null && _byCode.TryGetValue(code, out var edition) ? edition : null;

    public bool IsSupported(string? code) => Find(code) is not null;
}
