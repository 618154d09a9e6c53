using System.Runtime.InteropServices;

namespace RoyaAudio.Mp3;

/// <summary>The few libmp3lame entry points we use (Debian package libmp3lame0; no headers needed).</summary>
internal static partial class LameNative
{
    private const string Library = "libmp3lame.so.0";

    public const int MonoMode = 3;

    [LibraryImport(Library)]
    public static partial IntPtr lame_init();

    [LibraryImport(Library)]
    public static partial int lame_close(IntPtr flags);

    [LibraryImport(Library)]
    public static partial int lame_set_in_samplerate(IntPtr flags, int rate);

    [LibraryImport(Library)]
    public static partial int lame_set_out_samplerate(IntPtr flags, int rate);

    [LibraryImport(Library)]
    public static partial int lame_set_num_channels(IntPtr flags, int channels);

    [LibraryImport(Library)]
    public static partial int lame_set_mode(IntPtr flags, int mode);

    [LibraryImport(Library)]
    public static partial int lame_set_VBR(IntPtr flags, int mode);

    [LibraryImport(Library)]
    public static partial int lame_set_brate(IntPtr flags, int kbps);

    [LibraryImport(Library)]
    public static partial int lame_set_quality(IntPtr flags, int quality);

    [LibraryImport(Library)]
    public static partial int lame_set_bWriteVbrTag(IntPtr flags, int write);

    [LibraryImport(Library)]
    public static partial void lame_set_write_id3tag_automatic(IntPtr flags, int write);

    [LibraryImport(Library)]
    public static partial int lame_init_params(IntPtr flags);

    [LibraryImport(Library)]
    public static unsafe partial int lame_encode_buffer_ieee_float(
        IntPtr flags, float* left, float* right, int samples, byte* mp3, int mp3Size);

    [LibraryImport(Library)]
    public static unsafe partial int lame_encode_flush(IntPtr flags, byte* mp3, int mp3Size);

    [LibraryImport(Library)]
    public static unsafe partial nuint lame_get_lametag_frame(IntPtr flags, byte* buffer, nuint size);
}
