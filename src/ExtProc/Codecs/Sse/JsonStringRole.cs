namespace Hush.ExtProc.Codecs.Sse;

/// <summary>Where a JSON string value sits in the provider schemas (decided by its path only).</summary>
internal enum JsonStringRole : byte
{
    /// <summary>No text field of any schema.</summary>
    Other,

    /// <summary><c>choices[k].delta.content</c>.</summary>
    ChatContent,

    /// <summary><c>choices[k].delta.refusal</c>.</summary>
    ChatRefusal,

    /// <summary><c>choices[k].delta.tool_calls[j].function.arguments</c>.</summary>
    ChatArguments,

    /// <summary><c>choices[k].text</c> (legacy Completions streams).</summary>
    ChatText,

    /// <summary>Top-level <c>delta</c> (Responses API delta events).</summary>
    ResponsesDelta,

    /// <summary><c>delta.text</c>, <c>delta.partial_json</c>, <c>delta.thinking</c> (Anthropic content_block_delta).</summary>
    AnthropicDelta,

    /// <summary><c>content_block.text</c>, <c>content_block.thinking</c> (Anthropic content_block_start).</summary>
    AnthropicStart,

    /// <summary>Top-level <c>type</c>.</summary>
    RootType,

    /// <summary>Top-level <c>item_id</c>.</summary>
    ItemId,
}
