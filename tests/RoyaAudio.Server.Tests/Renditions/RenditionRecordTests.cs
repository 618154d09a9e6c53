using RoyaAudio.Rendering;
using RoyaAudio.Server.Renditions;

namespace RoyaAudio.Server.Tests.Renditions;

public sealed class RenditionRecordTests
{
    /// <summary>As the first release wrote it, written out by hand: the shape old rows hold.</summary>
    private const string FirstReleaseManifest = """
        {"articleId":"old","language":"ar","durationMs":5100,"scriptHash":"h","engine":"openai","model":"gpt-4o-mini-tts","voice":"alloy",
         "disclosure":"…","sentences":[{"index":0,"paragraph":0,"text":"عنوان","startMs":0,"endMs":2000},{"index":1,"paragraph":1,"text":"نص","startMs":2400,"endMs":5100}],
         "characters":9,"requests":3,"retries":1,"estimatedCostUsd":0.0001,"cacheHits":0,"units":2,"loudnessLufs":-16.2,"truePeakDbtp":-1.7,
         "bitrateKbps":64,"sampleRate":24000,"bytes":40000,"renderedAt":"2025-11-24T16:00:03+00:00"}
        """;

    [Fact]
    public void A_first_release_manifest_reads_as_a_record_with_its_timing_and_voice()
    {
        var record = RenditionRecord.Read(recordJson: null, FirstReleaseManifest)!;

        Assert.Equal(1, record.Version);
        Assert.Equal(5100, record.DurationMs);
        Assert.Equal("alloy", record.Voice);
        Assert.Equal("ar", record.Language);
        Assert.Equal(3, record.Requests);
        Assert.Equal(1, record.Retries);
        Assert.Equal([new RecordedSentence(0, 0, "عنوان", 0, 2000), new RecordedSentence(1, 1, "نص", 2400, 5100)], record.Sentences);
    }

    [Fact]
    public void A_record_made_from_todays_manifest_reads_back_the_same()
    {
        var manifest = new RenditionManifest
        {
            ArticleId = "a", Language = "en", DurationMs = 3000, ScriptHash = "h", Engine = "espeak", Model = "espeak-ng", Voice = "en",
            Disclosure = "d", Sentences = [new SentenceTiming(0, 0, "One.", 0, 1000), new SentenceTiming(1, 0, "Two.", 1200, 3000)],
            Characters = 8, Requests = 2, CacheHits = 0, Units = 2, LoudnessLufs = -16, TruePeakDbtp = -1.5, BitrateKbps = 64, SampleRate = 24000,
            Bytes = 24000, RenderedAt = DateTimeOffset.UnixEpoch,
        };

        var json = RenditionRecord.From(manifest).ToJson();
        var read = RenditionRecord.Read(json, legacyManifestJson: "{ not even JSON")!;

        // The record wins over a manifest beside it, and keeps what listeners follow.
        Assert.Equal(3000, read.DurationMs);
        Assert.Equal(["One.", "Two."], read.Sentences.Select(s => s.Text));
        Assert.Equal(1200, read.Sentences[1].StartMs);
        Assert.Contains("\"version\":1", json, StringComparison.Ordinal);
        Assert.DoesNotContain("disclosure", json, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void A_record_from_a_later_release_is_refused_with_both_versions_named()
    {
        var error = Assert.Throws<InvalidDataException>(() => RenditionRecord.Read("""{"version":7,"durationMs":1}""", null));

        Assert.Contains("version 7", error.Message, StringComparison.Ordinal);
        Assert.Contains($"up to {RenditionRecord.CurrentVersion}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void No_record_and_no_manifest_is_nothing_to_play()
    {
        Assert.Null(RenditionRecord.Read(null, null));
    }
}
