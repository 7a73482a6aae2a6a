namespace Hush.Policy.Format;

/// <summary>A validated section's place in the artifact: already checked to lie inside the file.</summary>
internal readonly record struct ArtifactSection(ArtifactSectionKind Kind, int Offset, int Length)
{
    /// <summary>Offset one past the section's last byte.</summary>
    public int End => Offset + Length;
}
