using System.ComponentModel.DataAnnotations;

namespace RoyaAudio.Stitching;

/// <summary>How a rendition sounds: format, designed pauses, loudness and MP3 settings.</summary>
public sealed class AudioOptions
{
    public const string Section = "Audio";

    /// <summary>One rate for the whole programme; 24 kHz is what remote TTS services return, so their clips pass untouched.</summary>
    [AllowedValues(16000, 22050, 24000, 32000, 44100, 48000, ErrorMessage = "Audio:SampleRate must be an MP3 rate: 16000, 22050, 24000, 32000, 44100 or 48000 Hz (24000 recommended)")]
    public int SampleRate { get; set; } = 24000;

    [Range(0, 3000, ErrorMessage = "Audio:SentencePauseMs must be 0-3000 ms")]
    public int SentencePauseMs { get; set; } = 350;

    /// <summary>After a segment that ends mid-sentence (Arabic segments end at "،" and ":", as the splitter's rules do): a comma's breath, not a full stop's.</summary>
    [Range(0, 3000, ErrorMessage = "Audio:ClausePauseMs must be 0-3000 ms")]
    public int ClausePauseMs { get; set; } = 200;

    [Range(0, 3000, ErrorMessage = "Audio:ParagraphPauseMs must be 0-3000 ms")]
    public int ParagraphPauseMs { get; set; } = 700;

    [Range(0, 3000, ErrorMessage = "Audio:TitlePauseMs must be 0-3000 ms")]
    public int TitlePauseMs { get; set; } = 900;

    /// <summary>Silence before the first word: enough that players do not clip it, short enough to feel immediate.</summary>
    [Range(0, 300, ErrorMessage = "Audio:LeadInMs must be 0-300 ms")]
    public int LeadInMs { get; set; } = 100;

    [Range(0, 2000, ErrorMessage = "Audio:TailMs must be 0-2000 ms")]
    public int TailMs { get; set; } = 300;

    /// <summary>Fade at every clip edge; a few milliseconds removes clicks without audibly softening speech.</summary>
    [Range(0, 50, ErrorMessage = "Audio:FadeMs must be 0-50 ms")]
    public int FadeMs { get; set; } = 5;

    /// <summary>Below this level a clip's edges count as silence and are trimmed.</summary>
    [Range(-90, -20, ErrorMessage = "Audio:SilenceThresholdDbfs must be between -90 and -20 dBFS")]
    public double SilenceThresholdDbfs { get; set; } = -50;

    /// <summary>Integrated loudness target. -16 LUFS is the spoken-word norm for podcasts and web audio.</summary>
    [Range(-30, -10, ErrorMessage = "Audio:TargetLufs must be between -30 and -10 LUFS (-16 recommended)")]
    public double TargetLufs { get; set; } = -16;

    [Range(-6, 0, ErrorMessage = "Audio:TruePeakDbtp must be between -6 and 0 dBTP (-1 recommended)")]
    public double TruePeakDbtp { get; set; } = -1;

    /// <summary>MP3 encoding overshoots peaks a little; the limiter aims this far below the true-peak ceiling.</summary>
    [Range(0, 3, ErrorMessage = "Audio:EncoderHeadroomDb must be 0-3 dB")]
    public double EncoderHeadroomDb { get; set; } = 1.0;

    /// <summary>CBR bitrate. Below 64 kbps LAME has no room for its tag frame, and players would lose the exact duration.</summary>
    [AllowedValues(64, 80, 96, 112, 128, 160, ErrorMessage = "Audio:BitrateKbps must be an MP3 bitrate of 64, 80, 96, 112, 128 or 160 (64 recommended for speech)")]
    public int BitrateKbps { get; set; } = 64;

    /// <summary>LAME's algorithm quality, 0 (best, slowest) to 9; 5 is LAME's own balanced default.</summary>
    [Range(0, 9, ErrorMessage = "Audio:LameQuality must be 0-9")]
    public int LameQuality { get; set; } = 5;

    public int Samples(int milliseconds) => (int)((long)milliseconds * SampleRate / 1000);
}
