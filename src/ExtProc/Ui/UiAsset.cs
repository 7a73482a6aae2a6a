namespace Hush.ExtProc.Ui;

/// <summary>One embedded file of the review UI.</summary>
/// <param name="Content">The bytes.</param>
/// <param name="ContentType">Its media type.</param>
internal sealed record UiAsset(byte[] Content, string ContentType);
