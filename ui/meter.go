package ui

import (
	"fmt"
	"time"
)

// meter counts a reply's tokens and times them, for its label.
type meter struct {
	// counted is the number of text and reasoning chunks received: about
	// one token each, the only count when the server sends no usage.
	counted int
	// usage is the completion tokens the server counted; 0 when unknown.
	usage int
	// first and last are when the first and the last chunk arrived.
	first, last time.Time
}

// minSpeedSpan is the least time over which a speed is worth showing.
const minSpeedSpan = 250 * time.Millisecond

// tick records n chunks received at time at.
func (mt *meter) tick(n int, at time.Time) {
	if n == 0 {
		return
	}
	if mt.first.IsZero() {
		mt.first = at
	}
	mt.last = at
	mt.counted += n
}

// String is the label's figures, " · 512 tokens · 48 tok/s", marked "≈"
// when counted rather than reported; "" when nothing is known.
func (mt meter) String() string {
	n, approx := mt.usage, ""
	if n == 0 {
		n, approx = mt.counted, "≈"
	}
	if n == 0 {
		return ""
	}
	s := " · " + approx + plural(n, "token")
	if span := mt.last.Sub(mt.first); span >= minSpeedSpan {
		s += fmt.Sprintf(" · %s%.0f tok/s", approx, float64(n)/span.Seconds())
	}
	return s
}
