using RoyaAudio.Server.Player;

namespace RoyaAudio.Server.Tests.Player;

/// <summary>One rounding rule for lengths, as the embed without JavaScript and the feeds write them.</summary>
public sealed class DurationTests
{
    [Theory]
    [InlineData(102_850, "1:43")]
    [InlineData(102_499, "1:42")]
    [InlineData(102_500, "1:43")] // halves up, not to even
    [InlineData(0, "0:00")]
    [InlineData(499, "0:00")]
    [InlineData(3_599_600, "1:00:00")]
    [InlineData(3_725_000, "1:02:05")]
    public void A_length_rounds_to_the_nearest_second_halves_up(long milliseconds, string shown) =>
        Assert.Equal(shown, Durations.Clock(milliseconds));
}
