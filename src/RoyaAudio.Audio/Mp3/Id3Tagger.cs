using RoyaAudio.Editions;
using TagLib.Id3v2;

namespace RoyaAudio.Mp3;

/// <summary>ID3v2 tags that travel with the file: what it is, who published it, and that a machine voiced it.</summary>
public static class Id3Tagger
{
    /// <summary>The TXXX description under which the AI disclosure is machine-readable.</summary>
    public const string DisclosureFrame = "AI_DISCLOSURE";

    /// <param name="language">An edition's code; a language without an edition is written as it is.</param>
    public static void Write(string mp3Path, string title, string publication, string language, string disclosure) =>
        Write(mp3Path, title, publication, language, disclosure, EditionRegistry.Default);

    /// <param name="language">A code of one of <paramref name="editions"/>; a language without an edition is written as it is.</param>
    public static void Write(string mp3Path, string title, string publication, string language, string disclosure, EditionRegistry editions)
    {
        ArgumentNullException.ThrowIfNull(editions);
        using var file = Open(mp3Path);
        var tag = (TagLib.Id3v2.Tag)file.GetTag(TagLib.TagTypes.Id3v2, true);
        tag.Title = title;
        tag.Performers = [publication];
        tag.AlbumArtists = [publication];
        tag.Genres = ["Speech"];
        tag.Comment = disclosure;
        // ID3's TLAN takes ISO 639-2 codes.
        tag.SetTextFrame("TLAN", editions.Find(language)?.Iso639_2 ?? language);
        var frame = UserTextInformationFrame.Get(tag, DisclosureFrame, true);
        frame.Text = [disclosure];
        file.Save();
    }

    /// <summary>
    /// Chapters as podcast apps read them: one CHAP frame per chapter with its title (TIT2), and a top-level
    /// ordered CTOC listing them.
    /// </summary>
    public static void WriteChapters(string mp3Path, IReadOnlyList<(string Title, long StartMs, long EndMs)> chapters)
    {
        ArgumentNullException.ThrowIfNull(chapters);
        using var file = Open(mp3Path);
        var tag = (TagLib.Id3v2.Tag)file.GetTag(TagLib.TagTypes.Id3v2, true);
        var ids = new List<string>();
        for (var i = 0; i < chapters.Count; i++)
        {
            var id = $"chp{i}";
            ids.Add(id);
            tag.AddFrame(new ChapterFrame(id, chapters[i].Title)
            {
                StartMilliseconds = (uint)chapters[i].StartMs,
                EndMilliseconds = (uint)chapters[i].EndMs,
            });
        }

        tag.AddFrame(new TableOfContentsFrame("toc") { IsTopLevel = true, IsOrdered = true, ChapterIds = ids });
        file.Save();
    }

    /// <summary>
    /// The MPEG file type opened directly: TagLib.File.Create finds a type for the MIME type by reflection
    /// (Activator over its registered file types), which trimming breaks in the native CLI.
    /// </summary>
    private static TagLib.Mpeg.AudioFile Open(string mp3Path) => new(mp3Path, TagLib.ReadStyle.None);
}
