using RoyaAudio.Synthesis.Verification;

namespace RoyaAudio.Tests.Synthesis.Verification;

public sealed class SpeakingRatesTests : IDisposable
{
    private const string Voice = "espeak|1.52|en-us|1|en";
    private readonly string _directory = Directory.CreateTempSubdirectory("roya-rates-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Before_a_voice_is_learnt_only_far_off_lengths_are_suspect()
    {
        var rates = new SpeakingRates(_directory);

        // 140 characters at a newsreader's 14 a second is 10 s; the unlearnt bounds are half and double.
        Assert.True(rates.Judge(Voice, "en", 140, TimeSpan.FromSeconds(10))!.Plausible);
        Assert.True(rates.Judge(Voice, "en", 140, TimeSpan.FromSeconds(19))!.Plausible);
        Assert.False(rates.Judge(Voice, "en", 140, TimeSpan.FromSeconds(21))!.Plausible);
        Assert.False(rates.Judge(Voice, "en", 140, TimeSpan.FromSeconds(4.5))!.Plausible);
    }

    [Fact]
    public void A_learnt_voice_is_judged_by_its_own_pace_with_tighter_bounds()
    {
        var rates = new SpeakingRates(_directory);
        for (var i = 0; i < SpeakingRates.Calibrated; i++)
        {
            rates.Learn(Voice, "en", 100, TimeSpan.FromSeconds(10)); // a slow voice: 10 characters a second
        }

        // 16 s for 100 characters is 1.6 times this voice's pace: too long now, plausible for an unlearnt voice.
        Assert.False(rates.Judge(Voice, "en", 100, TimeSpan.FromSeconds(16))!.Plausible);
        Assert.True(rates.Judge(Voice, "en", 100, TimeSpan.FromSeconds(12))!.Plausible);
        Assert.True(rates.Judge("other|voice", "en", 100, TimeSpan.FromSeconds(12))!.Plausible);
        Assert.Equal(TimeSpan.FromSeconds(10), rates.Judge(Voice, "en", 100, TimeSpan.FromSeconds(10))!.Expected);
    }

    [Fact]
    public void What_was_learnt_is_kept_in_the_cache_folder_for_the_next_process()
    {
        var rates = new SpeakingRates(_directory);
        for (var i = 0; i < SpeakingRates.Calibrated; i++)
        {
            rates.Learn(Voice, "en", 100, TimeSpan.FromSeconds(10));
        }

        rates.Save();

        var next = new SpeakingRates(_directory);
        Assert.True(File.Exists(Path.Combine(_directory, SpeakingRates.FileName)));
        Assert.False(next.Judge(Voice, "en", 100, TimeSpan.FromSeconds(16))!.Plausible);
    }

    [Fact]
    public void Short_units_are_not_judged_and_a_damaged_file_is_relearnt()
    {
        File.WriteAllText(Path.Combine(_directory, SpeakingRates.FileName), "{ not json");
        var rates = new SpeakingRates(_directory);

        Assert.Null(rates.Judge(Voice, "en", SpeakingRates.MinCharacters - 1, TimeSpan.FromSeconds(30)));
        Assert.NotNull(rates.Judge(Voice, "en", SpeakingRates.MinCharacters, TimeSpan.FromSeconds(3)));
    }
}
