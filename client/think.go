package client

import "strings"

// Reasoning models that have no separate reasoning field write their
// thinking into the content, between <think> and </think> (or <thinking>
// and </thinking>) at its very start. R1-style chat templates put the
// opening tag into the prompt, so the reply holds only the closing one.
//
// The rules, which hold for every model and provider:
//   - An opening tag at the start of the content, after nothing but white
//     space, opens a reasoning block; the first closing tag (either
//     spelling) ends it. Later tags are answer text.
//   - A closing tag with no opening one is accepted while the content may
//     still be reasoning: no reasoning came in a reasoning field first, no
//     opening tag was seen anywhere before it (an answer that talks about
//     tags mentions the opening one), it is not right after a backtick
//     (`</think>` in Markdown code), and it starts within the first
//     lateCloseWindow bytes of the content. The text delivered as answer
//     until then is then reclassified as reasoning.
//   - White space right after either tag is dropped: it only separates the
//     tag from what follows, and "<think>\n\n</think>" is no reasoning at
//     all. Tags never appear in any event.
//   - The only text held back is white space before the first visible
//     character (it might precede an opening tag) and, at the end of what
//     has arrived, the start of a tag that the next bytes may complete.

// lateCloseWindow bounds how far into the content a closing tag without an
// opening one is still taken as the end of reasoning. Reasoning budgets
// stay well below it (32k tokens is about 128 KiB); an answer that long is
// not moved wholesale into the reasoning because it quotes a tag.
const lateCloseWindow = 256 << 10

var (
	openTags  = []string{"<think>", "<thinking>"}
	closeTags = []string{"</think>", "</thinking>"}
	allTags   = []string{"<think>", "<thinking>", "</think>", "</thinking>"}
)

// thinkState is where the splitter is in the content.
type thinkState int

const (
	thinkStart       thinkState = iota // only white space so far
	thinkOpen                          // inside a block opened by a tag
	thinkUnconfirmed                   // answer text, unless a closing tag comes
	thinkAfterClose                    // a block just closed: drop white space
	thinkAnswer                        // answer text for good
)

// piece is one run of text the splitter gives out. A piece of kind
// EventReclassify has no text: the caller supplies the answer text it
// delivered so far.
type piece struct {
	kind EventKind
	text string
}

// thinkSplitter separates reasoning written into the content from the
// answer. It is fed the content as it arrives, in any pieces; what it gives
// out does not depend on how the content was cut.
type thinkSplitter struct {
	state thinkState
	held  string // bytes not yet given out
	fed   int    // content bytes fed before held
	prev  byte   // last byte given out or dropped, for the backtick rule
	// skipWS is set in thinkOpen while white space after the tag is dropped.
	skipWS bool
	// noLateClose is set once reasoning came from a reasoning field: the
	// content is then the answer, whatever tag it quotes.
	noLateClose bool
	textOut     bool // some answer text was given out
	out         []piece
}

// fieldReasoning tells the splitter that reasoning arrived in a field of
// its own, so a closing tag without an opening one is answer text.
func (s *thinkSplitter) fieldReasoning() { s.noLateClose = true }

// mayReclassify reports whether an EventReclassify may still come: the
// content may still turn out to be reasoning.
func (s *thinkSplitter) mayReclassify() bool {
	return !s.noLateClose && (s.state == thinkStart || s.state == thinkUnconfirmed)
}

// feed takes the next content text and returns the pieces it makes
// available. The slice is reused by the next call.
func (s *thinkSplitter) feed(text string) []piece {
	s.out = s.out[:0]
	if s.state == thinkAnswer && s.held == "" {
		s.give(EventText, text) // the common case, once decided
		return s.out
	}
	pending := s.held + text
	s.held = ""
	s.step(pending)
	return s.out
}

// flush gives out whatever is held, at the end of the content.
func (s *thinkSplitter) flush() []piece {
	s.out = s.out[:0]
	held := s.held
	s.held = ""
	switch s.state {
	case thinkOpen:
		s.give(EventReasoning, held)
	case thinkAfterClose:
	default:
		s.give(EventText, held)
	}
	return s.out
}

// step processes pending in the current state, moving on as tags decide.
func (s *thinkSplitter) step(pending string) {
	for pending != "" {
		switch s.state {
		case thinkStart:
			pending = s.start(pending)
		case thinkOpen:
			pending = s.open(pending)
		case thinkUnconfirmed:
			pending = s.unconfirmed(pending)
		case thinkAfterClose:
			rest := strings.TrimLeft(pending, " \t\r\n")
			s.consumed(pending[:len(pending)-len(rest)])
			if rest != "" {
				s.state = thinkAnswer
			}
			pending = rest
		case thinkAnswer:
			s.give(EventText, pending)
			pending = ""
		}
	}
}

// start looks for an opening tag after leading white space.
func (s *thinkSplitter) start(pending string) string {
	trimmed := strings.TrimLeft(pending, " \t\r\n")
	switch {
	case trimmed == "" || isTagPrefix(trimmed, openTags):
		s.held = pending
		return ""
	}
	for _, tag := range openTags {
		if strings.HasPrefix(trimmed, tag) {
			s.consumed(pending[:len(pending)-len(trimmed)+len(tag)])
			s.state, s.skipWS = thinkOpen, true
			return trimmed[len(tag):]
		}
	}
	s.state = thinkUnconfirmed
	if s.noLateClose {
		s.state = thinkAnswer
	}
	return pending
}

// open gives out reasoning until a closing tag.
func (s *thinkSplitter) open(pending string) string {
	if s.skipWS {
		rest := strings.TrimLeft(pending, " \t\r\n")
		s.consumed(pending[:len(pending)-len(rest)])
		if rest == "" {
			return ""
		}
		s.skipWS, pending = false, rest
	}
	if i, tag := firstTag(pending, closeTags); i >= 0 {
		s.give(EventReasoning, pending[:i])
		s.consumed(tag)
		s.state = thinkAfterClose
		return pending[i+len(tag):]
	}
	keep := heldTail(pending, closeTags)
	s.give(EventReasoning, pending[:len(pending)-keep])
	s.held = pending[len(pending)-keep:]
	return ""
}

// unconfirmed gives out answer text, watching for a closing tag that turns
// what came before into reasoning.
func (s *thinkSplitter) unconfirmed(pending string) string {
	if s.noLateClose || s.fed > lateCloseWindow {
		s.state = thinkAnswer
		return pending
	}
	o, _ := firstTag(pending, openTags)
	c, tag := firstTag(pending, closeTags)
	switch {
	case o >= 0 && (c < 0 || o < c):
		s.state = thinkAnswer // an answer that mentions the tags
		return pending
	case c >= 0:
		before := s.prev
		if c > 0 {
			before = pending[c-1]
		}
		if before == '`' || s.fed+c > lateCloseWindow {
			s.state = thinkAnswer
			return pending
		}
		if s.textOut {
			s.out = append(s.out, piece{kind: EventReclassify})
			s.textOut = false
		}
		s.give(EventReasoning, pending[:c])
		s.consumed(tag)
		s.state = thinkAfterClose
		return pending[c+len(tag):]
	}
	keep := heldTail(pending, allTags)
	s.give(EventText, pending[:len(pending)-keep])
	s.held = pending[len(pending)-keep:]
	return ""
}

// give hands out text of a kind, if there is any.
func (s *thinkSplitter) give(kind EventKind, text string) {
	if text == "" {
		return
	}
	s.out = append(s.out, piece{kind: kind, text: text})
	s.consumed(text)
	if kind == EventText {
		s.textOut = true
	}
}

// consumed records that text was given out or dropped.
func (s *thinkSplitter) consumed(text string) {
	if text != "" {
		s.fed += len(text)
		s.prev = text[len(text)-1]
	}
}

// firstTag returns the index of the first of tags in s, and which, or -1.
func firstTag(s string, tags []string) (int, string) {
	best, which := -1, ""
	for _, t := range tags {
		if i := strings.Index(s, t); i >= 0 && (best < 0 || i < best) {
			best, which = i, t
		}
	}
	return best, which
}

// isTagPrefix reports whether s is a proper prefix of one of tags.
func isTagPrefix(s string, tags []string) bool {
	for _, t := range tags {
		if len(s) < len(t) && strings.HasPrefix(t, s) {
			return true
		}
	}
	return false
}

// heldTail returns how many bytes at the end of s may be the start of one
// of tags, to be held until the next bytes decide.
func heldTail(s string, tags []string) int {
	from := max(0, len(s)-len("</thinking>"))
	i := strings.LastIndexByte(s[from:], '<')
	if i < 0 || !isTagPrefix(s[from+i:], tags) {
		return 0
	}
	return len(s) - from - i
}
