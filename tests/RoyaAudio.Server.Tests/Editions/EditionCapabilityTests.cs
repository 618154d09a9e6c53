using System.ComponentModel.DataAnnotations;
using RoyaAudio.Articles;
using RoyaAudio.Editions;
using RoyaAudio.Mp3;
using RoyaAudio.Server.Editor;
using RoyaAudio.Server.Player;
using RoyaAudio.Synthesis;
using RoyaAudio.Synthesis.Remote;
using RoyaAudio.Text;

namespace RoyaAudio.Server.Tests.Editions;

/// <summary>
/// Every capability that depends on the language, run for each edition under test from nothing but the edition's
/// own record: a new edition that passes these is read, cleaned, labelled, tagged and voiced like the others.
/// </summary>
public abstract class EditionCapabilityTests
{
    /// <summary>The registry the capabilities are built from.</summary>
    protected abstract EditionRegistry Editions { get; }

    /// <summary>The editions walked through every capability.</summary>
    protected abstract IReadOnlyList<Edition> UnderTest { get; }

    [Fact]
    public void Splitting_keeps_every_title_and_connective_with_the_words_after_it()
    {
        foreach (var edition in UnderTest)
        {
            foreach (var word in edition.Splitting.Abbreviations.GetValueOrDefault(AbbreviationKind.NeverEnds, []))
            {
                var text = $"Alpha {word}. Beta went home.";
                Assert.True(SentenceSplitter.Split(text, edition).Count == 1, $"{edition.Code}: \"{text}\" was split");
            }
        }
    }

    [Fact]
    public void Splitting_ends_a_sentence_at_a_full_stop_and_at_clause_punctuation_only_where_the_edition_says()
    {
        foreach (var edition in UnderTest)
        {
            Assert.Equal(["Alpha beta.", "Gamma delta."], SentenceSplitter.Split("Alpha beta. Gamma delta.", edition));
            var clauses = SentenceSplitter.Split("Alpha beta؛ Gamma delta", edition);
            Assert.True(clauses.Count == (edition.Splitting.EndsAtClausePunctuation ? 2 : 1), $"{edition.Code}: clauses gave {clauses.Count}");
        }
    }

    [Fact]
    public void Spoken_forms_change_only_what_is_said_for_a_number_and_keep_the_words_around_it()
    {
        foreach (var edition in UnderTest)
        {
            Assert.Equal("Alpha beta gamma.", edition.SpokenForms.Apply("Alpha beta gamma."));
            var said = edition.SpokenForms.Apply("Alpha 7 beta.");
            Assert.True(said.StartsWith("Alpha ", StringComparison.Ordinal) && said.EndsWith(" beta.", StringComparison.Ordinal), $"{edition.Code}: \"{said}\"");
        }
    }

    [Fact]
    public void The_player_s_own_label_disclosure_and_bylines_are_page_furniture_but_a_story_line_is_not()
    {
        foreach (var edition in UnderTest)
        {
            Assert.True(PageChromeFilter.IsChrome(edition.Player.Listen, Editions), $"{edition.Code}: label");
            Assert.True(PageChromeFilter.IsChrome($"{edition.Player.Note} {edition.Disclosure}", Editions), $"{edition.Code}: note");
            Assert.True(PageChromeFilter.IsChrome(edition.Disclosure, Editions), $"{edition.Code}: disclosure");
            foreach (var byline in edition.Furniture.Bylines)
            {
                Assert.True(PageChromeFilter.IsChrome($"{byline} Alpha Beta", Editions), $"{edition.Code}: byline {byline}");
            }

            var story = $"{edition.Player.Listen} Alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron pi rho sigma tau.";
            Assert.False(PageChromeFilter.IsChrome(story, Editions), $"{edition.Code}: story");
        }
    }

    [Fact]
    public void The_player_shows_every_label_in_the_edition_s_words_and_direction()
    {
        var options = new PlayerOptions(Editions);
        var problems = new List<ValidationResult>();

        Assert.True(Validator.TryValidateObject(options, new ValidationContext(options), problems, validateAllProperties: true), string.Join("; ", problems));
        foreach (var edition in UnderTest)
        {
            var labels = options.LabelsFor(edition.Code);
            Assert.Equal(edition.HtmlDirection, labels.Direction);
            Assert.Equal(edition.Player.Listen, labels.Listen);
            Assert.Equal(edition.Player.Note, labels.Note);
            Assert.Equal(edition.Player.Captions, labels.Captions);
            Assert.All(labels.All(), label => Assert.False(string.IsNullOrWhiteSpace(label.Value), $"{edition.Code}: {label.Name}"));
        }

        Assert.Same(options.LabelsFor(Editions.Fallback.Code), options.LabelsFor("zz"));
    }

    [Fact]
    public void The_disclosure_is_the_edition_s_own()
    {
        var publication = new PublicationOptions(Editions);
        foreach (var edition in UnderTest)
        {
            Assert.Equal(edition.Disclosure, publication.DisclosureFor(edition.Code));
        }

        Assert.Equal(Editions.Fallback.Disclosure, publication.DisclosureFor("zz"));
    }

    [Fact]
    public void The_mp3_tags_the_edition_s_iso_639_2_language()
    {
        var directory = Directory.CreateTempSubdirectory("roya-edition-");
        try
        {
            foreach (var edition in UnderTest)
            {
                Assert.Matches("^[a-z]{3}$", edition.Iso639_2);
                var path = Path.Combine(directory.FullName, edition.Code + ".mp3");
                using (var file = File.Create(path))
                using (var encoder = new Mp3Encoder(file, 24000, 64, quality: 5))
                {
                    encoder.Encode(new float[2400]);
                    encoder.Finish();
                }

                Id3Tagger.Write(path, "Title", "Roya News", edition.Code, edition.Disclosure, Editions);
                using var tagged = TagLib.File.Create(path, "audio/mpeg", TagLib.ReadStyle.None);
                var tag = (TagLib.Id3v2.Tag)tagged.GetTag(TagLib.TagTypes.Id3v2, false);
                Assert.Equal([edition.Iso639_2], TagLib.Id3v2.TextInformationFrame.Get(tag, "TLAN", false)?.Text ?? []);
            }
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public void The_feed_is_titled_with_the_edition_s_own_name()
    {
        foreach (var edition in UnderTest)
        {
            Assert.Equal($"Roya News ({edition.NativeName})", edition.FeedTitle("Roya News"));
        }
    }

    [Fact]
    public void The_desk_offers_each_edition_by_its_english_name_and_knows_which_run_right_to_left()
    {
        var choices = EditorPage.LanguageChoices(Editions);
        var rightToLeft = EditorPage.RightToLeft(Editions).Split(' ');
        foreach (var edition in UnderTest)
        {
            Assert.Contains($"""<option value="{edition.Code}" lang="{edition.Code}">{edition.Name}</option>""", choices, StringComparison.Ordinal);
            Assert.Equal(edition.Direction == TextDirection.RightToLeft, rightToLeft.Contains(edition.Code));
        }
    }

    [Fact]
    public async Task Espeak_speaks_each_edition_in_its_voice()
    {
        var engine = new EspeakEngine(new EspeakOptions(Editions));
        foreach (var edition in UnderTest)
        {
            var voice = VoiceChoice.For(engine, edition.Code, null);
            Assert.Equal(edition.Voices.Espeak, voice.Voice);
            var audio = await engine.SynthesizeAsync(new SpeechRequest(edition.NativeName, edition.Code, voice.Voice, 1.0), CancellationToken.None);
            Assert.True(audio.Duration > TimeSpan.FromSeconds(0.2), $"{edition.Code}: {audio.Duration}");
        }
    }

    [Fact]
    public void The_openai_compatible_engine_reads_each_edition_in_its_voice_and_style()
    {
        var engine = OpenAiSpeechEngine.ForOpenAi(new RemoteTtsOptions(Editions) { Endpoint = "http://127.0.0.1:9/v1" }, "not-used");
        foreach (var edition in UnderTest)
        {
            var voice = VoiceChoice.For(engine, edition.Code, null);
            Assert.Equal(edition.Voices.OpenAi, voice.Voice);
            Assert.Equal(edition.Voices.ReadingStyle, voice.Instructions);
        }
    }
}
