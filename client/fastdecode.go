package client

import (
	"encoding/json"
	"strings"
	"unsafe"
)

// fastDecode reads the common content chunk without encoding/json's
// reflection, which costs about ten allocations a chunk. It handles only
// what it can decode exactly as encoding/json would: valid JSON, plain
// ASCII keys, each key it reads seen once, no error, no usage. For
// anything else it reports false and the caller takes the general path.
func fastDecode(data string) (decoded, bool) {
	p := scanner{s: data, ok: true}
	var d decoded
	p.fields(func(key string) {
		switch {
		case p.once(key, "choices", seenChoices):
			p.choices(&d)
		// Each value is read before p.ok is tested: reading it may fail.
		case p.once(key, "error", seenError):
			v := p.raw()
			p.ok = p.ok && !truthy(json.RawMessage(v))
		case p.once(key, "object", seenObject):
			v := p.skip()
			p.ok = p.ok && v != `"error"`
		case p.once(key, "usage", seenUsage):
			v := p.skip()
			p.ok = p.ok && v == "null"
		default:
			p.skip()
		}
	})
	p.ws()
	return d, p.ok && p.i == len(p.s)
}

// Bits of scanner.seen: each key the fast path reads may appear once
// (encoding/json merges repeated keys; the general path does that).
const (
	seenChoices = 1 << iota
	seenError
	seenObject
	seenUsage
	seenDelta
	seenFinish
	seenContent
	seenReasoningContent
	seenReasoning
	seenReasoningDetails
)

// scanner walks JSON, checking its syntax as strictly as encoding/json;
// ok turns false at the first thing it cannot take.
type scanner struct {
	s     string
	i     int
	ok    bool
	seen  int
	depth int
}

// once reports whether key is name (matched without regard to case, as
// encoding/json does), failing the scan if name was seen before.
func (p *scanner) once(key, name string, bit int) bool {
	if !strings.EqualFold(key, name) {
		return false
	}
	if p.seen&bit != 0 {
		p.ok = false
	}
	p.seen |= bit
	return true
}

func (p *scanner) ws() {
	for p.i < len(p.s) && (p.s[p.i] == ' ' || p.s[p.i] == '\t' || p.s[p.i] == '\n' || p.s[p.i] == '\r') {
		p.i++
	}
}

// peek returns the next byte that is not white space.
func (p *scanner) peek() byte {
	p.ws()
	if p.i >= len(p.s) {
		p.ok = false
		return 0
	}
	return p.s[p.i]
}

func (p *scanner) eat(c byte) bool {
	if p.peek() == c {
		p.i++
		return true
	}
	return false
}

// str consumes a string and returns it with its quotes. It fails on what
// JSON forbids in a string: raw control bytes and unknown escapes.
func (p *scanner) str() string {
	start := p.i
	for p.i++; p.i < len(p.s); p.i++ {
		switch c := p.s[p.i]; {
		case c == '"':
			p.i++
			return p.s[start:p.i]
		case c < 0x20:
			p.ok = false
			return ""
		case c == '\\':
			if p.escape(); !p.ok {
				return ""
			}
		}
	}
	p.ok = false
	return ""
}

// escape checks the escape at p.i and leaves p.i on its last byte.
func (p *scanner) escape() {
	p.i++
	if p.i >= len(p.s) {
		p.ok = false
		return
	}
	switch p.s[p.i] {
	case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
	case 'u':
		if p.i+4 >= len(p.s) {
			p.ok = false
			return
		}
		for _, h := range []byte(p.s[p.i+1 : p.i+5]) {
			if !isHex(h) {
				p.ok = false
			}
		}
		p.i += 4
	default:
		p.ok = false
	}
}

func isHex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

// maxDepth bounds nesting; deeper values take the general path.
const maxDepth = 64

// skip consumes one value, checking its syntax, and returns its text.
func (p *scanner) skip() string {
	if p.peek(); !p.ok {
		return ""
	}
	start := p.i
	switch c := p.s[p.i]; {
	case c == '"':
		p.str()
	case c == '{' || c == '[':
		p.nested()
	case c == 't', c == 'f', c == 'n':
		p.literal()
	default:
		p.number()
	}
	if !p.ok {
		return ""
	}
	return p.s[start:p.i]
}

// raw is skip for callers that read the value as bytes.
func (p *scanner) raw() []byte {
	v := p.skip()
	return unsafe.Slice(unsafe.StringData(v), len(v))
}

func (p *scanner) nested() {
	if p.depth++; p.depth > maxDepth {
		p.ok = false
		return
	}
	defer func() { p.depth-- }()
	if p.s[p.i] == '{' {
		p.fields(func(string) { p.skip() })
		return
	}
	p.i++
	if p.eat(']') {
		return
	}
	for p.ok {
		p.skip()
		if !p.eat(',') {
			p.ok = p.ok && p.eat(']')
			return
		}
	}
}

func (p *scanner) literal() {
	for _, lit := range []string{"true", "false", "null"} {
		if strings.HasPrefix(p.s[p.i:], lit) {
			p.i += len(lit)
			return
		}
	}
	p.ok = false
}

// number consumes -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?
func (p *scanner) number() {
	p.accept("-")
	switch {
	case p.accept("0"):
	case p.i < len(p.s) && p.s[p.i] >= '1' && p.s[p.i] <= '9':
		p.digits()
	default:
		p.ok = false
		return
	}
	if p.accept(".") {
		p.needDigits()
	}
	if p.accept("eE") {
		p.accept("+-")
		p.needDigits()
	}
}

// accept consumes one byte from set if the next byte is one.
func (p *scanner) accept(set string) bool {
	if p.i < len(p.s) && strings.IndexByte(set, p.s[p.i]) >= 0 {
		p.i++
		return true
	}
	return false
}

func (p *scanner) digits() int {
	start := p.i
	for p.i < len(p.s) && p.s[p.i] >= '0' && p.s[p.i] <= '9' {
		p.i++
	}
	return p.i - start
}

func (p *scanner) needDigits() {
	if p.digits() == 0 {
		p.ok = false
	}
}

// fields calls each for every key of an object, positioned at its value;
// each must consume the value.
func (p *scanner) fields(each func(key string)) {
	if !p.eat('{') {
		p.ok = false
		return
	}
	if p.eat('}') {
		return
	}
	for p.ok && p.peek() == '"' {
		k := p.str()
		if !p.ok {
			return
		}
		key := k[1 : len(k)-1]
		if !plainASCII(key) || !p.eat(':') {
			p.ok = false
			return
		}
		each(key)
		if !p.eat(',') {
			p.ok = p.ok && p.eat('}')
			return
		}
	}
	p.ok = false
}

// plainASCII: no escapes and no letters that fold in surprising ways.
func plainASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' || s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// choices reads the first choice and skips the rest.
func (p *scanner) choices(d *decoded) {
	switch p.peek() {
	case 'n':
		p.skip()
	case '[':
		p.i++
		if p.eat(']') {
			return
		}
		for first := true; p.ok; first = false {
			if first {
				p.choice(d)
			} else {
				p.skip()
			}
			if !p.eat(',') {
				p.ok = p.ok && p.eat(']')
				return
			}
		}
	default:
		p.ok = false
	}
}

func (p *scanner) choice(d *decoded) {
	if p.peek() == 'n' {
		p.skip()
		return
	}
	p.fields(func(key string) {
		switch {
		case p.once(key, "delta", seenDelta):
			p.delta(d)
		case p.once(key, "finish_reason", seenFinish):
			p.finish(d)
		default:
			p.skip()
		}
	})
}

// delta reads the text fields of a delta. Content arrays are left to the
// general path, and so are reasoning details when they are the only
// reasoning (beside a reasoning field they repeat it and are not read).
func (p *scanner) delta(d *decoded) {
	if p.peek() == 'n' {
		p.skip()
		return
	}
	var reasoningContent, reasoning string
	details := false
	p.fields(func(key string) {
		switch {
		case p.once(key, "content", seenContent):
			array := p.peek() == '['
			d.text = p.text()
			p.ok = p.ok && !array
		case p.once(key, "reasoning_content", seenReasoningContent):
			reasoningContent = p.text()
		case p.once(key, "reasoning", seenReasoning):
			reasoning = p.text()
		case p.once(key, "reasoning_details", seenReasoningDetails):
			v := p.skip()
			details = v != "null" && v != "[]"
		default:
			p.skip()
		}
	})
	d.reasoning = joinReasoning(reasoningContent, reasoning, "")
	p.ok = p.ok && (d.reasoning != "" || !details)
}

// text reads a value as textField does.
func (p *scanner) text() string {
	var t textField
	if err := t.UnmarshalJSON(p.raw()); err != nil {
		p.ok = false
	}
	return string(t)
}

// finish accepts null or a plain string other than "error", which the
// general path turns into an error.
func (p *scanner) finish(d *decoded) {
	v := p.skip()
	switch {
	case v == "null":
	case len(v) >= 2 && v[0] == '"' && !strings.Contains(v, `\`) && v != `"error"`:
		d.finished = true
	default:
		p.ok = false
	}
}
