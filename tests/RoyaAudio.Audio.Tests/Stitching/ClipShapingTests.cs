using RoyaAudio.Stitching;

namespace RoyaAudio.Tests.Assembly;

public class ClipShapingTests
{
    [Fact]
    public void Speech_range_cuts_silence_but_keeps_a_little_air()
    {
        var samples = new float[24000];
        for (var i = 6000; i < 12000; i++)
        {
            samples[i] = 0.3f;
        }

        var (start, length) = ClipShaping.SpeechRange(samples, new AudioOptions());
        Assert.Equal(6000 - 120, start); // 5 ms lead margin at 24 kHz
        Assert.Equal(6000 + 120 + 600, length); // plus 25 ms tail margin
    }

    [Fact]
    public void A_silent_clip_has_no_speech() =>
        Assert.Equal((0, 0), ClipShaping.SpeechRange(new float[1000], new AudioOptions()));

    [Fact]
    public void Fade_rises_from_zero_and_returns_to_zero_symmetrically()
    {
        var samples = Enumerable.Repeat(1f, 1000).ToArray();
        ClipShaping.Fade(samples, 120);
        Assert.True(samples[0] < 0.001f && samples[^1] < 0.001f);
        Assert.Equal(1f, samples[500]);
        Assert.Equal(samples[60], samples[^61], 5);
        Assert.True(samples[30] < samples[60] && samples[60] < samples[90]);
    }
}
