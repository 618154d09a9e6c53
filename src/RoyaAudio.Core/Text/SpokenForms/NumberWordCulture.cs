using System.Globalization;

namespace RoyaAudio.Text;

/// <summary>
/// A culture known by its name alone, for Humanizer to choose its number words by. The service runs with invariant
/// globalization (no ICU), where <c>new CultureInfo("ar")</c> cannot be made; Humanizer needs only the name.
/// </summary>
internal sealed class NumberWordCulture(string name) : CultureInfo(string.Empty)
{
    public static NumberWordCulture English { get; } = new("en");

    public static NumberWordCulture Arabic { get; } = new("ar");

    public override string Name => name;

    public override string TwoLetterISOLanguageName => name;

    public override CultureInfo Parent => InvariantCulture;
}
