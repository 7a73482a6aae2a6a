namespace Hush.Policy.Format;

/// <summary>The validated lists section: <see cref="Count"/> u32 references starting at <see cref="EntriesOffset"/>.</summary>
internal readonly record struct ArtifactListPool(int EntriesOffset, int Count);
