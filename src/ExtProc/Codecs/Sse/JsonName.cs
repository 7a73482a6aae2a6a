namespace Hush.ExtProc.Codecs.Sse;

/// <summary>Property names the provider schemas are recognised by.</summary>
internal enum JsonName : byte
{
    /// <summary>An array element, or a name no schema uses.</summary>
    Other,
    /// <summary><c>choices</c>.</summary>
    Choices,

    /// <summary><c>delta</c>.</summary>
    Delta,

    /// <summary><c>content</c>.</summary>
    Content,

    /// <summary><c>refusal</c>.</summary>
    Refusal,

    /// <summary><c>tool_calls</c>.</summary>
    ToolCalls,

    /// <summary><c>function</c>.</summary>
    Function,

    /// <summary><c>arguments</c>.</summary>
    Arguments,

    /// <summary><c>text</c>.</summary>
    Text,

    /// <summary><c>index</c>.</summary>
    Index,

    /// <summary><c>type</c>.</summary>
    Type,

    /// <summary><c>partial_json</c>.</summary>
    PartialJson,

    /// <summary><c>thinking</c>.</summary>
    Thinking,

    /// <summary><c>content_block</c>.</summary>
    ContentBlock,

    /// <summary><c>item_id</c>.</summary>
    ItemId,

    /// <summary><c>output_index</c>.</summary>
    OutputIndex,

    /// <summary><c>content_index</c>.</summary>
    ContentIndex,

    /// <summary><c>summary_index</c>.</summary>
    SummaryIndex,
}
