using NAudio.Wave;
using RoyaAudio.Rendering;
using RoyaAudio.Stitching;
using RoyaAudio.Synthesis;
using RoyaAudio.Tests.Assembly;
using RoyaAudio.Text;

namespace RoyaAudio.Audio.Tests.Rendering;

public sealed class ProgrammeRecordingTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("roya-recording-").FullName;
    private readonly AudioOptions _options = new();

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    /// <summary>
    /// The encoder and the gain chooser open readers while the recording is still being written. Opening one must not
    /// disturb the writer: a reader that flushed the writer's buffer from another thread once left 0.58 s of zeros in
    /// a rendition (and pushed the rest later), heard as a pause no one designed.
    /// </summary>
    [Fact]
    public async Task Readers_opened_while_it_is_written_see_exactly_the_programme()
    {
        const int units = 40;
        var clips = Enumerable.Range(0, units)
            .Select(i => TestClips.Tone(_directory, 24000, 0.05, 0.3 + 0.37 * (i % 7) / 7.0, 0.05, amplitude: 0.2 + 0.6 * (i % 5) / 5.0))
            .ToArray();
        var script = Enumerable.Range(0, units).Select(i => new SynthesisUnit(i, i / 3, [new ScriptSentence(i, i / 3, "s", "s")])).ToArray();
        var expected = TestClips.ReadAll(new Programme(script, clips, _options).Audio);

        var ready = Enumerable.Range(0, units).Select(_ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).ToArray();
        using var recording = ProgrammeRecording.Start(new Programme(script, clips, _options), [.. ready.Select(r => r.Task)], 24000, _directory, CancellationToken.None);

        // A follower reads as the encoder does; others come and go as the gain chooser's do, from other threads.
        // Own threads, not the pool's: they block and spin, and the recording's continuations need the pool.
        var follower = Task.Factory.StartNew(() => ReadAll(recording.OpenReader(follow: true)), TaskCreationOptions.LongRunning);
        using var stop = new CancellationTokenSource();
        var openers = Enumerable.Range(0, 2).Select(_ => Task.Factory.StartNew(() =>
        {
            var opened = 0;
            while (!stop.IsCancellationRequested)
            {
                using var reader = recording.OpenReader(0, 1);
                opened++;
                Thread.Sleep(0);
            }

            return opened;
        }, TaskCreationOptions.LongRunning)).ToArray();

        foreach (var clip in ready)
        {
            clip.SetResult();
            await Task.Delay(2);
        }

        await recording.Completion;
        await stop.CancelAsync();
        Assert.All(await Task.WhenAll(openers), opened => Assert.True(opened > 0));

        Assert.Equal(expected.Length, recording.RecordedSamples);
        AssertSameSamples(expected, await follower, "the follower");
        AssertSameSamples(expected, ReadAll(recording.OpenReader()), "a reader after the end");
    }

    private static void AssertSameSamples(float[] expected, float[] actual, string reader)
    {
        Assert.True(expected.Length == actual.Length, $"{reader} read {actual.Length} samples of {expected.Length}");
        var first = expected.AsSpan().CommonPrefixLength(actual);
        Assert.True(first == expected.Length, $"{reader} differs from sample {first} on");
    }

    private static float[] ReadAll(Stream stream)
    {
        using (stream)
        {
            return TestClips.ReadAll(new RawSourceWaveStream(stream, WaveFormat.CreateIeeeFloatWaveFormat(24000, 1)).ToSampleProvider());
        }
    }
}
