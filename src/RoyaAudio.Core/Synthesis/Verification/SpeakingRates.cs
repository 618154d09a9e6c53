using System.Text.Json;

namespace RoyaAudio.Synthesis.Verification;

/// <summary>
/// How long each voice takes per character, learnt from the units it speaks and kept in the unit cache's
/// folder, so a voice whose audio is far shorter or longer than its text allows is caught without a
/// transcription service. Until a voice has spoken <see cref="Calibrated"/> units the bounds are wide.
/// </summary>
public sealed class SpeakingRates
{
    public const string FileName = "speaking-rates.json";

    /// <summary>Units below this many characters are not judged: their pauses weigh more than their words.</summary>
    public const int MinCharacters = 40;

    /// <summary>Units a voice must have spoken before its own pace is trusted.</summary>
    public const int Calibrated = 5;

    private readonly string _path;
    private readonly Lock _lock = new();
    private readonly Dictionary<string, VoicePace> _paces;

    public SpeakingRates(string cacheDirectory)
    {
        _path = Path.Combine(cacheDirectory, FileName);
        _paces = Load(_path);
    }

    /// <summary>Spoken seconds against expected: null when the unit is too short to judge.</summary>
    public LengthVerdict? Judge(string voiceKey, string language, int characters, TimeSpan spoken)
    {
        if (characters < MinCharacters)
        {
            return null;
        }

        VoicePace pace;
        lock (_lock)
        {
            pace = _paces.GetValueOrDefault(voiceKey) ?? VoicePace.Prior(language);
        }

        var expected = characters * pace.SecondsPerCharacter;
        var ratio = spoken.TotalSeconds / expected;
        var (low, high) = pace.Units >= Calibrated ? (0.65, 1.5) : (0.5, 2.0);
        return new LengthVerdict(ratio >= low && ratio <= high, ratio, TimeSpan.FromSeconds(expected));
    }

    /// <summary>Learns from a unit that passed its checks.</summary>
    public void Learn(string voiceKey, string language, int characters, TimeSpan spoken)
    {
        if (characters < MinCharacters)
        {
            return;
        }

        var perCharacter = spoken.TotalSeconds / characters;
        lock (_lock)
        {
            var pace = _paces.GetValueOrDefault(voiceKey);
            _paces[voiceKey] = pace is null
                ? new VoicePace(perCharacter, 1)
                // A plain mean until calibrated, then a slow moving average so one odd unit moves it little.
                : new VoicePace(pace.Units < Calibrated
                    ? (pace.SecondsPerCharacter * pace.Units + perCharacter) / (pace.Units + 1)
                    : pace.SecondsPerCharacter * 0.9 + perCharacter * 0.1, pace.Units + 1);
        }
    }

    /// <summary>Forgets what was learnt of a voice and starts again from this unit.</summary>
    public void Relearn(string voiceKey, int characters, TimeSpan spoken)
    {
        lock (_lock)
        {
            _paces[voiceKey] = new VoicePace(spoken.TotalSeconds / Math.Max(1, characters), 1);
        }
    }

    /// <summary>Writes what was learnt; several processes may share the folder, and the last writer wins.</summary>
    public void Save()
    {
        string json;
        lock (_lock)
        {
            json = JsonSerializer.Serialize(_paces, CacheJson.Default.DictionaryStringVoicePace);
        }

        var temporary = $"{_path}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
        try
        {
            File.WriteAllText(temporary, json);
            File.Move(temporary, _path, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Calibration is a convenience: a full disk or a race loses a little learning, never a render.
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    private static Dictionary<string, VoicePace> Load(string path)
    {
        try
        {
            return File.Exists(path)
                ? JsonSerializer.Deserialize(File.ReadAllText(path), CacheJson.Default.DictionaryStringVoicePace) ?? []
                : [];
        }
        catch (Exception e) when (e is JsonException or IOException)
        {
            return []; // a damaged file is relearnt
        }
    }
}

/// <param name="Units">Units it was learnt from.</param>
public sealed record VoicePace(double SecondsPerCharacter, int Units)
{
    /// <summary>A newsreader's pace before a voice has spoken: about 14 characters a second in English, 12 in Arabic.</summary>
    public static VoicePace Prior(string language) => new(language == "ar" ? 1 / 12.0 : 1 / 14.0, 0);
}

/// <param name="Ratio">Spoken seconds over expected seconds.</param>
public sealed record LengthVerdict(bool Plausible, double Ratio, TimeSpan Expected);
