using System.ComponentModel.DataAnnotations;
using System.Globalization;
using RoyaAudio.Editions;

namespace RoyaAudio.Server.Bulletins;

/// <summary>
/// Section <c>Bulletin</c>: per edition, when its daily bulletin is built, as <c>Bulletin:{edition}:At</c>
/// ("07:00"), <c>TimeZone</c> (IANA, "Asia/Amman") and <c>MaxStories</c>. An edition without <c>At</c> is
/// built only when an editor asks.
/// </summary>
public sealed class BulletinOptions : IValidatableObject
{
    public const string Section = "Bulletin";

    public Dictionary<string, EditionBulletin> Editions { get; } = new(StringComparer.OrdinalIgnoreCase);

    public EditionBulletin For(string language) => Editions.TryGetValue(language, out var bulletin) ? bulletin : new EditionBulletin();

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var (code, bulletin) in Editions)
        {
            var name = $"Bulletin:{code}";
            if (EditionRegistry.Default.Find(code) is null)
            {
                yield return new ValidationResult($"{name} names no edition: the editions are {string.Join(", ", EditionRegistry.Default.Codes)}", [nameof(Editions)]);
                continue;
            }

            if (bulletin.At is { Length: > 0 } at && bulletin.LocalTime is null)
            {
                yield return new ValidationResult($"{name}:At '{at}' is not a time of day: write 24-hour hours and minutes, like 07:00", [nameof(Editions)]);
            }

            if (bulletin.Zone is null)
            {
                yield return new ValidationResult(
                    $"{name}:TimeZone '{bulletin.TimeZone}' is not a time zone this machine knows: write an IANA name, like Asia/Amman or Europe/London", [nameof(Editions)]);
            }

            if (bulletin.MaxStories is < 1 or > 50)
            {
                yield return new ValidationResult($"{name}:MaxStories is {bulletin.MaxStories}: a bulletin holds 1 to 50 stories", [nameof(Editions)]);
            }
        }
    }
}

public sealed class EditionBulletin
{
    /// <summary>Local time of day of the daily build ("07:00"); none builds only on request.</summary>
    public string? At { get; set; }

    public string TimeZone { get; set; } = "UTC";

    public int MaxStories { get; set; } = 10;

    /// <summary>What the voice says first; <c>{date}</c> becomes the day in the edition's words. Default: the edition's wording.</summary>
    public string? Opening { get; set; }

    public TimeOnly? LocalTime =>
        TimeOnly.TryParseExact(At?.Trim(), ["HH:mm", "H:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var time) ? time : null;

    public TimeZoneInfo? Zone => System.TimeZoneInfo.TryFindSystemTimeZoneById(TimeZone, out var zone) ? zone : null;
}
