using Hush.Policy.Automata;
using Hush.PolicyCompiler.Syntax;

namespace Hush.PolicyCompiler.Automata;

/// <summary>
/// Subset construction with look-around, as regex-automata does it. A DFA state is the sorted NFA set reached
/// by a byte (before epsilon closure) plus what the previous byte was (text start, word byte, <c>\n</c>) plus
/// whether a match ended just before that byte. The epsilon closure is taken on the way out, when the next
/// byte (the look-ahead) is known, which is what makes acceptance one byte late.
/// </summary>
internal sealed partial class Determinizer
{
    /// <summary>Look-behind bit: the position is the start of the text.</summary>
    public const int AtStart = 1;

    /// <summary>Look-behind bit: the previous byte is a word byte.</summary>
    public const int PrevWord = 2;

    /// <summary>Look-behind bit: the previous byte is <c>\n</c>.</summary>
    public const int PrevLineFeed = 4;

    private const int AcceptBit = 8;
    private const int AheadOther = 0;
    private const int AheadWord = 1;
    private const int AheadLineFeed = 2;
    private const int AheadEnd = 3;
    private const int Dead = 0;
    private const int Sink = 1;

    private readonly Nfa _nfa;
    private readonly ByteClasses _classes;
    private readonly int _maxStates;
    private readonly int _stride;
    private readonly Dictionary<int[], int> _ids = new(IntArrayComparer.Instance);
    private readonly List<int[]> _keys = [];
    private readonly List<StateFlags> _flags = [];
    private readonly List<int> _next = [];
    private readonly int[] _classBehind;
    private readonly int[] _classAhead;
    private readonly int[][] _classesByAhead;
    private readonly int[][][] _transitionClasses;
    private readonly int[][] _buckets;
    private readonly int[] _bucketCounts;
    private readonly ulong[] _bits;
    private readonly int[] _mark;
    private readonly int[] _stack;
    private readonly int[] _closure;
    private readonly int[] _targets;
    private int _gen;
    private int _closureCount;

    private Determinizer(Nfa nfa, ByteClasses classes, int maxStates)
    {
        _nfa = nfa;
        _classes = classes;
        _maxStates = maxStates;
        _stride = classes.Count + 1;
        _mark = new int[nfa.Count];
        _stack = new int[nfa.Count];
        _closure = new int[nfa.Count];
        _targets = new int[nfa.Count + 1];
        _bits = new ulong[(nfa.Count + 63) >> 6];
        _classBehind = new int[classes.Count];
        _classAhead = new int[classes.Count];
        _buckets = new int[classes.Count][];
        _bucketCounts = new int[classes.Count];
        var byAhead = new List<int>[] { [], [], [] };
        for (var c = 0; c < classes.Count; c++)
        {
            var rep = classes.Representatives[c];
            var word = nfa.UsesWord && LookBehindClassifier.IsWordByte(rep);
            _classBehind[c] = (word ? PrevWord : 0) | (nfa.UsesLineFeedBehind && rep == '\n' ? PrevLineFeed : 0);
            var ahead = word ? AheadWord : nfa.UsesLineFeedAhead && rep == '\n' ? AheadLineFeed : AheadOther;
            _classAhead[c] = ahead;
            _buckets[c] = new int[8];
            byAhead[ahead].Add(c);
        }

        _classesByAhead = [.. byAhead.Select(l => l.ToArray())];
        _transitionClasses = ClassesOfTransitions(nfa, classes);
    }

    /// <summary>
    /// Determinizes <paramref name="nfa"/>; throws <see cref="AutomatonBudgetException"/> as soon as more than
    /// <paramref name="maxStates"/> states (dead and sink included) would be needed.
    /// </summary>
    public static DfaGraph Build(Nfa nfa, ByteClasses classes, int maxStates) =>
        new Determinizer(nfa, classes, Math.Max(maxStates, 3)).Run();

    private DfaGraph Run()
    {
        AddRaw([], StateFlags.None);
        AddRaw([-1], StateFlags.Accepting);
        var usedBehind = (_nfa.UsesTextStart ? AtStart : 0) | (_nfa.UsesWord ? PrevWord : 0)
            | (_nfa.UsesLineFeedBehind ? PrevLineFeed : 0);
        var starts = new int[4];
        ReadOnlySpan<int> startBits = [AtStart, PrevWord, PrevLineFeed, 0];
        for (var k = 0; k < 4; k++)
        {
            _targets[0] = _nfa.Start;
            var bits = _nfa.NeedsLookBehind[_nfa.Start] ? startBits[k] & usedBehind : 0;
            starts[k] = Intern(1, bits);
        }

        for (var i = 2; i < _keys.Count; i++)
        {
            var key = _keys[i];
            var bits = key[^1];
            for (var ahead = AheadOther; ahead <= AheadLineFeed; ahead++)
            {
                var classes = _classesByAhead[ahead];
                if (classes.Length == 0)
                {
                    continue;
                }

                var matched = Closure(key, bits, ahead);
                Gather(ahead);
                foreach (var c in classes)
                {
                    _next[(i * _stride) + c] = Step(c, matched);
                }
            }

            _next[(i * _stride) + _classes.Count] = Closure(key, bits, AheadEnd) ? Sink : Dead;
        }

        return new DfaGraph(_keys.Count, _stride, [.. _next], [.. _flags], starts);
    }

    /// <summary>Interns the state reached on class <paramref name="c"/> from the bucket <see cref="Gather"/> filled.</summary>
    private int Step(int c, bool matched)
    {
        var bucket = _buckets[c];
        var n = _bucketCounts[c];
        if (n == 0 && !matched)
        {
            return Dead;
        }

        var count = n <= 1 || _bits.Length > 2 * n ? SortUnique(bucket.AsSpan(0, n)) : BitsetUnique(bucket.AsSpan(0, n));
        var needBehind = false;
        for (var i = 0; i < count; i++)
        {
            needBehind |= _nfa.NeedsLookBehind[_targets[i]];
        }

        return Intern(count, (needBehind ? _classBehind[c] : 0) | (matched ? AcceptBit : 0));
    }

    /// <summary>Finds or adds the state whose set is the first <paramref name="count"/> entries of the target buffer.</summary>
    private int Intern(int count, int bits)
    {
        _targets[count] = bits;
        var lookup = _ids.GetAlternateLookup<ReadOnlySpan<int>>();
        if (lookup.TryGetValue(_targets.AsSpan(0, count + 1), out var id))
        {
            return id;
        }

        var key = _targets.AsSpan(0, count + 1).ToArray();

        if (_keys.Count >= _maxStates)
        {
            throw new AutomatonBudgetException($"the DFA exceeds {_maxStates} states");
        }

        var flags = (bits & AcceptBit) != 0 ? StateFlags.Accepting : StateFlags.None;
        for (var i = 0; i < count; i++)
        {
            if (_nfa.Live[key[i]])
            {
                flags |= StateFlags.SecretLive;
                break;
            }
        }

        if (count == 1 && key[0] == _nfa.Start)
        {
            flags |= StateFlags.Start;
        }

        id = AddRaw(key, flags);
        _ids.Add(key, id);
        return id;
    }

    private int AddRaw(int[] key, StateFlags flags)
    {
        _keys.Add(key);
        _flags.Add(flags);
        for (var c = 0; c < _stride; c++)
        {
            _next.Add(Dead);
        }

        return _keys.Count - 1;
    }
}
