package markdown

import (
	"slices"
	"strings"
)

// Stream renders one reply while it is being written. Append costs
// O(len(delta)). Each call to Lines renders at most twice: once to commit
// the text that became stable (before the last safe block boundary) into a
// cached prefix, and once for the tail after it. While the tail is a code
// block, the rows of its finished lines are kept too, and the tail render
// leaves most of them out (see codetail.go). Its lines always equal the
// Renderer's RenderLines of the same text, byte for byte.
//
// A Stream is bound to its Renderer's width and theme; after a resize, call
// Reset with a new Renderer. Like its Renderer, it is not safe for
// concurrent use.
type Stream struct {
	r    *Renderer
	text strings.Builder
	sc   boundaryScanner

	committed int // text before this offset is rendered into stable[:fixed] and open
	// stable holds cleaned, final rows: those of the committed text, then
	// the first rows of the tail once they cannot change any more.
	stable []string
	fixed  int    // how many of stable are the committed text's rows
	open   string // raw, unfinished last line of the committed text
	code   *codeTail
	// noCode is one more than the offset of a fence whose block must be
	// rendered whole: its language's highlighting cannot restart at a line.
	noCode int
	// fullOnly is set when a splice failed: from then on every frame is
	// a full render, which is slow but always correct.
	fullOnly bool
	// partial counts the renders that left out a code block's stable lines.
	partial int
	// codeMin is how long, in bytes, the complete lines of an open code
	// block must be before its lines are kept apart.
	codeMin int
}

// codeMin is the default for Stream.codeMin. Rendering a shorter block
// whole on every frame costs about as much as finding its final lines,
// which lexes the new lines twice.
const codeMin = 1024

// minCommit is the least text, in bytes, worth a render of its own to
// commit. Committing each block as soon as it is stable would add a render
// to most frames; carrying stable text in the tail re-renders it on every
// frame. On the test corpus at a frame per 33 tokens, 128 bytes costs 21%
// less markdown CPU than 512 (23 against 29 ms per 1,000 tokens, 61 against
// 73 allocations a token, 2.3 against 3.6 times the reply handed to
// glamour) for 0.045 renders a token instead of 0.037: a short commit is
// cheaper than the tail it takes off every later frame.
const minCommit = 128

// NewStream returns an empty Stream that renders with r.
func NewStream(r *Renderer) *Stream {
	return &Stream{r: r, codeMin: codeMin}
}

// Append adds a piece of the reply.
func (s *Stream) Append(delta string) {
	s.text.WriteString(delta)
	s.sc.scan(s.text.String())
}

// Text returns the reply so far.
func (s *Stream) Text() string { return s.text.String() }

// Renderer returns the Renderer the Stream renders with.
func (s *Stream) Renderer() *Renderer { return s.r }

// Reset binds the Stream to another Renderer, for a new width or theme, and
// drops everything rendered so far. The text is kept, and the next call to
// Lines renders it again.
func (s *Stream) Reset(r *Renderer) {
	s.r = r
	s.clear()
	s.fullOnly = false
}

// clear drops everything rendered so far.
func (s *Stream) clear() {
	s.committed, s.stable, s.fixed, s.open, s.code, s.noCode = 0, nil, 0, "", nil, 0
}

// Split renders the reply so far and returns its lines in two parts. The
// stable lines are final: later calls return them again, extended, so a
// caller may cache what it derives from them by index. The slice is shared
// with the Stream and must not be modified. The stable part is empty after
// Reset and when a link reference definition or a failed check forces full
// renders; a caller that caches must compare its length with the last one.
func (s *Stream) Split() (stable, tail []string, err error) {
	text := s.text.String()
	s.sc.checkUnfinished(text)
	if s.code != nil && s.code.fence.at == s.sc.code.at {
		s.code.fence = s.sc.code // the block may have been closed
	}
	if !s.sc.global && !s.fullOnly {
		if err := s.commit(text); err != nil {
			return nil, nil, err
		}
	}
	if !s.sc.global && !s.fullOnly {
		tail, ok, err := s.tailRows(text)
		if err != nil || ok {
			return s.stable[:len(s.stable):len(s.stable)], tail, err
		}
		s.fullOnly = true
	}
	s.clear()
	tail, err = s.r.RenderLines(text)
	return nil, tail, err
}

// Lines renders the reply so far and returns all its lines in a new slice.
func (s *Stream) Lines() ([]string, error) {
	stable, tail, err := s.Split()
	if err != nil {
		return nil, err
	}
	return append(stable, tail...), nil
}

// Render renders the reply so far and returns its lines joined by newlines.
func (s *Stream) Render() (string, error) {
	lines, err := s.Lines()
	return strings.Join(lines, "\n"), err
}

// Finish renders the complete reply. Its lines equal a full render of the
// text, so the caller can cache them as the finished message's rendering.
func (s *Stream) Finish() ([]string, error) {
	return s.Lines()
}

// commit renders the text that became stable since the last commit, in one
// render however many blocks it holds, and adds its rows to the stable ones.
func (s *Stream) commit(text string) error {
	end := s.sc.boundary
	if end-s.committed < minCommit {
		return nil
	}
	if s.code != nil {
		rows, open, ok, err := s.code.commitRows(s, text, end)
		if err != nil {
			return err
		}
		if ok {
			s.stable = append(s.stable, rows...)
			s.fixed = len(s.stable)
			s.open, s.committed, s.code = open, end, nil
			return nil
		}
	}
	part, ok, err := s.r.renderPart(text[s.committed:end], s.committed == 0, false)
	if err != nil {
		return err
	}
	joined, ok2 := joinPart(s.open, part)
	if ok && ok2 {
		joined, ok = s.commitJoined(joined)
	}
	if !ok || !ok2 {
		s.fullOnly = true
		return nil
	}
	s.open, s.committed, s.code = joined, end, nil
	return nil
}

// commitJoined adds the finished rows of a committed part's raw output to
// the stable rows and returns its unfinished last line. The tail's stable
// rows, if any, must be where the part's rows begin, or the part's rows
// where they begin.
func (s *Stream) commitJoined(joined string) (string, bool) {
	var rows []string
	if cut := strings.LastIndexByte(joined, '\n'); cut >= 0 {
		rows = s.r.clean.lines(nil, joined[:cut])
		joined = joined[cut+1:]
	}
	early := s.stable[s.fixed:]
	n := min(len(rows), len(early))
	if !slices.Equal(rows[:n], early[:n]) {
		return "", false
	}
	s.stable = append(s.stable, rows[n:]...)
	s.fixed += len(rows)
	return joined, true
}

// tailRows renders the text after the committed prefix as the end of the
// document and returns its rows after the stable ones, or false if it
// would not splice.
func (s *Stream) tailRows(text string) ([]string, bool, error) {
	if f := s.sc.code; f.open && f.at >= s.committed && f.at+1 != s.noCode && (s.code == nil || s.code.fence.at != f.at) &&
		s.sc.lineStart-f.start >= s.codeMin {
		if c := newCodeTail(s.r, text, f); c != nil {
			s.code = c
		} else {
			s.noCode = f.at + 1
		}
	}
	if s.code != nil {
		rows, ok, err := s.code.tailRows(s, text)
		if err != nil || ok {
			return rows, ok, err
		}
		s.noCode, s.code = s.code.fence.at+1, nil
	}
	rows, ok, err := s.renderTail(text)
	if err != nil || !ok {
		return nil, ok, err
	}
	rows, ok = s.afterEarly(rows)
	return rows, ok, nil
}

// afterEarly returns the rows of the whole tail after those already in the
// stable rows, and false if the tail does not start with them.
func (s *Stream) afterEarly(rows []string) ([]string, bool) {
	early := s.stable[s.fixed:]
	if len(rows) < len(early) || !slices.Equal(rows[:len(early)], early) {
		return nil, false
	}
	return rows[len(early):], true
}

// renderTail renders the text after the committed prefix as the end of the
// document and returns its cleaned lines, or false if it would not splice.
func (s *Stream) renderTail(text string) ([]string, bool, error) {
	part, ok, err := s.r.renderPart(text[s.committed:], s.committed == 0, true)
	if err != nil || !ok {
		return nil, false, err
	}
	joined, ok := joinPart(s.open, part)
	if !ok {
		return nil, false, nil
	}
	return s.r.clean.lines(nil, strings.TrimSuffix(joined, "\n")), true, nil
}
