using RoyaAudio.Editions;

namespace RoyaAudio.Tests.Text;

/// <summary>What a rule, or an edition's whole house style, makes of a sentence.</summary>
internal static class Said
{
    public static string By(SpokenFormRule rule, string written) => new SpokenForms([rule]).Apply(written);

    public static string InEnglish(string written) => EnglishEdition.Edition.SpokenForms.Apply(written);

    public static string InArabic(string written) => ArabicEdition.Edition.SpokenForms.Apply(written);
}
