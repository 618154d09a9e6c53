namespace RoyaAudio.Bulletins;

/// <summary>
/// One story of a bulletin: its rendition's MP3 on local disk and where its story is heard in it (from the
/// first sentence's start to the last's end), so the rendition's own intro, outro and spoken note stay out.
/// </summary>
public sealed record BulletinStory(string ArticleId, string Title, string Mp3Path, long StartMs, long EndMs);

/// <summary>Where a story is heard in the bulletin, in milliseconds.</summary>
public sealed record BulletinChapter(string ArticleId, string Title, long StartMs, long EndMs);
