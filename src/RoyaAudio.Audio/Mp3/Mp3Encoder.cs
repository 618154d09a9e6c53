using RoyaAudio.Setup;

namespace RoyaAudio.Mp3;

/// <summary>
/// Mono CBR MP3 through LAME, written to a seekable stream. On <see cref="Finish"/> the LAME/Xing tag
/// frame is written over the first frame, so players know the exact duration and the encoder delay,
/// which decoders then remove: positions in our programme are positions in the decoded audio.
/// </summary>
public sealed class Mp3Encoder : IDisposable
{
    private const string InstallCommand = "sudo apt-get install -y libmp3lame0";

    private readonly Stream _output;
    private readonly long _origin;
    private IntPtr _lame;
    private byte[] _buffer = new byte[16384];

    public Mp3Encoder(Stream output, int sampleRate, int bitrateKbps, int quality)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (!output.CanSeek)
        {
            throw new ArgumentException("the MP3 output must be seekable, to write the LAME tag frame at its start", nameof(output));
        }

        _output = output;
        _origin = output.Position;
        try
        {
            _lame = LameNative.lame_init();
        }
        catch (DllNotFoundException e)
        {
            throw new MissingDependencyException($"the LAME MP3 encoder (libmp3lame.so.0) is not installed: run `{InstallCommand}`", e);
        }

        if (_lame == IntPtr.Zero)
        {
            throw new InvalidOperationException("lame_init failed");
        }

        try
        {
            Check(LameNative.lame_set_in_samplerate(_lame, sampleRate), "lame_set_in_samplerate");
            Check(LameNative.lame_set_out_samplerate(_lame, sampleRate), "lame_set_out_samplerate");
            Check(LameNative.lame_set_num_channels(_lame, 1), "lame_set_num_channels");
            Check(LameNative.lame_set_mode(_lame, LameNative.MonoMode), "lame_set_mode");
            Check(LameNative.lame_set_VBR(_lame, 0), "lame_set_VBR");
            Check(LameNative.lame_set_brate(_lame, bitrateKbps), "lame_set_brate");
            Check(LameNative.lame_set_quality(_lame, quality), "lame_set_quality");
            Check(LameNative.lame_set_bWriteVbrTag(_lame, 1), "lame_set_bWriteVbrTag");
            // ID3 tags are written afterwards by TagLib; LAME's own would sit where the tag frame must go.
            LameNative.lame_set_write_id3tag_automatic(_lame, 0);
            if (LameNative.lame_init_params(_lame) < 0)
            {
                throw new ArgumentException($"LAME rejected the settings: {sampleRate} Hz, {bitrateKbps} kbps, quality {quality}");
            }
        }
        catch
        {
            // Settings LAME refuses must not leak its encoder state.
            _ = LameNative.lame_close(_lame);
            _lame = IntPtr.Zero;
            throw;
        }
    }

    public unsafe void Encode(ReadOnlySpan<float> samples)
    {
        ObjectDisposedException.ThrowIf(_lame == IntPtr.Zero, this);
        // LAME's float interface expects ±32768 full scale for lame_encode_buffer_float, but ±1 for the _ieee_ variant.
        var needed = (int)(1.25 * samples.Length) + 7200;
        if (_buffer.Length < needed)
        {
            _buffer = new byte[needed];
        }

        int written;
        fixed (float* pcm = samples)
        fixed (byte* mp3 = _buffer)
        {
            written = LameNative.lame_encode_buffer_ieee_float(_lame, pcm, pcm, samples.Length, mp3, _buffer.Length);
        }

        Check(written, "lame_encode_buffer_ieee_float");
        _output.Write(_buffer, 0, written);
    }

    public unsafe void Finish()
    {
        ObjectDisposedException.ThrowIf(_lame == IntPtr.Zero, this);
        int written;
        fixed (byte* mp3 = _buffer)
        {
            written = LameNative.lame_encode_flush(_lame, mp3, _buffer.Length);
        }

        Check(written, "lame_encode_flush");
        _output.Write(_buffer, 0, written);

        nuint size;
        fixed (byte* tag = _buffer)
        {
            size = LameNative.lame_get_lametag_frame(_lame, tag, (nuint)_buffer.Length);
        }

        if (size == 0)
        {
            // Without the tag decoders keep LAME's delay and padding, and every timing would be off.
            throw new InvalidOperationException("LAME produced no tag frame; use a bitrate of at least 64 kbps");
        }

        var end = _output.Position;
        _output.Position = _origin;
        _output.Write(_buffer, 0, (int)size);
        _output.Position = end;

        _output.Flush();
    }

    public void Dispose()
    {
        if (_lame != IntPtr.Zero)
        {
            _ = LameNative.lame_close(_lame);
            _lame = IntPtr.Zero;
        }
    }

    private static void Check(int result, string call)
    {
        if (result < 0)
        {
            throw new InvalidOperationException($"{call} failed with LAME error {result}");
        }
    }
}
