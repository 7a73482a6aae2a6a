namespace Hush.ExtProc.Approvals;

/// <summary>Tells people about new holds (webhooks, Slack). Never blocks the caller and never sends unmasked data.</summary>
internal interface IHoldNotifier
{
    /// <summary>Queues notifications of the new pending <paramref name="hold"/>; returns at once (drops, counted, when the queue is full).</summary>
    void Notify(HoldRecord hold);
}
