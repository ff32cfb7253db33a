package session

import "strings"

// chunkSize is the size of the blocks a chunkedText fills, one after the
// other. A block is allocated whole once the text has outgrown a first
// one, so that is the most it leaves unused.
const chunkSize = 64 << 10

// chunkedText is text appended in pieces, as a reply streams. It is held
// in blocks of chunkSize bytes, never one buffer that grows by copying
// itself: a strings.Builder briefly holds a long reply twice each time it
// doubles. Short text stays in one small buffer.
type chunkedText struct {
	full [][]byte // blocks filled to chunkSize
	tail []byte   // the block being filled
	n    int
}

// WriteString appends s.
func (c *chunkedText) WriteString(s string) {
	c.n += len(s)
	for s != "" {
		if len(c.tail) == chunkSize {
			c.full = append(c.full, c.tail)
			c.tail = make([]byte, 0, chunkSize)
		}
		k := min(len(s), chunkSize-len(c.tail))
		c.tail = append(c.tail, s[:k]...) // the first block grows; it is small
		s = s[k:]
	}
}

// Len returns the length of the text.
func (c *chunkedText) Len() int { return c.n }

// String returns the text.
func (c *chunkedText) String() string {
	var b strings.Builder
	b.Grow(c.n)
	for _, block := range c.full {
		b.Write(block)
	}
	b.Write(c.tail)
	return b.String()
}
