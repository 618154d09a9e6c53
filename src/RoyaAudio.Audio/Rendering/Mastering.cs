using System.Buffers;
using System.Threading.Channels;
using NAudio.Wave;
using RoyaAudio.Stitching;
using RoyaAudio.Mp3;
using RoyaAudio.Loudness;

namespace RoyaAudio.Rendering;

/// <summary>
/// Loudness normalisation of a recording: choose the gain that puts the limited programme on target,
/// then limit and encode. The gain can be chosen from the first part of a recording still in
/// progress, so encoding overlaps synthesis; the encode pass measures the whole, and the renderer
/// encodes again in the rare case the whole disagrees with its beginning.
/// </summary>
public sealed class Mastering
{
    private const int ChunkSamples = 16_384;

    /// <summary>
    /// LAME at speech bitrates discards about this much K-weighted energy (measured with ffmpeg's
    /// ebur128 on decoded renditions: 0.4–0.5 LU), so the programme is mastered this much hotter.
    /// </summary>
    public const double CodecLossLu = 0.4;

    /// <summary>True peaks can sit above the highest sample by about this much in speech.</summary>
    private const double InterSampleMarginDb = 1.0;

    /// <summary>How much speech decides the gain: enough for a stable loudness, little enough to start early.</summary>
    private const int DecidingSeconds = 45;

    private readonly AudioOptions _options;
    private readonly ProgrammeRecording _recording;

    public Mastering(ProgrammeRecording recording, AudioOptions options)
    {
        ArgumentNullException.ThrowIfNull(recording);
        ArgumentNullException.ThrowIfNull(options);
        _recording = recording;
        _options = options;
    }

    private double PreCodecTarget => _options.TargetLufs + CodecLossLu;

    private double Ceiling => _options.TruePeakDbtp - _options.EncoderHeadroomDb;

    /// <summary>
    /// The gain that puts the limited programme on target, from its first <see cref="DecidingSeconds"/>
    /// (all of it, if shorter). Where the limiter will not act, plain arithmetic; otherwise it lowers
    /// loudness as it works, so two candidate gains are measured through it side by side and the
    /// answer interpolated between them.
    /// </summary>
    public async Task<double> ChooseGainDbAsync(CancellationToken cancellationToken)
    {
        var window = (long)DecidingSeconds * _options.SampleRate;
        await _recording.WaitForAsync(window, cancellationToken);
        var length = Math.Min(window, _recording.RecordedSamples);

        var raw = new LoudnessMeter(_options.SampleRate);
        using (var stream = _recording.OpenReader(0, length))
        {
            Measure(raw, SampleProvider(stream));
        }

        return ChooseGain(raw.IntegratedLufs, raw.SamplePeakDbfs, length);
    }

    /// <summary>The gain for the whole, once recorded: used to correct an encode whose result missed.</summary>
    public double CorrectedGainDb(double gainDb, double measuredLufs) => gainDb + (_options.TargetLufs - measuredLufs);

    private double ChooseGain(double rawLufs, double rawPeakDbfs, long samples)
    {
        if (double.IsNegativeInfinity(rawLufs) || double.IsNaN(rawLufs))
        {
            throw new InvalidOperationException("the programme is silent: the TTS engine returned no audible speech");
        }

        var plain = PreCodecTarget - rawLufs;
        if (rawPeakDbfs + plain + InterSampleMarginDb <= Ceiling)
        {
            return plain;
        }

        var low = plain + 1.0;
        var high = plain + 3.0;
        double lowLufs = 0, highLufs = 0;
        Parallel.Invoke(() => lowLufs = MeasureLimited(low, samples), () => highLufs = MeasureLimited(high, samples));
        var slope = (highLufs - lowLufs) / (high - low);
        var gain = slope > 0.1 ? low + (PreCodecTarget - lowLufs) / slope : high + (PreCodecTarget - highLufs);
        return Math.Clamp(gain, plain, plain + 12);
    }

    /// <summary>
    /// Gain, limiter, MP3: the limiter follows the recording on one thread and LAME encodes on another.
    /// Returns the loudness and true peak the decoded MP3 should show (measured before encoding, less
    /// the codec's loss).
    /// </summary>
    /// <param name="envelope">Filled with the programme's loudness as it is encoded, for the editors' waveform.</param>
    public async Task<(double Lufs, double TruePeakDbtp)> EncodeAsync(double gainDb, Mp3Encoder encoder, CancellationToken cancellationToken, LoudnessEnvelope? envelope = null)
    {
        ArgumentNullException.ThrowIfNull(encoder);
        var chunks = Channel.CreateBounded<(float[] Buffer, int Count)>(new BoundedChannelOptions(8) { SingleReader = true, SingleWriter = true });
        var meter = new LoudnessMeter(_options.SampleRate);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var producer = Task.Run(async () =>
        {
            try
            {
                using var stream = _recording.OpenReader(follow: true);
                var limiter = Limited(SampleProvider(stream), gainDb);
                while (true)
                {
                    var buffer = ArrayPool<float>.Shared.Rent(ChunkSamples);
                    var read = limiter.Read(buffer.AsSpan(0, ChunkSamples));
                    if (read == 0)
                    {
                        ArrayPool<float>.Shared.Return(buffer);
                        break;
                    }

                    meter.Add(buffer.AsSpan(0, read));
                    envelope?.Add(buffer.AsSpan(0, read));
                    await chunks.Writer.WriteAsync((buffer, read), stop.Token);
                }

                chunks.Writer.Complete();
            }
            catch (Exception e)
            {
                chunks.Writer.Complete(e);
            }
        }, stop.Token);

        try
        {
            await foreach (var (buffer, count) in chunks.Reader.ReadAllAsync(stop.Token))
            {
                encoder.Encode(buffer.AsSpan(0, count));
                ArrayPool<float>.Shared.Return(buffer);
            }
        }
        catch
        {
            // The producer may be waiting to hand over a chunk; let it go before leaving.
            await stop.CancelAsync();
            await producer;
            throw;
        }

        await producer;
        encoder.Finish();
        return (meter.IntegratedLufs - CodecLossLu, meter.TruePeakDbtp);
    }

    /// <summary>
    /// What the limiter at this gain leaves of the first <paramref name="samples"/>, measured on a
    /// half of them (6 s of every 12 s) when they are long: the limiter's effect on speech is steady.
    /// </summary>
    private double MeasureLimited(double gainDb, long samples)
    {
        var sampleRate = _options.SampleRate;
        var (segment, stride) = samples > 20L * sampleRate ? (6L * sampleRate, 12L * sampleRate) : (samples, samples);
        var warmUp = sampleRate / 5; // the limiter's release settles well within 200 ms
        var meter = new LoudnessMeter(sampleRate);
        var buffer = new float[ChunkSamples];
        for (long start = 0; start < samples; start += stride)
        {
            var from = Math.Max(0, start - warmUp);
            using var stream = _recording.OpenReader(from, start - from + Math.Min(segment, samples - start));
            var limiter = Limited(SampleProvider(stream), gainDb);
            var skip = start - from;
            int read;
            while ((read = limiter.Read(buffer)) > 0)
            {
                var drop = (int)Math.Min(skip, read);
                skip -= drop;
                meter.Add(buffer.AsSpan(drop, read - drop));
            }
        }

        return meter.IntegratedLufs;
    }

    private static void Measure(LoudnessMeter meter, ISampleProvider provider)
    {
        var buffer = new float[ChunkSamples];
        int read;
        while ((read = provider.Read(buffer)) > 0)
        {
            meter.Add(buffer.AsSpan(0, read));
        }
    }

    private TruePeakLimiter Limited(ISampleProvider source, double gainDb) => new(source, gainDb, Ceiling);

    private ISampleProvider SampleProvider(Stream stream) =>
        new RawSourceWaveStream(stream, WaveFormat.CreateIeeeFloatWaveFormat(_options.SampleRate, 1)).ToSampleProvider();
}
