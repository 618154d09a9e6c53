namespace RoyaAudio.Server.Storage;

/// <summary>
/// The audio store could not be reached (after the client's own retries). Renders hand the rendition
/// back and try again later; the message names the store so editors see what is down.
/// </summary>
public sealed class StorageUnavailableException(string message, Exception inner) : Exception(message, inner);
