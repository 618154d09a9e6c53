using RoyaAudio.Editions;
using RoyaAudio.Text;

namespace RoyaAudio.Server.Tests.Editions;

/// <summary>A pretend third edition, French, defined here alone: what a new edition's file would hold.</summary>
internal static class NewcomerEdition
{
    public static Edition Edition { get; } = new()
    {
        Code = "fr",
        Iso639_2 = "fra",
        Direction = TextDirection.LeftToRight,
        Name = "French",
        NativeName = "Français",
        Player = new()
        {
            Listen = "Écouter cet article :",
            Play = "Lecture",
            Pause = "Pause",
            Back = "Reculer de 15 secondes",
            Forward = "Avancer de 15 secondes",
            Seek = "Position dans l'article",
            Elapsed = "Temps écoulé",
            Of = "sur",
            Speed = "Vitesse de lecture",
            Download = "Télécharger",
            Transcript = "Transcription",
            Captions = "Français",
            Preparing = "L'audio est en préparation.",
            Note = "Remarque :",
            Updated = "Audio mis à jour le",
            Months = "janvier,février,mars,avril,mai,juin,juillet,août,septembre,octobre,novembre,décembre",
        },
        Disclosure = "L'audio de cet article a été généré par une technologie d'IA.",
        Voices = new(Espeak: "fr-fr", OpenAi: "nova", ReadingStyle: "Lisez comme un présentateur de journal calme et clair."),
        Colours = new(Ground: "#1D4D3A", Mark: "#F2C14E"),
        Furniture = new()
        {
            Lines =
            [
                """écouter\s+cet\s+article\s*:?""",
                """(?:remarque\s*:\s*)?l.audio\s+de\s+cet\s+article\s+a\s+été\s+généré\s+par\s+une\s+technologie\s+d.ia\.?""",
            ],
            Bylines = ["Par"],
        },
        Splitting = new()
        {
            Abbreviations = new Dictionary<AbbreviationKind, IReadOnlyList<string>>
            {
                [AbbreviationKind.NeverEnds] = ["m", "mme", "mlle", "me", "pr"],
                [AbbreviationKind.BeforeNumber] = ["n°", "p"],
                [AbbreviationKind.EndsBeforeCapital] = ["etc"],
            },
            SentenceStarters = ["Le", "La", "Les", "Il", "Elle", "Mais"],
        },
        // No house style for French numbers yet: the voice reads the copy as written.
        SpokenForms = SpokenForms.None,
    };
}
