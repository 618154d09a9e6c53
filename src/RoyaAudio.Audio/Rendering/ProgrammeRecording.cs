using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;
using RoyaAudio.Stitching;
using RoyaAudio.Loudness;

namespace RoyaAudio.Rendering;

/// <summary>
/// The assembled programme, written to a temporary float file clip by clip as synthesis delivers
/// them, and measured on the way. Readers can follow the recording while it grows, so encoding can
/// start before the last sentence is spoken. Memory stays constant; the file costs 4 bytes a sample
/// (about 350 MB an hour at 24 kHz), lives in the render's scratch folder (so a killed render's file is
/// swept with it, see <see cref="RenderScratch"/>) and is deleted on dispose.
/// </summary>
public sealed class ProgrammeRecording : IDisposable
{
    private const int ChunkSamples = 16_384;

    private readonly SafeFileHandle _file;
    private readonly LoudnessMeter _meter;
    private readonly object _gate = new();
    private long _recorded;
    private bool _finished;
    private Exception? _failure;

    private ProgrammeRecording(int sampleRate, string directory)
    {
        SampleRate = sampleRate;
        _meter = new LoudnessMeter(sampleRate);
        // A bare handle, written and read at explicit offsets: no stream buffer or file pointer for the writer and the
        // readers to share. (A FileStream flushes its buffer when a reader asks for its handle, racing the writer.)
        _file = File.OpenHandle(Path.Combine(directory, $"roya-programme-{Guid.NewGuid():N}.f32"),
            FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, FileOptions.DeleteOnClose);
    }

    public int SampleRate { get; }

    /// <summary>Completes when the whole programme is recorded; faults with the reason it never will be.</summary>
    public Task Completion { get; private set; } = Task.CompletedTask;

    public long RecordedSamples => Interlocked.Read(ref _recorded);

    /// <summary>Integrated loudness of the whole programme before any gain; valid after <see cref="Completion"/>.</summary>
    public double RawLufs => _meter.IntegratedLufs;

    /// <summary>Starts recording; each part waits for its clip to be ready.</summary>
    public static ProgrammeRecording Start(
        Programme programme, IReadOnlyList<Task> clipReady, int sampleRate, string directory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(programme);
        ArgumentNullException.ThrowIfNull(clipReady);
        var recording = new ProgrammeRecording(sampleRate, directory);
        recording.Completion = recording.RecordAsync(programme, clipReady, cancellationToken);
        return recording;
    }

    /// <summary>Waits until at least <paramref name="samples"/> are recorded, or all of them are.</summary>
    public async Task WaitForAsync(long samples, CancellationToken cancellationToken)
    {
        while (RecordedSamples < samples && !Completion.IsCompleted)
        {
            await Task.WhenAny(Completion, Task.Delay(10, cancellationToken));
        }

        if (Completion.IsFaulted || Completion.IsCanceled)
        {
            await Completion;
        }
    }

    /// <summary>A reader over [offset, offset + samples); with <paramref name="follow"/> it waits for samples not yet recorded.</summary>
    public Stream OpenReader(long offsetSamples = 0, long samples = long.MaxValue / sizeof(float), bool follow = false) =>
        new Reader(this, offsetSamples * sizeof(float), samples * sizeof(float), follow);

    public void Dispose() => _file.Dispose();

    private async Task RecordAsync(Programme programme, IReadOnlyList<Task> clipReady, CancellationToken cancellationToken)
    {
        try
        {
            var buffer = new float[ChunkSamples];
            long written = 0;
            for (var i = 0; i < programme.Parts.Count; i++)
            {
                await clipReady[i].WaitAsync(cancellationToken);
                int read;
                while ((read = programme.Parts[i].Read(buffer)) > 0)
                {
                    _meter.Add(buffer.AsSpan(0, read));
                    RandomAccess.Write(_file, MemoryMarshal.AsBytes(buffer.AsSpan(0, read)), written * sizeof(float));
                    written += read;
                }

                // Announced once the whole part is in the file, so readers only ever see whole parts.
                Publish(written, finished: false, failure: null);
            }

            Publish(written, finished: true, failure: null);
        }
        catch (Exception e)
        {
            Publish(RecordedSamples, finished: true, failure: e);
            throw;
        }
    }

    private void Publish(long recorded, bool finished, Exception? failure)
    {
        lock (_gate)
        {
            Interlocked.Exchange(ref _recorded, recorded);
            _finished = finished;
            _failure = failure;
            Monitor.PulseAll(_gate);
        }
    }

    /// <summary>Bytes readable at <paramref name="position"/> now; 0 means the end (or throws the recording's failure).</summary>
    private long Available(long position, bool follow)
    {
        lock (_gate)
        {
            while (true)
            {
                var available = _recorded * sizeof(float) - position;
                if (available > 0 || !follow || _finished)
                {
                    if (available <= 0 && _failure is not null)
                    {
                        throw new InvalidOperationException("the programme could not be recorded", _failure);
                    }

                    return Math.Max(0, available);
                }

                Monitor.Wait(_gate, 100);
            }
        }
    }

    /// <summary>Reads the file at its own position (pread), so several readers and the writer never share a file pointer.</summary>
    private sealed class Reader(ProgrammeRecording recording, long offset, long length, bool follow) : Stream
    {
        private readonly SafeFileHandle _handle = recording._file;
        private long _position;

        public override bool CanRead => true;

        public override bool CanSeek => true;

        public override bool CanWrite => false;

        public override long Length => Math.Min(length, recording.RecordedSamples * sizeof(float) - offset);

        public override long Position
        {
            get => _position;
            set => _position = value;
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var left = Math.Min(length - _position, recording.Available(offset + _position, follow));
            if (left <= 0)
            {
                return 0;
            }

            var read = RandomAccess.Read(_handle, buffer[..(int)Math.Min(buffer.Length, left)], offset + _position);
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
