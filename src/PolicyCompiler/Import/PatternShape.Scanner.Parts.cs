namespace Hush.PolicyCompiler.Import;

/// <summary>Quantifiers, classes, free spacing and group frames of the scanner.</summary>
internal sealed partial record PatternShape
{
    /// <summary>Scanner parts.</summary>
    private sealed partial class Scanner
    {
        private void SkipClass()
        {
            _i++;
            if (_i < p.Length && p[_i] == '^')
            {
                _i++;
            }

            // A ']' right after '[' or '[^' is a literal member.
            if (_i < p.Length && p[_i] == ']')
            {
                _i++;
            }

            while (_i < p.Length && p[_i] != ']')
            {
                if (p[_i] == '\\')
                {
                    _i += 2;
                }
                else if (p[_i] == '[' && _i + 1 < p.Length && p[_i + 1] == ':')
                {
                    int close = p.IndexOf(":]", _i + 2, StringComparison.Ordinal);
                    _i = close < 0 ? _i + 1 : close + 2;
                }
                else if (p[_i] == '[')
                {
                    // Rust's nested classes; RE2 rejects them, but skipping them keeps the scan in step.
                    SkipClass();
                }
                else
                {
                    _i++;
                }
            }

            _i = Math.Min(p.Length, _i + 1);
        }

        /// <summary>
        /// Reads a quantifier after an atom; returns its minimum count, or null when there is none.
        /// <paramref name="atomStart"/> is where a single-position atom (character, escape, class, <c>.</c>) began,
        /// or -1 for a group or assertion: only the former can have a large count split.
        /// </summary>
        private int? Quantifier(int atomStart = -1)
        {
            int atomEnd = _i;
            SkipFreeSpace();
            if (_i >= p.Length)
            {
                return null;
            }

            int quantStart = _i;
            char q = p[_i];
            int min;
            int? max = null;
            if (q is '*' or '+' or '?')
            {
                _i++;
                Unbounded |= q != '?';
                min = q == '+' ? 1 : 0;
                max = q == '?' ? 1 : null;
            }
            else if (q == '{' && TryCountedRepeat(out min, out max))
            {
                Unbounded |= max is null;
            }
            else
            {
                return null;
            }

            bool lazy = _i < p.Length && p[_i] == '?';
            if (lazy)
            {
                _i++;
            }

            if (min > CountLimit || max > CountLimit)
            {
                LargeRepeats.Add(new CountedRepeat(atomStart, atomEnd, quantStart, _i, min, max, lazy));
            }

            return min;
        }

        private bool TryCountedRepeat(out int min, out int? max)
        {
            min = 0;
            max = null;
            int close = p.IndexOf('}', _i);
            if (close < 0)
            {
                return false;
            }

            string body = p[(_i + 1)..close];
            int comma = body.IndexOf(',');
            if (!int.TryParse(comma < 0 ? body : body[..comma], out min) || min < 0)
            {
                return false;
            }

            if (comma < 0)
            {
                max = min;
            }
            else if (body.Length > comma + 1)
            {
                if (!int.TryParse(body[(comma + 1)..], out int high))
                {
                    return false;
                }

                max = high;
            }

            _i = close + 1;
            return true;
        }

        private void SkipFreeSpace()
        {
            while (_x && _i < p.Length && (char.IsWhiteSpace(p[_i]) || p[_i] == '#'))
            {
                if (p[_i] == '#')
                {
                    while (_i < p.Length && p[_i] != '\n')
                    {
                        _i++;
                    }
                }
                else
                {
                    _i++;
                }
            }
        }

        /// <summary>One open group (or the whole pattern): what encloses a capture group decides if it always takes part.</summary>
        /// <param name="savedX">Free-spacing mode outside the group, restored at its end.</param>
        private sealed class Frame(bool savedX)
        {
            /// <summary>Free-spacing mode outside the group.</summary>
            public bool SavedX { get; } = savedX;

            /// <summary>Whether an alternation bar occurs directly in this group.</summary>
            public bool Alternation { get; set; }

            /// <summary>Whether the group is quantified with a minimum of zero.</summary>
            public bool Optional { get; set; }
        }
    }
}
