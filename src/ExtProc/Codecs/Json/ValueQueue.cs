namespace Hush.ExtProc.Codecs.Json;

/// <summary>A growable FIFO of structs whose head can be edited in place; reused across strings.</summary>
internal sealed class ValueQueue<T>
    where T : struct
{
    private T[] _items = new T[8];
    private int _head;

    /// <summary>Items in the queue.</summary>
    public int Count { get; private set; }

    /// <summary>The oldest item.</summary>
    public ref T Head => ref _items[_head];

    /// <summary>The newest item.</summary>
    public ref T Tail => ref _items[_head + Count - 1];

    /// <summary>Appends <paramref name="item"/>.</summary>
    public void Add(in T item)
    {
        if (_head + Count == _items.Length)
        {
            if (Count <= _items.Length / 2)
            {
                Array.Copy(_items, _head, _items, 0, Count);
            }
            else
            {
                var grown = new T[_items.Length * 2];
                Array.Copy(_items, _head, grown, 0, Count);
                _items = grown;
            }

            _head = 0;
        }

        _items[_head + Count] = item;
        Count++;
    }

    /// <summary>Removes the oldest item.</summary>
    public void RemoveHead()
    {
        _head++;
        Count--;
        if (Count == 0)
        {
            _head = 0;
        }
    }

    /// <summary>Empties the queue.</summary>
    public void Clear()
    {
        _head = 0;
        Count = 0;
    }
}
