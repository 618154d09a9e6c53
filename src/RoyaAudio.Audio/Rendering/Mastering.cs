using System.Runtime.InteropServices;
using NAudio.Wave;
using RoyaAudio.Assembly;
using RoyaAudio.Encoding;
using RoyaAudio.Loudness;

namespace RoyaAudio.Rendering;

/// <summary>
/// Loudness normalisation in passes over a temporary copy of the programme: measure, choose a gain,
/// check what the limiter leaves, then encode. Memory stays constant; the copy costs disk
/// (4 bytes a sample: about 350 MB an hour at 24 kHz) and is deleted on close.
/// </summary>
public sealed class Mastering : IDisposable
{
    private const int ChunkSamples = 24_000;

    /// <summary>Close enough that the final loudness lands well inside ±1 LU of the target.</summary>
    private const double ToleranceLu = 0.2;

    private readonly AudioOptions _options;
    private readonly FileStream _store;

    private Mastering(AudioOptions options, FileStream store, double rawLufs)
    {
        _options = options;
        _store = store;
        RawLufs = rawLufs;
    }

    /// <summary>Integrated loudness of the programme before any gain.</summary>
    public double RawLufs { get; }

    /// <summary>Reads the programme once, keeping a temporary copy and its loudness.</summary>
    public static Mastering Record(ISampleProvider programme, AudioOptions options)
    {
        ArgumentNullException.ThrowIfNull(programme);
        var store = new FileStream(Path.Combine(Path.GetTempPath(), $"roya-programme-{Guid.NewGuid():N}.f32"),
            FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.DeleteOnClose);
        var meter = new LoudnessMeter(options.SampleRate);
        var buffer = new float[ChunkSamples];
        int read;
        while ((read = programme.Read(buffer)) > 0)
        {
            meter.Add(buffer.AsSpan(0, read));
            store.Write(MemoryMarshal.AsBytes(buffer.AsSpan(0, read)));
        }

        store.Flush();
        return new Mastering(options, store, meter.IntegratedLufs);
    }

    public long Samples => _store.Length / sizeof(float);

    /// <summary>
    /// The gain that puts the limited programme on the target. The limiter lowers loudness a little where
    /// it works, so the first estimate is checked by measuring and corrected (rarely more than once).
    /// </summary>
    public double ChooseGainDb()
    {
        if (double.IsNegativeInfinity(RawLufs) || double.IsNaN(RawLufs))
        {
            throw new InvalidOperationException("the programme is silent: the TTS engine returned no audible speech");
        }

        var gain = _options.TargetLufs - RawLufs;
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var meter = new LoudnessMeter(_options.SampleRate);
            Run(gain, meter, encoder: null);
            var error = _options.TargetLufs - meter.IntegratedLufs;
            if (Math.Abs(error) <= ToleranceLu)
            {
                break;
            }

            gain += error;
        }

        return gain;
    }

    /// <summary>Gain, limiter, MP3. Returns the loudness and true peak of what was encoded.</summary>
    public (double Lufs, double TruePeakDbtp) Encode(double gainDb, Mp3Encoder encoder)
    {
        ArgumentNullException.ThrowIfNull(encoder);
        var meter = new LoudnessMeter(_options.SampleRate);
        Run(gainDb, meter, encoder);
        encoder.Finish();
        return (meter.IntegratedLufs, meter.TruePeakDbtp);
    }

    private void Run(double gainDb, LoudnessMeter meter, Mp3Encoder? encoder)
    {
        _store.Position = 0;
        using var raw = new RawSourceWaveStream(new NonClosingStream(_store), WaveFormat.CreateIeeeFloatWaveFormat(_options.SampleRate, 1));
        var limiter = new TruePeakLimiter(raw.ToSampleProvider(), gainDb, _options.TruePeakDbtp - _options.EncoderHeadroomDb);
        var buffer = new float[ChunkSamples];
        int read;
        while ((read = limiter.Read(buffer)) > 0)
        {
            var chunk = buffer.AsSpan(0, read);
            meter.Add(chunk);
            encoder?.Encode(chunk);
        }
    }

    public void Dispose() => _store.Dispose();

    /// <summary>Lets each pass wrap the temporary file without closing it (closing deletes it).</summary>
    private sealed class NonClosingStream(Stream inner) : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => true;
        public override bool CanWrite => false;
        public override long Length => inner.Length;

        public override long Position
        {
            get => inner.Position;
            set => inner.Position = value;
        }

        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);

        public override int Read(Span<byte> buffer) => inner.Read(buffer);

        public override long Seek(long offset, SeekOrigin origin) => inner.Seek(offset, origin);

        public override void Flush() { }

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
