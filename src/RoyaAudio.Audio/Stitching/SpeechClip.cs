using NAudio.Wave;

namespace RoyaAudio.Stitching;

/// <summary>
/// One synthesised unit, ready to join: at the programme's rate, its own leading and trailing silence
/// trimmed, faded in and out. Loaded on first read and released after the last, so only one clip at a
/// time is in memory however long the article.
/// </summary>
public sealed class SpeechClip : ISampleProvider
{
    private readonly string _path;
    private readonly AudioOptions _options;
    private readonly IReadOnlyList<int> _partCharacters;
    private ArraySegment<float>? _samples;
    private int _position;

    /// <param name="partCharacters">Characters of each sentence or piece the clip speaks, in order: where each begins is found in the audio.</param>
    public SpeechClip(string path, AudioOptions options, IReadOnlyList<int>? partCharacters = null)
    {
        _path = path;
        _options = options;
        _partCharacters = partCharacters ?? [1];
        WaveFormat = WaveFormat.CreateIeeeFloatWaveFormat(options.SampleRate, 1);
    }

    public WaveFormat WaveFormat { get; }

    /// <summary>Samples of speech after trimming; known once the clip has been read.</summary>
    public int Length { get; private set; } = -1;

    /// <summary>Each part's speech, in samples from the clip's start; known once the clip has been read.</summary>
    public IReadOnlyList<(int Start, int End)> PartSpans { get; private set; } = [];

    public int Read(Span<float> buffer)
    {
        if (Length >= 0 && _samples is null)
        {
            return 0; // already played out
        }

        var samples = _samples ??= Load();
        var count = Math.Min(buffer.Length, samples.Count - _position);
        samples.AsSpan(_position, count).CopyTo(buffer);
        _position += count;
        if (_position >= samples.Count)
        {
            _samples = null;
        }

        return count;
    }

    private ArraySegment<float> Load()
    {
        using var reader = new WaveFileReader(_path);
        ISampleProvider source = reader.ToSampleProvider();
        if (source.WaveFormat.Channels != 1)
        {
            throw new InvalidDataException($"clip {_path} has {source.WaveFormat.Channels} channels; engines must return mono");
        }

        var frames = reader.Length / reader.WaveFormat.BlockAlign;
        var samples = SampleReader.ReadAll(SampleReader.AtRate(source, _options.SampleRate), (int)(frames * _options.SampleRate / reader.WaveFormat.SampleRate));
        var (start, length) = ClipShaping.SpeechRange(samples, _options);
        var speech = samples.Slice(start, length);
        PartSpans = PartAligner.Align(speech, _partCharacters, _options.SampleRate, _options.SilenceThresholdDbfs);
        ClipShaping.Fade(speech, _options.Samples(_options.FadeMs));
        Length = speech.Count;
        return speech;
    }
}
