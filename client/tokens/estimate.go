package tokens

import (
	"unicode"
	"unicode/utf8"
)

// Estimate guesses exact.Count(text) in one pass over the text, without the
// tables: a few nanoseconds a byte and no allocation, for callers that
// count on every key press. It splits text the way o200k_base's
// pre-tokenizer does (words, camelCase humps, digit triples, runs of
// punctuation and of white space) and charges each piece by its length;
// ideographs and kana are charged per character. On prose, source code
// and CJK text it lands within a few percent of exact.Count; random strings
// (keys, base64) come out up to a third low, since the tables hold few
// of their pieces.
func Estimate(text string) int {
	var e estimator
	for i := 0; i < len(text); {
		r, size := rune(text[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(text[i:])
		}
		e.add(r)
		i += size
	}
	e.flush()
	return (e.milli + 999) / 1000
}

// Piece costs in thousandths of a token, measured against o200k_base on
// English prose, Go source, Markdown and Chinese, Japanese and Korean text.
const (
	wordFirst   = 1000 // a word's first letters…
	wordLetters = 8    // …cover this many letters; each further group costs:
	wordMore    = 1000
	digitGroup  = 1000 // up to three digits
	punctFirst  = 1000 // a run of punctuation's first two characters…
	punctMore   = 450  // …and each one after them
	punctPrefix = 500  // punctuation that leads a word ("(word")
	spaceRun    = 1000 // white space not absorbed by the next word
	sameRun     = 64   // characters of a run of one character per further token
	ideograph   = 880  // Han, kana
	hangul      = 900  // Hangul syllables
	otherRune   = 1000 // symbols, emoji
)

type class uint8

const (
	none class = iota
	lower
	upper
	digit
	punct
	space
	newline
	ideo
)

// estimator holds the piece being read and the cost so far.
type estimator struct {
	milli int
	cur   class
	run   int // runes in the current piece
	hump  int // letters since the last camelCase hump
	ideo  int // cost of the ideographs in the current piece
	last  rune
	mixed bool // the run of punctuation or space holds different characters
}

func (e *estimator) add(r rune) {
	c := classify(r)
	switch {
	case c == none:
		e.flush()
		e.milli += otherRune
		return
	case c == ideo && e.cur == ideo:
		e.ideo += ideoCost(r)
		return
	case c == ideo && (e.cur == space || e.cur == punct) && e.run == 1:
		e.prefix()
		e.cur, e.run, e.ideo = ideo, 1, ideoCost(r)
		return
	case c == ideo:
		e.flush()
		e.cur, e.run, e.ideo = ideo, 1, ideoCost(r)
		return
	case c == lower && (e.cur == lower || e.cur == upper):
		e.run++
		e.hump++
		e.cur = lower
		return
	case c == upper && e.cur == upper:
		e.run++
		e.hump++
		return
	case c == upper && e.cur == lower:
		// "parseErrorBody": each hump is a piece of its own.
		e.flush()
	case c == e.cur:
		e.run++
		e.mixed = e.mixed || r != e.last
		e.last = r
		return
	case (c == lower || c == upper) && (e.cur == space || e.cur == punct) && e.run == 1:
		// " word", "(word", ".Method": the one character before a word
		// is part of the word's piece.
		e.prefix()
	case c == punct && e.cur == space && e.run == 1:
		e.cur = punct // " (" is one piece
		return
	case c == newline && e.cur == punct:
		e.flush() // "{\n" is one piece
		return
	case c == newline && e.cur == space:
		// trailing blanks join the line break
		e.cur = newline
		e.run++
		return
	default:
		e.flush()
	}
	e.cur, e.run, e.hump, e.last, e.mixed = c, 1, 1, r, false
}

// prefix drops the one-character piece in progress into the word that
// follows it: free for a space, while punctuation there often stays a
// token of its own.
func (e *estimator) prefix() {
	if e.cur == punct {
		e.milli += punctPrefix
	}
	e.cur, e.run = none, 0
}

// flush charges the piece in progress.
func (e *estimator) flush() {
	n := e.run
	switch e.cur {
	case lower, upper:
		e.milli += wordFirst + (e.hump-1)/wordLetters*wordMore
	case digit:
		e.milli += (n + 2) / 3 * digitGroup
	case punct:
		e.milli += punctFirst
		if e.mixed {
			e.milli += max(0, n-2) * punctMore
		} else {
			e.milli += n / sameRun * 1000 // "--------": the tables hold long runs of one character
		}
	case space, newline:
		e.milli += spaceRun + n/sameRun*1000
	case ideo:
		e.milli += e.ideo
	}
	e.cur, e.run, e.hump, e.ideo, e.mixed = none, 0, 0, 0, false
}

// classify sorts a rune into the pre-tokenizer's classes; none means the
// rune is charged on its own (symbols, emoji).
func classify(r rune) class {
	switch {
	case r >= 'a' && r <= 'z':
		return lower
	case r >= 'A' && r <= 'Z':
		return upper
	case r >= '0' && r <= '9':
		return digit
	case r == ' ' || r == '\t':
		return space
	case r == '\n' || r == '\r':
		return newline
	case r < utf8.RuneSelf:
		return punct
	case isIdeographic(r):
		return ideo
	case unicode.IsUpper(r):
		return upper
	case unicode.IsLetter(r) || unicode.IsMark(r):
		return lower
	case unicode.IsNumber(r):
		return digit
	case unicode.IsSpace(r):
		return space
	case unicode.IsPunct(r):
		return punct
	}
	return none
}

func isIdeographic(r rune) bool {
	return unicode.Is(unicode.Han, r) || unicode.Is(unicode.Hiragana, r) ||
		unicode.Is(unicode.Katakana, r) || unicode.Is(unicode.Hangul, r)
}

func ideoCost(r rune) int {
	if unicode.Is(unicode.Hangul, r) {
		return hangul
	}
	return ideograph
}
