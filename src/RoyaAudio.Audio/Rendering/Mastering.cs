using System.Buffers;
using System.Runtime.InteropServices;
using System.Threading.Channels;
using NAudio.Wave;
using RoyaAudio.Assembly;
using RoyaAudio.Encoding;
using RoyaAudio.Loudness;

namespace RoyaAudio.Rendering;

/// <summary>
/// Loudness normalisation in passes over a temporary copy of the programme: record and measure it,
/// choose the gain that puts the limited result on target, then limit and encode. Memory stays
/// constant; the copy costs disk (4 bytes a sample: about 350 MB an hour at 24 kHz), deleted on close.
/// </summary>
public sealed class Mastering : IDisposable
{
    private const int ChunkSamples = 16_384;

    /// <summary>
    /// LAME at speech bitrates discards about this much K-weighted energy (measured with ffmpeg's
    /// ebur128 on decoded renditions: 0.4–0.5 LU), so the programme is mastered this much hotter.
    /// </summary>
    private const double CodecLossLu = 0.4;

    /// <summary>True peaks can sit above the highest sample by about this much in speech.</summary>
    private const double InterSampleMarginDb = 1.0;

    private readonly AudioOptions _options;
    private readonly FileStream _store;
    private readonly LoudnessMeter _raw;

    private Mastering(AudioOptions options, FileStream store, LoudnessMeter raw)
    {
        _options = options;
        _store = store;
        _raw = raw;
    }

    /// <summary>Integrated loudness of the programme before any gain.</summary>
    public double RawLufs => _raw.IntegratedLufs;

    public long Samples => _store.Length / sizeof(float);

    private double PreCodecTarget => _options.TargetLufs + CodecLossLu;

    private double Ceiling => _options.TruePeakDbtp - _options.EncoderHeadroomDb;

    /// <summary>Reads the programme part by part, each as soon as its clip is ready, keeping a temporary copy and its loudness.</summary>
    public static async Task<Mastering> RecordAsync(Programme programme, IReadOnlyList<Task> clipReady, AudioOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(programme);
        ArgumentNullException.ThrowIfNull(clipReady);
        ArgumentNullException.ThrowIfNull(options);
        var store = new FileStream(Path.Combine(Path.GetTempPath(), $"roya-programme-{Guid.NewGuid():N}.f32"),
            FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.DeleteOnClose);
        try
        {
            var meter = new LoudnessMeter(options.SampleRate);
            var buffer = new float[ChunkSamples];
            for (var i = 0; i < programme.Parts.Count; i++)
            {
                await clipReady[i].WaitAsync(cancellationToken);
                int read;
                while ((read = programme.Parts[i].Read(buffer)) > 0)
                {
                    meter.Add(buffer.AsSpan(0, read));
                    store.Write(MemoryMarshal.AsBytes(buffer.AsSpan(0, read)));
                }
            }

            store.Flush();
            return new Mastering(options, store, meter);
        }
        catch
        {
            await store.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// The gain that puts the limited programme on target. Where the limiter will not act, plain
    /// arithmetic. Otherwise it lowers loudness as it works, so two candidate gains are measured
    /// through it side by side (one core each) and the answer interpolated between them.
    /// </summary>
    public double ChooseGainDb()
    {
        if (double.IsNegativeInfinity(RawLufs) || double.IsNaN(RawLufs))
        {
            throw new InvalidOperationException("the programme is silent: the TTS engine returned no audible speech");
        }

        var plain = PreCodecTarget - RawLufs;
        if (_raw.SamplePeakDbfs + plain + InterSampleMarginDb <= Ceiling)
        {
            return plain;
        }

        var low = plain + 1.0;
        var high = plain + 3.0;
        double lowLufs = 0, highLufs = 0;
        Parallel.Invoke(() => lowLufs = MeasureLimited(low), () => highLufs = MeasureLimited(high));
        var slope = (highLufs - lowLufs) / (high - low);
        var gain = slope > 0.1 ? low + (PreCodecTarget - lowLufs) / slope : high + (PreCodecTarget - highLufs);
        return Math.Clamp(gain, plain, plain + 12);
    }

    /// <summary>
    /// Gain, limiter, MP3: the limiter runs on one thread and LAME on another. Returns the loudness
    /// and true peak the decoded MP3 should show (measured before encoding, less the codec's loss).
    /// </summary>
    public async Task<(double Lufs, double TruePeakDbtp)> EncodeAsync(double gainDb, Mp3Encoder encoder, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(encoder);
        var chunks = Channel.CreateBounded<(float[] Buffer, int Count)>(new BoundedChannelOptions(8) { SingleReader = true, SingleWriter = true });
        var meter = new LoudnessMeter(_options.SampleRate);
        var producer = Task.Run(async () =>
        {
            try
            {
                using var pass = new LimitedPass(this, gainDb);
                while (true)
                {
                    var buffer = ArrayPool<float>.Shared.Rent(ChunkSamples);
                    var read = pass.Limiter.Read(buffer.AsSpan(0, ChunkSamples));
                    if (read == 0)
                    {
                        ArrayPool<float>.Shared.Return(buffer);
                        break;
                    }

                    meter.Add(buffer.AsSpan(0, read));
                    await chunks.Writer.WriteAsync((buffer, read), cancellationToken);
                }

                chunks.Writer.Complete();
            }
            catch (Exception e)
            {
                chunks.Writer.Complete(e);
            }
        }, cancellationToken);

        await foreach (var (buffer, count) in chunks.Reader.ReadAllAsync(cancellationToken))
        {
            encoder.Encode(buffer.AsSpan(0, count));
            ArrayPool<float>.Shared.Return(buffer);
        }

        await producer;
        encoder.Finish();
        return (meter.IntegratedLufs - CodecLossLu, meter.TruePeakDbtp);
    }

    /// <summary>
    /// What the limiter at this gain leaves, measured on a quarter of the programme (6 s of every 24 s)
    /// when it is long: the limiter's effect on speech is steady, so the sample predicts the whole, and
    /// the encode pass measures the whole exactly anyway.
    /// </summary>
    private double MeasureLimited(double gainDb)
    {
        var sampleRate = _options.SampleRate;
        var total = Samples;
        var (segment, stride) = total > 60L * sampleRate ? (6L * sampleRate, 24L * sampleRate) : (total, total);
        var warmUp = sampleRate / 5; // the limiter's release settles well within 200 ms
        var meter = new LoudnessMeter(sampleRate);
        var buffer = new float[ChunkSamples];
        for (long start = 0; start < total; start += stride)
        {
            var from = Math.Max(0, start - warmUp);
            using var pass = new LimitedPass(this, gainDb, from * sizeof(float), start - from + Math.Min(segment, total - start));
            var skip = start - from;
            int read;
            while ((read = pass.Limiter.Read(buffer)) > 0)
            {
                var drop = (int)Math.Min(skip, read);
                skip -= drop;
                meter.Add(buffer.AsSpan(drop, read - drop));
            }
        }

        return meter.IntegratedLufs;
    }

    public void Dispose() => _store.Dispose();

    /// <summary>One read of the copy through gain and limiter; several can run at once.</summary>
    private sealed class LimitedPass : IDisposable
    {
        private readonly RawSourceWaveStream _raw;

        public LimitedPass(Mastering mastering, double gainDb, long offsetBytes = 0, long samples = long.MaxValue)
        {
            _raw = new RawSourceWaveStream(new PositionedReader(mastering._store.SafeFileHandle, offsetBytes, samples >= long.MaxValue / sizeof(float) ? long.MaxValue : samples * sizeof(float)),
                WaveFormat.CreateIeeeFloatWaveFormat(mastering._options.SampleRate, 1));
            Limiter = new TruePeakLimiter(_raw.ToSampleProvider(), gainDb, mastering.Ceiling);
        }

        public TruePeakLimiter Limiter { get; }

        public void Dispose() => _raw.Dispose();
    }

    /// <summary>Reads the temporary copy at its own position (pread), so concurrent passes do not share a file pointer.</summary>
    private sealed class PositionedReader(Microsoft.Win32.SafeHandles.SafeFileHandle handle, long offset, long length) : Stream
    {
        private long _position;

        public override bool CanRead => true;

        public override bool CanSeek => true;

        public override bool CanWrite => false;

        public override long Length => Math.Min(length, RandomAccess.GetLength(handle) - offset);

        public override long Position
        {
            get => _position;
            set => _position = value;
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var left = Length - _position;
            if (left <= 0)
            {
                return 0;
            }

            var read = RandomAccess.Read(handle, buffer[..(int)Math.Min(buffer.Length, left)], offset + _position);
            _position += read;
            return read;
        }

        public override long Seek(long offset, SeekOrigin origin) => _position = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => _position + offset,
            _ => Length + offset,
        };

        public override void Flush() { }

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
