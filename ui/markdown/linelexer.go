package markdown

import (
	"regexp"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/alecthomas/chroma/v2"
	"github.com/alecthomas/chroma/v2/lexers"
)

// lineLexer is a copy of one of chroma's regular-expression lexers that
// also reports where, between two tokens, it was back in its initial state
// with nothing pending. Lexing from such a point on gives the same tokens
// as lexing from the start, so the lines after it can be highlighted
// without the lines before (see codetail.go).
//
// The copy shares nothing mutable with chroma's lexer: every rule's mutator
// is wrapped to report the lexer state after the rule matched. One lex runs
// at a time per lineLexer, because the report goes to the lex in progress.
type lineLexer struct {
	mu       sync.Mutex
	lexer    chroma.Lexer
	ensureNL bool       // the lexer ends the text with a line feed
	rec      *lexRecord // the lex in progress
}

// lexRecord is what one lex reports.
type lexRecord struct {
	runes int                // length of the text lexed, in runes
	top   *chroma.LexerState // the outermost lexer's state; nested lexes are ignored
	clean []int              // rune offsets at which the lexer was in its initial state
	// ambiguous is set when two states lexed texts of the full length, so
	// that the outermost one is not known.
	ambiguous bool
}

// lineLexers holds one lineLexer per chroma lexer, nil for the lexers that
// cannot be restarted at a line (see restartable). Building one compiles
// the lexer's expressions again, so it is done once per process.
var lineLexers struct {
	sync.Mutex
	m map[chroma.Lexer]*lineLexer
}

// lineLexerFor returns the lineLexer for the lexer glamour uses for lang,
// or nil if lang has no lexer or its lexer cannot be restarted at a line.
func lineLexerFor(lang string) *lineLexer {
	l := lexers.Get(lang)
	if l == nil {
		// Glamour then guesses a lexer from the code, and the guess can
		// change as the code grows.
		return nil
	}
	lineLexers.Lock()
	defer lineLexers.Unlock()
	if ll, ok := lineLexers.m[l]; ok {
		return ll
	}
	if lineLexers.m == nil {
		lineLexers.m = map[chroma.Lexer]*lineLexer{}
	}
	ll := newLineLexer(l)
	lineLexers.m[l] = ll
	return ll
}

// newLineLexer builds the reporting copy of l, or returns nil.
func newLineLexer(l chroma.Lexer) *lineLexer {
	rl, ok := l.(*chroma.RegexLexer)
	if !ok {
		return nil
	}
	rules, err := rl.Rules()
	if err != nil || !restartable(rl.Config(), rules) {
		return nil
	}
	ll := &lineLexer{ensureNL: rl.Config().EnsureNL}
	rules = rules.Clone()
	for _, state := range rules {
		for i := range state {
			if _, ok := state[i].Mutator.(chroma.LexerMutator); ok {
				continue // changes the rules when they are compiled, e.g. an include
			}
			state[i].Mutator = reportingMutator{inner: state[i].Mutator, ll: ll}
		}
	}
	copied, err := chroma.NewLexer(rl.Config(), func() chroma.Rules { return rules })
	if err != nil {
		return nil
	}
	ll.lexer = copied.SetRegistry(lexers.GlobalLexerRegistry)
	return ll
}

var (
	// backReference finds expressions whose match depends on an earlier
	// group, as heredocs do: their closing text can be anything.
	backReference = regexp.MustCompile(`\\[1-9]|\\k<|\(\?P=`)
	// lookBehind finds the start of a look-behind assertion.
	lookBehind = regexp.MustCompile(`\(\?<[=!]`)
	// crossesLine finds what can match a line feed in an expression: an
	// escape for it or for a class holding it, a negated class, or a
	// dot-all flag.
	crossesLine = regexp.MustCompile(`\\[nsWDrv]|\[\^|\(\?[a-z]*s|\n`)
)

// restartable reports whether lexing from the start of a line, in the
// initial state, can stand for lexing from the start of the text: no
// expression may look behind across a line break or match a closing text
// that an earlier group chose, and "^" must match at every line start.
func restartable(cfg *chroma.Config, rules chroma.Rules) bool {
	if cfg.NotMultiline {
		return false
	}
	for _, state := range rules {
		for _, rule := range state {
			if !restartableRule(rule.Pattern, cfg.DotAll) {
				return false
			}
		}
	}
	return true
}

func restartableRule(pattern string, dotAll bool) bool {
	mayCross := func(p string) bool {
		return crossesLine.MatchString(p) || (dotAll && containsDot(p))
	}
	if backReference.MatchString(pattern) && mayCross(pattern) {
		return false
	}
	for _, loc := range lookBehind.FindAllStringIndex(pattern, -1) {
		if mayCross(groupBody(pattern[loc[1]:])) {
			return false
		}
	}
	return true
}

// containsDot reports whether p has an unescaped dot outside a class.
func containsDot(p string) bool {
	inClass := false
	for i := 0; i < len(p); i++ {
		switch {
		case p[i] == '\\':
			i++
		case p[i] == '[':
			inClass = true
		case p[i] == ']':
			inClass = false
		case p[i] == '.' && !inClass:
			return true
		}
	}
	return false
}

// groupBody returns the text of p up to the parenthesis that closes the
// group p is inside of, or all of p.
func groupBody(p string) string {
	depth, inClass := 0, false
	for i := 0; i < len(p); i++ {
		switch c := p[i]; {
		case c == '\\':
			i++
		case inClass:
			inClass = c != ']'
		case c == '[':
			inClass = true
		case c == '(':
			depth++
		case c == ')':
			if depth == 0 {
				return p[:i]
			}
			depth--
		}
	}
	return p
}

// reportingMutator runs a rule's mutator and then reports the state.
type reportingMutator struct {
	inner chroma.Mutator
	ll    *lineLexer
}

// Mutate implements chroma.Mutator. It runs after the rule matched and
// before the rule's tokens are emitted: if the stack is back to the initial
// state, the next match starts from it with nothing pending.
func (m reportingMutator) Mutate(st *chroma.LexerState) error {
	if m.inner != nil {
		if err := m.inner.Mutate(st); err != nil {
			return err
		}
	}
	rec := m.ll.rec
	if rec == nil {
		return nil
	}
	// A rule's emitter may lex the text it matched again, with a state of
	// its own; only the outermost state, the one that lexes all the text,
	// counts.
	if len(st.Text) != rec.runes {
		return nil
	}
	if rec.top == nil {
		rec.top = st
	}
	if st != rec.top {
		rec.ambiguous = true
	}
	if len(st.Stack) != 1 || st.Stack[0] != "root" || len(st.MutatorContext) != 0 {
		return nil
	}
	if n := len(rec.clean); n == 0 || rec.clean[n-1] != st.Pos {
		rec.clean = append(rec.clean, st.Pos)
	}
	return nil
}

// lex tokenises text from the initial state, as glamour's highlighter does,
// appending the non-empty tokens to toks, and returns them with the rune
// offsets where the lexer was in its initial state, ascending. Offset 0 is
// not reported.
func (ll *lineLexer) lex(text string, toks []chroma.Token) ([]chroma.Token, []int, error) {
	ll.mu.Lock()
	defer ll.mu.Unlock()
	rec := &lexRecord{runes: utf8.RuneCountInString(text)}
	if ll.ensureNL && !strings.HasSuffix(text, "\n") {
		rec.runes++
	}
	ll.rec = rec
	defer func() { ll.rec = nil }()
	it, err := ll.lexer.Tokenise(nil, text)
	if err != nil {
		return toks, nil, err
	}
	for t := it(); t != chroma.EOF; t = it() {
		if t.Value != "" {
			toks = append(toks, t)
		}
	}
	if rec.ambiguous {
		return toks, nil, nil
	}
	return toks, rec.clean, nil
}
