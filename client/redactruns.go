package client

import (
	"strings"
	"unicode/utf8"
)

// runIndex holds every minRun-byte piece of a set of secrets, so that a
// text is searched for all of them in one pass of one lookup per byte.
// A piece is packed into the low bytes of a uint64; a small bit filter in
// front of the map answers "no" for almost every piece of ordinary text
// without touching the map.
type runIndex struct {
	pieces map[uint64]struct{}
	filter [1 << (filterBits - 6)]uint64
}

// filterBits sizes the filter: 2^15 bits (4 KiB) keep it sparse for
// secrets of thousands of characters.
const filterBits = 15

// pieceMask keeps the last minRun bytes of a rolling piece.
const pieceMask = 1<<(8*minRun) - 1

// add indexes every piece of s.
func (x *runIndex) add(s string) {
	if x.pieces == nil {
		x.pieces = map[uint64]struct{}{}
	}
	var k uint64
	for i := 0; i < len(s); i++ {
		k = (k<<8 | uint64(s[i])) & pieceMask
		if i >= minRun-1 {
			x.pieces[k] = struct{}{}
			h := filterSlot(k)
			x.filter[h>>6] |= 1 << (h & 63)
		}
	}
}

// filterSlot spreads a piece over the filter (Fibonacci hashing).
func filterSlot(k uint64) uint64 {
	return (k * 0x9e3779b97f4a7c15) >> (64 - filterBits)
}

// has reports whether k is a piece of a secret.
func (x *runIndex) has(k uint64) bool {
	h := filterSlot(k)
	if x.filter[h>>6]&(1<<(h&63)) == 0 {
		return false
	}
	_, ok := x.pieces[k]
	return ok
}

// redact replaces each stretch of s made of overlapping secret pieces by
// "[redacted]". A stretch is widened to whole characters so that what is
// left stays valid UTF-8.
func (x *runIndex) redact(s string) string {
	if len(x.pieces) == 0 || len(s) < minRun {
		return s
	}
	var b strings.Builder
	done, start, end := 0, -1, -1 // s[:done] is written; s[start:end] is the open stretch
	flush := func() {
		for start > 0 && !utf8.RuneStart(s[start]) {
			start--
		}
		for end < len(s) && !utf8.RuneStart(s[end]) {
			end++
		}
		if b.Len() == 0 {
			b.Grow(len(s))
		}
		b.WriteString(s[done:max(done, start)])
		b.WriteString("[redacted]")
		done = max(done, end)
	}
	var k uint64
	for i := 0; i < len(s); i++ {
		k = (k<<8 | uint64(s[i])) & pieceMask
		if i < minRun-1 || !x.has(k) {
			continue
		}
		if first := i + 1 - minRun; first > end || start < 0 {
			if start >= 0 {
				flush()
			}
			start = first
		}
		end = i + 1
	}
	if start < 0 {
		return s
	}
	flush()
	b.WriteString(s[done:])
	return b.String()
}
