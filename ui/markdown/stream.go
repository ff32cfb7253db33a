package markdown

import "strings"

// Stream renders one reply while it is being written. Append costs
// O(len(delta)). Each call to Lines renders at most twice: once to commit
// the text that became stable (before the last safe block boundary) into a
// cached prefix, and once for the tail after it. Its lines always equal the
// Renderer's RenderLines of the same text, byte for byte.
//
// A Stream is bound to its Renderer's width and theme; after a resize, call
// Reset with a new Renderer. Like its Renderer, it is not safe for
// concurrent use.
type Stream struct {
	r    *Renderer
	text strings.Builder
	sc   boundaryScanner

	committed int      // text before this offset is rendered into stable and open
	stable    []string // cleaned, finished lines of the committed text
	open      string   // raw, unfinished last line of the committed text
	// fullOnly is set when a splice failed: from then on every frame is
	// a full render, which is slow but always correct.
	fullOnly bool
}

// minCommit is the least text, in bytes, worth a render of its own to
// commit. Replies have many short blocks; committing each as soon as it is
// stable would add a render to most frames (0.049 renders per token instead
// of 0.037 on the test corpus), while carrying a few hundred stable bytes in
// the tail costs well under a millisecond a frame.
const minCommit = 512

// NewStream returns an empty Stream that renders with r.
func NewStream(r *Renderer) *Stream {
	return &Stream{r: r}
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
	s.committed, s.stable, s.open, s.fullOnly = 0, nil, "", false
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
	if !s.sc.global && !s.fullOnly {
		if err := s.commit(text); err != nil {
			return nil, nil, err
		}
	}
	if !s.sc.global && !s.fullOnly {
		tail, ok, err := s.renderTail(text)
		if err != nil || ok {
			return s.stable[:len(s.stable):len(s.stable)], tail, err
		}
		s.fullOnly = true
	}
	s.committed, s.stable, s.open = 0, nil, ""
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
// render however many blocks it holds, and appends it to the cache.
func (s *Stream) commit(text string) error {
	end := s.sc.boundary
	if end-s.committed < minCommit {
		return nil
	}
	part, ok, err := s.r.renderPart(text[s.committed:end], s.committed == 0, false)
	if err != nil {
		return err
	}
	joined, ok2 := joinPart(s.open, part)
	if !ok || !ok2 {
		s.fullOnly = true
		return nil
	}
	if cut := strings.LastIndexByte(joined, '\n'); cut >= 0 {
		s.stable = splitClean(s.stable, joined[:cut])
		joined = joined[cut+1:]
	}
	s.open = joined
	s.committed = end
	return nil
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
	return splitClean(nil, strings.TrimSuffix(joined, "\n")), true, nil
}
