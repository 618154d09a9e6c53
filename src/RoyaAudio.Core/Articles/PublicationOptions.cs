using System.ComponentModel.DataAnnotations;

namespace RoyaAudio.Articles;

/// <summary>Who publishes the audio and how it is disclosed to listeners, per edition.</summary>
public sealed class PublicationOptions
{
    public const string Section = "Publication";

    /// <summary>The publication's name; it goes into the MP3's artist tag.</summary>
    [Required(ErrorMessage = "Publication:Name is required: the newsroom's name, written into every MP3's artist tag")]
    public string Name { get; set; } = "Roya News";

    /// <summary>The AI disclosure shown under the player and written into each MP3, per language.</summary>
    public Dictionary<string, string> Disclosure { get; set; } = new()
    {
        ["en"] = "AI technology was used to generate this article's audio.",
        ["ar"] = "تم استخدام تقنية الذكاء الاصطناعي لإنتاج الصوت الخاص بهذا المقال.",
    };

    public string DisclosureFor(string language) =>
        Disclosure.TryGetValue(language, out var text) ? text : Disclosure["en"];
}
