package markdown

import (
	"strings"
	"unicode/utf8"

	"github.com/alecthomas/chroma/v2"
)

// A fenced code block cannot be split into parts like other blocks: until
// its closing fence arrives it is the whole tail, and glamour would render
// and highlight all of it on every frame. A codeTail makes that cost depend
// on the lines that changed instead. The rows of a code line are final once
// the line is complete and the highlighter's state after it cannot change;
// the Stream adds them to its stable rows as they become final. A frame then
// renders the text before the block, the fence line and the code from a
// recent restart line on, and glamour's rows for those lines are the full
// render's rows, except the restart line's own, which are dropped.
//
// A restart line is one at whose start chroma's lexer was in its initial
// state with nothing pending (see linelexer.go), so a fresh lex from there
// gives the same tokens. To be sure the lines before it cannot change when
// more code arrives, the code is also lexed followed by closers of what an
// expression may match across lines (lexFuture); only lines before the
// first difference are trusted. Coalesced runs of same-typed tokens are
// split by chroma every 8 KiB, so a restart line may not sit inside a
// longer run. Each row kept is checked against a prediction of its text.

// lexFuture is lexed after the code to find lines whose tokens a later
// line could change: it closes block comments, strings and raw strings.
const lexFuture = "\n(\n*/ ` \" ' \"\"\" ''' ]] --> ?> }}\n"

// coalesceLimit is the length at which chroma stops merging a run of
// tokens of the same type into one.
const coalesceLimit = 8192

// codeTail renders the tail of a reply whose code block at the top level
// has not been committed yet. The tail holds the block and what follows
// it, if anything.
type codeTail struct {
	fence codeFence
	lex   *lineLexer // nil when the code is not highlighted
	// head is how many rows of the tail come before the first code row;
	// -1 until it is found.
	head   int
	starts []int // offsets of the code's line starts from fence.start; the last is the unfinished line's
	// trusted are the code lines a fresh lex may start at, ascending;
	// the rows of the lines before the last one are final.
	trusted []int
	runs    []tokenRun // runs[k]: the run of same-typed tokens that ends where line trusted[k] starts
	lexed   bool       // the closed block has been lexed to its end
	rows    []int      // rows[i]: code line i's first row, from the first code row, for i <= done
	done    int        // the rows of code lines before done are the stream's last stable rows

	toksA, toksB []chroma.Token // reused between lexes
	preds        []string       // reused between predictions
}

// tokenRun is a run of tokens of one type.
type tokenRun struct {
	typ   chroma.TokenType
	bytes int // zero: no run
}

// newCodeTail returns a codeTail for the block f of text, or nil if its
// highlighting cannot be restarted at a line.
func newCodeTail(r *Renderer, text string, f codeFence) *codeTail {
	c := &codeTail{fence: f, head: -1, starts: []int{0}, trusted: []int{0}, runs: []tokenRun{{}}, rows: []int{0}}
	if r.code.highlight {
		c.lex = lineLexerFor(fenceLanguage(text[f.at:f.start]))
		if c.lex == nil {
			return nil
		}
	}
	return c
}

// fenceLanguage returns the language a fence line names, as glamour reads
// it: the info string's first word.
func fenceLanguage(line string) string {
	_, body := splitIndent(strings.TrimRight(line, "\r\n"))
	info := strings.Trim(body[fenceRun(body):], " \t")
	lang, _, _ := strings.Cut(info, " ")
	return lang
}

// code returns the block's code in text: up to the closing fence if there
// is one, or all the rest.
func (c *codeTail) code(text string) string {
	if c.fence.open {
		return text[c.fence.start:]
	}
	return text[c.fence.start:c.fence.close]
}

// line returns code line i without its line feed.
func (c *codeTail) line(code string, i int) string {
	return code[c.starts[i] : c.starts[i+1]-1]
}

// scanLines records the line starts in code not seen yet.
func (c *codeTail) scanLines(code string) {
	for {
		from := c.starts[len(c.starts)-1]
		i := strings.IndexByte(code[from:], '\n')
		if i < 0 {
			return
		}
		c.starts = append(c.starts, from+i+1)
	}
}

// lastTrusted returns the last trusted line.
func (c *codeTail) lastTrusted() int { return c.trusted[len(c.trusted)-1] }

// trust finds the lines after the last trusted one that a fresh lex may
// start at.
func (c *codeTail) trust(r *Renderer, code string) error {
	last, n := c.lastTrusted(), len(c.starts)-1
	if c.lex == nil {
		// Plain code has no lexer state: a complete line is final.
		for j := last + 1; j <= n; j++ {
			c.trusted = append(c.trusted, j)
			c.runs = append(c.runs, tokenRun{})
		}
		return nil
	}
	if c.lexed || last == n {
		return nil
	}
	window := code[c.starts[last]:]
	toks, clean, err := c.lex.lex(window, c.toksA[:0])
	c.toksA = toks
	r.stats.LexedBytes += int64(len(window))
	if err != nil {
		return err
	}
	w := lexWindow{toks: toks, clean: clean, carry: c.runs[len(c.runs)-1], diverge: -1, complete: !c.fence.open}
	if c.fence.open {
		other, otherClean, err := c.lex.lex(window+lexFuture, c.toksB[:0])
		c.toksB = other
		r.stats.LexedBytes += int64(len(window) + len(lexFuture))
		if err != nil {
			return err
		}
		w.other, w.diverge = otherClean, divergence(toks, other)
	}
	pos := 0
	for j := last + 1; j <= n && c.starts[j] < len(code); j++ {
		pos += utf8.RuneCountInString(code[c.starts[j-1]:c.starts[j]])
		if run, ok := w.restartAt(pos); ok {
			c.trusted = append(c.trusted, j)
			c.runs = append(c.runs, run)
		}
	}
	c.lexed = !c.fence.open
	return nil
}

// lexWindow is the outcome of lexing the code from a trusted line on.
type lexWindow struct {
	toks     []chroma.Token
	clean    []int    // rune offsets at which the lex was in its initial state
	other    []int    // the same for the lex followed by lexFuture
	diverge  int      // where the two lexes' tokens first differ; -1: not lexed twice
	carry    tokenRun // the run that ends where the window starts
	complete bool     // the code will not grow

	// the walk through toks, kept between calls for ascending offsets
	tok, pos int
	run      tokenRun
	started  bool
}

// restartAt reports whether a fresh lex may start at rune offset q, which
// must be larger than in the call before, and returns the run of tokens
// that ends there.
func (w *lexWindow) restartAt(q int) (tokenRun, bool) {
	if !w.started {
		w.run, w.started = w.carry, true
	}
	for w.tok < len(w.toks) && w.pos < q {
		t := w.toks[w.tok]
		if t.Type == w.run.typ && w.run.bytes > 0 {
			w.run.bytes += len(t.Value)
		} else {
			w.run = tokenRun{typ: t.Type, bytes: len(t.Value)}
		}
		w.pos += utf8.RuneCountInString(t.Value)
		w.tok++
	}
	if w.pos != q || !contains(w.clean, q) {
		return tokenRun{}, false
	}
	if w.diverge >= 0 && (q > w.diverge || !contains(w.other, q)) {
		return tokenRun{}, false
	}
	return w.run, w.runFits()
}

// runFits reports whether the run that ends at the current token boundary
// either ends there or is short enough that chroma merges all of it, as a
// fresh lex would merge the part after the boundary.
func (w *lexWindow) runFits() bool {
	total := w.run.bytes
	for _, t := range w.toks[w.tok:] {
		if t.Type != w.run.typ {
			return true
		}
		total += len(t.Value)
		if total >= coalesceLimit {
			return false
		}
	}
	return w.complete
}

// contains reports whether the ascending offsets hold q.
func contains(offsets []int, q int) bool {
	lo, hi := 0, len(offsets)
	for lo < hi {
		mid := (lo + hi) / 2
		if offsets[mid] < q {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	return lo < len(offsets) && offsets[lo] == q
}

// divergence returns the rune offset at which two token streams of texts
// with a common start first differ.
func divergence(a, b []chroma.Token) int {
	pos := 0
	for i := 0; i < len(a) && i < len(b); i++ {
		if a[i] != b[i] {
			return pos
		}
		pos += utf8.RuneCountInString(a[i].Value)
	}
	return pos
}

// restart returns the line the next render starts its code at: the last
// trusted line whose rows are stable. It returns false when the whole tail
// must be rendered.
func (c *codeTail) restart(s *Stream) (int, bool) {
	if c.head < 0 || len(s.stable)-s.fixed != c.head+c.rows[c.done] {
		return 0, false
	}
	p := 0
	for _, t := range c.trusted {
		if t < c.done {
			p = t
		}
	}
	return p, p > 0
}

// render renders the tail up to end without the code lines before line p:
// the text before the block, the fence line and the code from line p on.
// Unless last, the raw unfinished last line is returned apart.
func (c *codeTail) render(s *Stream, text string, p, end int, last bool) ([]string, string, bool, error) {
	md := text[s.committed:c.fence.start] + text[c.fence.start+c.starts[p]:end]
	part, ok, err := s.r.renderPart(md, s.committed == 0, last)
	if err != nil || !ok {
		return nil, "", false, err
	}
	joined, ok := joinPart(s.open, part)
	if !ok {
		return nil, "", false, nil
	}
	if last {
		return s.r.clean.lines(nil, strings.TrimSuffix(joined, "\n")), "", true, nil
	}
	cut := strings.LastIndexByte(joined, '\n')
	if cut < 0 {
		return nil, joined, true, nil
	}
	return s.r.clean.lines(nil, joined[:cut]), joined[cut+1:], true, nil
}

// overlapMatches checks that the rows of restart line p in a render from
// p show what its stable rows show: the render lines up with them.
func (c *codeTail) overlapMatches(s *Stream, rows []string, p int) bool {
	n, at := c.rows[p+1]-c.rows[p], s.fixed+c.head+c.rows[p]
	if c.head+n > len(rows) {
		return false
	}
	for k := range n {
		if stripText(rows[c.head+k]) != stripText(s.stable[at+k]) {
			return false
		}
	}
	return true
}

// tailRows returns the rows of the tail after the stream's stable ones,
// and first makes the code rows that became final stable.
func (c *codeTail) tailRows(s *Stream, text string) ([]string, bool, error) {
	code := c.code(text)
	c.scanLines(code)
	if err := c.trust(s.r, code); err != nil {
		return nil, false, err
	}
	rows, shift := []string(nil), 0
	if p, ok := c.restart(s); ok {
		var err error
		rows, _, ok, err = c.render(s, text, p, len(text), true)
		if err != nil || !ok || !c.overlapMatches(s, rows, p) {
			return nil, false, err
		}
		shift = c.rows[p]
		s.partial++
	} else {
		full, ok, err := s.renderTail(text)
		if err != nil || !ok {
			return nil, false, err
		}
		if _, ok := s.afterEarly(full); !ok {
			return nil, false, nil
		}
		rows = full
		if c.head < 0 {
			c.head = c.findHead(s, code, rows)
		}
	}
	if c.head >= 0 {
		c.keep(s, code, rows, shift)
	}
	return rows[len(s.stable)-s.fixed-shift:], true, nil
}

// findHead returns the index of the first code row in the rows of the whole
// tail, or -1 if the code so far does not show it. It looks for the rows
// predicted for the complete code lines, at least one of them not blank,
// after the stream's stable rows.
func (c *codeTail) findHead(s *Stream, code string, rows []string) int {
	preds := c.preds[:0]
	for i := 0; i < len(c.starts)-1 && i < 20; i++ {
		preds = s.r.code.rows(preds, c.line(code, i))
	}
	c.preds = preds
	if strings.Join(preds, "") == "" {
		return -1
	}
	for h := len(s.stable) - s.fixed; h+len(preds) <= len(rows); h++ {
		if matchRows(rows[h:h+len(preds)], preds) {
			return h
		}
	}
	return -1
}

// matchRows reports whether the rows show the predicted texts.
func matchRows(rows, preds []string) bool {
	for k, p := range preds {
		if stripText(rows[k]) != p {
			return false
		}
	}
	return true
}

// keep moves the rows that became final from rows, which start with the
// tail's row shift, to the stream's stable rows: first the rows before the
// code, then the rows of each code line before the last trusted one whose
// rows show what is predicted for it.
func (c *codeTail) keep(s *Stream, code string, rows []string, shift int) {
	early := len(s.stable) - s.fixed
	if early < c.head && shift == 0 && c.done == 0 {
		s.stable = append(s.stable, rows[early:c.head]...)
		early = c.head
	}
	if early != c.head+c.rows[c.done] {
		return
	}
	for c.done < c.lastTrusted() {
		at := c.head + c.rows[c.done] - shift
		c.preds = s.r.code.rows(c.preds[:0], c.line(code, c.done))
		if at+len(c.preds) > len(rows) || !matchRows(rows[at:at+len(c.preds)], c.preds) {
			return
		}
		s.stable = append(s.stable, rows[at:at+len(c.preds)]...)
		c.rows = append(c.rows[:c.done+1], c.rows[c.done]+len(c.preds))
		c.done++
	}
}

// commitRows renders the text up to end, which lies after the closed
// block, the way commit would, and returns the rows after the stream's
// stable ones and the raw unfinished last line. It returns false when the
// block's rows are not stable yet and the text must be rendered whole.
func (c *codeTail) commitRows(s *Stream, text string, end int) ([]string, string, bool, error) {
	if c.fence.open || end < c.fence.close {
		return nil, "", false, nil
	}
	code := c.code(text)
	c.scanLines(code)
	if err := c.trust(s.r, code); err != nil {
		return nil, "", false, err
	}
	p, ok := c.restart(s)
	if !ok {
		return nil, "", false, nil
	}
	rows, open, ok, err := c.render(s, text, p, end, false)
	if err != nil || !ok || !c.overlapMatches(s, rows, p) {
		return nil, "", false, err
	}
	from := c.head + c.rows[c.done] - c.rows[p]
	if from > len(rows) {
		return nil, "", false, nil
	}
	s.partial++
	return rows[from:], open, true, nil
}
