namespace Hush.PolicyCompiler.Import;

/// <summary>The lexical scanner behind <see cref="Analyze"/>.</summary>
internal sealed partial record PatternShape
{
    /// <summary>The scanning state; a class so the helpers can share position and flag scopes.</summary>
    private sealed partial class Scanner(string p)
    {
        private readonly Frame _top = new(false);
        private readonly List<Frame> _frames = [];
        private List<Frame>? _firstGroupPath;
        private bool _x;
        private int _i;

        /// <summary>Capture groups seen.</summary>
        public int Captures { get; private set; }

        /// <summary>Whether an unbounded quantifier was seen.</summary>
        public bool Unbounded { get; private set; }

        /// <summary>Counted repetitions with a count above <see cref="CountLimit"/>.</summary>
        public List<CountedRepeat> LargeRepeats { get; } = [];

        /// <summary>Whether group 1 exists and takes part in every match.</summary>
        public bool FirstGroupAlwaysTakesPart => _firstGroupPath is { } path
            && !path.Take(path.Count - 1).Any(f => f.Alternation)
            && !path.Any(f => f.Optional);

        private Frame Current => _frames.Count > 0 ? _frames[^1] : _top;

        /// <summary>Scans the whole pattern.</summary>
        public void Run()
        {
            while (_i < p.Length)
            {
                char c = p[_i];
                if (_x && char.IsWhiteSpace(c))
                {
                    _i++;
                }
                else if (_x && c == '#')
                {
                    while (_i < p.Length && p[_i] != '\n')
                    {
                        _i++;
                    }
                }
                else
                {
                    Atom(c);
                }
            }
        }

        private void Atom(char c)
        {
            int start = _i;
            switch (c)
            {
                case '\\':
                    Escape(start);
                    break;
                case '[':
                    SkipClass();
                    Quantifier(start);
                    break;
                case '(':
                    OpenGroup();
                    break;
                case ')':
                    _i++;
                    CloseGroup();
                    break;
                case '|':
                    _i++;
                    Current.Alternation = true;
                    break;
                case '.':
                    _i++;
                    Quantifier(start);
                    break;
                case '^' or '$':
                    _i++;
                    Quantifier();
                    break;
                case '*' or '+' or '?' or '{':
                    // A quantifier with nothing before it; RE2 rejects most of these, the compiler will say so.
                    if (Quantifier() is null)
                    {
                        _i++;
                    }

                    break;
                default:
                    _i += char.IsHighSurrogate(c) && _i + 1 < p.Length ? 2 : 1;
                    Quantifier(start);
                    break;
            }
        }

        private void Escape(int start)
        {
            _i++;
            if (_i >= p.Length)
            {
                return;
            }

            char e = p[_i++];
            if (e is 'x' or 'p' or 'P')
            {
                SkipEscapeArgument(e);
            }

            Quantifier(start);
        }

        private void SkipEscapeArgument(char e)
        {
            if (_i < p.Length && p[_i] == '{')
            {
                int close = p.IndexOf('}', _i);
                _i = close < 0 ? p.Length : close + 1;
            }
            else
            {
                _i = Math.Min(p.Length, _i + (e == 'x' ? 2 : 1));
            }
        }

        private void CloseGroup()
        {
            if (_frames.Count == 0)
            {
                return;
            }

            Frame group = _frames[^1];
            _frames.RemoveAt(_frames.Count - 1);
            _x = group.SavedX;
            if (Quantifier() == 0)
            {
                group.Optional = true;
            }
        }

        private void Capture()
        {
            if (++Captures == 1)
            {
                _firstGroupPath = [_top, .. _frames];
            }
        }

        private void OpenGroup()
        {
            _i++;
            _frames.Add(new Frame(_x));
            if (_i >= p.Length || p[_i] != '?')
            {
                Capture();
                return;
            }

            _i++;
            if (_i < p.Length && p[_i] == '#')
            {
                int close = p.IndexOf(')', _i);
                _i = close < 0 ? p.Length : close + 1;
                _frames.RemoveAt(_frames.Count - 1);
                return;
            }

            if (_i < p.Length && (p[_i] == 'P' || (p[_i] == '<' && _i + 1 < p.Length && p[_i + 1] is not ('=' or '!'))))
            {
                Capture();
                int close = p.IndexOf('>', _i);
                _i = close < 0 ? p.Length : close + 1;
                return;
            }

            Flags();
        }

        private void Flags()
        {
            bool on = true;
            bool x = _x;
            while (_i < p.Length && p[_i] is not (')' or ':'))
            {
                char f = p[_i++];
                if (f == '-')
                {
                    on = false;
                }
                else if (f == 'x')
                {
                    x = on;
                }
                else if (!char.IsAsciiLetter(f))
                {
                    // Lookaround or another construct the dialect rejects: no flags to track.
                    return;
                }
            }

            if (_i >= p.Length)
            {
                return;
            }

            if (p[_i] == ')')
            {
                // `(?flags)` changes the enclosing scope: undo the push and set the flag there.
                _frames.RemoveAt(_frames.Count - 1);
                _x = x;
            }
            else
            {
                _x = x;
            }

            _i++;
        }
    }
}
