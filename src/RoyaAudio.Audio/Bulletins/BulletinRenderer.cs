using RoyaAudio.Articles;
using RoyaAudio.Branding;
using RoyaAudio.Mp3;
using RoyaAudio.Rendering;
using RoyaAudio.Stitching;
using RoyaAudio.Synthesis;
using RoyaAudio.Text;

namespace RoyaAudio.Bulletins;

/// <summary>
/// The day's stories as one programme: a spoken opening with the date, each story's existing audio (nothing
/// of the stories is synthesised again), a paragraph's pause between stories, the spoken AI note, and one
/// loudness pass over the whole. Chapters go into the manifest and the MP3 (ID3 CHAP).
/// </summary>
public sealed class BulletinRenderer(
    ITtsEngine engine, UnitCache cache, AudioOptions audio, PublicationOptions publication, DisclosureOptions disclosure, TimeProvider clock)
{
    private const int OpeningParagraph = -1;
    private const int NoteParagraph = -2;

    public async Task<BulletinManifest> RenderAsync(
        string language, string day, string title, string opening, IReadOnlyList<BulletinStory> stories, PronunciationLexicon lexicon,
        string mp3Path, string scratch, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stories);
        if (stories.Count == 0)
        {
            throw new ArgumentException("a bulletin needs at least one story with ready audio", nameof(stories));
        }

        var note = publication.DisclosureFor(language);
        var units = new List<SynthesisUnit> { ProgrammeFraming.FrameUnit(new FramePiece(opening, null), OpeningParagraph, language, lexicon) };
        var roles = new List<FrameRole> { FrameRole.Intro };
        var files = new List<string?> { null };
        for (var i = 0; i < stories.Count; i++)
        {
            var excerpt = Path.Combine(scratch, $"story-{i}-{Guid.NewGuid():N}.wav");
            StoryExcerpt.Write(stories[i].Mp3Path, stories[i].StartMs, stories[i].EndMs, excerpt);
            // Each story its own paragraph (never 0, the title's), so a paragraph's pause parts them.
            units.Add(ProgrammeFraming.FrameUnit(new FramePiece(null, excerpt), i + 1, language, lexicon));
            roles.Add(FrameRole.Story);
            files.Add(excerpt);
        }

        if (disclosure.Spoken != SpokenDisclosure.Off)
        {
            units.Add(ProgrammeFraming.FrameUnit(new FramePiece(note, null), NoteParagraph, language, lexicon));
            roles.Add(FrameRole.Disclosure);
            files.Add(null);
        }

        var framed = new FramedUnits([.. units.Select((u, i) => u with { Index = i })], roles, files);
        var voice = VoiceChoice.For(engine, language, null);
        var produced = await new ProgrammeProduction(engine, cache, audio)
            .ProduceAsync(framed, language, voice, scratch, mp3Path, $"bulletin {language} {day}", progress, cancellationToken);

        var chapters = stories.Select((story, i) => produced.UnitSpanMs(i + 1) is var (start, end)
            ? new BulletinChapter(story.ArticleId, story.Title, start, end) : null!).ToList();
        Id3Tagger.Write(mp3Path, title, publication.Name, language, note);
        Id3Tagger.WriteChapters(mp3Path, chapters.Select(c => (c.Title, c.StartMs, c.EndMs)).ToList());
        var (openingStart, openingEnd) = produced.UnitSpanMs(0);
        return new BulletinManifest
        {
            Language = language,
            Day = day,
            Title = title,
            DurationMs = produced.DurationMs,
            Chapters = chapters,
            Opening = new FrameSpan(openingStart, openingEnd),
            SpokenDisclosure = roles[^1] == FrameRole.Disclosure && produced.UnitSpanMs(units.Count - 1) is var (noteStart, noteEnd)
                ? new FrameSpan(noteStart, noteEnd) : null,
            Disclosure = note,
            Requests = produced.Synthesized.Attempts,
            Characters = produced.Synthesized.CharactersSent,
            LoudnessLufs = Math.Round(produced.Lufs, 2),
            TruePeakDbtp = Math.Round(produced.TruePeak, 2),
            Bytes = new FileInfo(mp3Path).Length,
            BuiltAt = clock.GetUtcNow(),
        };
    }
}
