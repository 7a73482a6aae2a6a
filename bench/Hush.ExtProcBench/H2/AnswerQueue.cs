using System.Threading.Tasks.Sources;
using Envoy.Service.ExtProc.V3;

namespace Hush.ExtProcBench.H2;

/// <summary>
/// The answers of one stream, handed from the connection's read thread to the stream's reader. A channel allocates a
/// waiter each time its reader has to wait, which is every answer at this pace; this queue keeps one reusable waiter
/// and a ring, so the load generator makes no garbage per answer to pause for.
/// </summary>
internal sealed class AnswerQueue : IValueTaskSource<bool>
{
    private readonly Lock _gate = new();
    private (ProcessingResponse Answer, long At)[] _ring = new (ProcessingResponse, long)[32];
    private ManualResetValueTaskSourceCore<bool> _waiter = new() { RunContinuationsAsynchronously = true };
    private int _head;
    private int _count;
    private bool _waiting;
    private bool _completed;
    private Exception? _failure;

    /// <summary>Read thread: queues an answer received at <paramref name="at"/> and wakes the reader.</summary>
    public void Add(ProcessingResponse answer, long at)
    {
        lock (_gate)
        {
            if (_completed)
            {
                return;
            }

            if (_count == _ring.Length)
            {
                var grown = new (ProcessingResponse, long)[_ring.Length * 2];
                for (var i = 0; i < _count; i++)
                {
                    grown[i] = _ring[(_head + i) % _ring.Length];
                }

                _ring = grown;
                _head = 0;
            }

            _ring[(_head + _count) % _ring.Length] = (answer, at);
            _count++;
            if (!_waiting)
            {
                return;
            }

            _waiting = false;
        }

        _waiter.SetResult(true);
    }

    /// <summary>No more answers: the reader drains what is queued, then sees the end (or <paramref name="failure"/>).</summary>
    public void Complete(Exception? failure)
    {
        lock (_gate)
        {
            if (_completed)
            {
                return;
            }

            _completed = true;
            _failure = failure;
            if (!_waiting)
            {
                return;
            }

            _waiting = false;
        }

        if (failure is null)
        {
            _waiter.SetResult(false);
        }
        else
        {
            _waiter.SetException(failure);
        }
    }

    /// <summary>The answer taken by the last <see cref="MoveNextAsync"/> that returned true.</summary>
    public ProcessingResponse Current { get; private set; } = new();

    /// <summary>When <see cref="Current"/> was received.</summary>
    public long ArrivedAt { get; private set; }

    /// <summary>
    /// Takes the next answer into <see cref="Current"/>: true once one is queued, false when the stream ended with
    /// nothing left; one waiter at a time.
    /// </summary>
    public ValueTask<bool> MoveNextAsync()
    {
        lock (_gate)
        {
            if (_count > 0)
            {
                Take();
                return new ValueTask<bool>(true);
            }

            if (_completed)
            {
                return _failure is null ? new ValueTask<bool>(false) : ValueTask.FromException<bool>(_failure);
            }

            _waiter.Reset();
            _waiting = true;
            return new ValueTask<bool>(this, _waiter.Version);
        }
    }

    /// <inheritdoc />
    bool IValueTaskSource<bool>.GetResult(short token)
    {
        if (!_waiter.GetResult(token))
        {
            return false;
        }

        lock (_gate)
        {
            Take();
        }

        return true;
    }

    /// <inheritdoc />
    ValueTaskSourceStatus IValueTaskSource<bool>.GetStatus(short token) => _waiter.GetStatus(token);

    /// <inheritdoc />
    void IValueTaskSource<bool>.OnCompleted(Action<object?> continuation, object? state, short token,
        ValueTaskSourceOnCompletedFlags flags) => _waiter.OnCompleted(continuation, state, token, flags);

    private void Take()
    {
        (Current, ArrivedAt) = _ring[_head];
        _ring[_head] = default;
        _head = (_head + 1) % _ring.Length;
        _count--;
    }
}
