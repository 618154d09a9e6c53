namespace RoyaAudio.Quality;

/// <summary>
/// Decodes an MP3 with NLayer, a managed decoder independent of the LAME encoder that wrote it, a
/// chunk at a time. NLayer honours the LAME tag's encoder delay and padding but still lags by the
/// layer III synthesis delay; that lag is removed so positions match what browsers and ffmpeg play.
/// </summary>
public static class Mp3Reading
{
    /// <summary>MPEG layer III decoders lag the stream by this much (the synthesis filterbank).</summary>
    private const int DecoderDelay = 529;

    /// <summary>Feeds the decoded samples to <paramref name="sink"/> in order; memory stays constant however long the file.</summary>
    /// <param name="start">Told the sample rate before the first samples arrive.</param>
    public static DecodedLength Decode(string path, ChunkSink sink, Action<int> start)
    {
        ArgumentNullException.ThrowIfNull(sink);
        ArgumentNullException.ThrowIfNull(start);
        var (delay, padding) = LameGapless(path);
        var gapless = delay is not null && padding is not null;
        using var mpeg = new NLayer.MpegFile(path);
        if (mpeg.Channels != 1)
        {
            throw new InvalidDataException($"{path} has {mpeg.Channels} channels; renditions are mono");
        }

        start(mpeg.SampleRate);

        // The decoded length is already right; only the start is late. The tail it costs is inaudible padding.
        var skip = gapless ? DecoderDelay : 0;
        long total = 0;
        var buffer = new float[16384];
        int read;
        while ((read = mpeg.ReadSamples(buffer, 0, buffer.Length)) > 0)
        {
            var drop = Math.Min(skip, read);
            skip -= drop;
            sink(buffer.AsSpan(drop, read - drop));
            total += read;
        }

        return new DecodedLength(mpeg.SampleRate, total, gapless);
    }

    /// <summary>Encoder delay and padding from the LAME tag in the first frame, if there is one.</summary>
    public static (int? Delay, int? Padding) LameGapless(string path)
    {
        var head = new byte[Math.Min(new FileInfo(path).Length, 64 * 1024)];
        using (var file = File.OpenRead(path))
        {
            file.ReadExactly(head);
        }

        var span = head.AsSpan();
        var info = Math.Max(span.IndexOf("Info"u8), span.IndexOf("Xing"u8));
        if (info < 0)
        {
            return (null, null);
        }

        var lame = span[info..].IndexOf("LAME"u8);
        if (lame < 0 || info + lame + 24 > span.Length)
        {
            return (null, null);
        }

        // LAME tag: 9 bytes of version, then revision, lowpass, 8 of replay gain, flags, bitrate: delays at +21.
        var at = info + lame + 21;
        var delay = (span[at] << 4) | (span[at + 1] >> 4);
        var padding = ((span[at + 1] & 0x0F) << 8) | span[at + 2];
        return (delay, padding);
    }
}

/// <summary>Receives decoded samples in order.</summary>
public delegate void ChunkSink(ReadOnlySpan<float> samples);

/// <param name="Samples">Decoded length, which is the played length.</param>
/// <param name="Gapless">Whether a LAME tag told the decoder the encoder delay and padding.</param>
public sealed record DecodedLength(int SampleRate, long Samples, bool Gapless)
{
    public double Seconds => Samples / (double)SampleRate;
}
