package oneshot

import (
	"fmt"
	"unicode/utf8"
)

// replyLimit counts a reply's bytes against max_reply_bytes.
type replyLimit struct {
	max, seen int
}

// take returns the part of text that fits under the limit, cut at a
// character boundary, and whether the limit was reached: then the reply
// stops and text past it is neither printed nor saved. A max of zero or
// less means no limit.
func (l *replyLimit) take(text string) (string, bool) {
	if l.max <= 0 || l.seen+len(text) <= l.max {
		l.seen += len(text)
		return text, false
	}
	n := l.max - l.seen
	for n > 0 && !utf8.RuneStart(text[n]) {
		n--
	}
	l.seen += n
	return text[:n], true
}

// tooLongError ends a reply that reached max_reply_bytes.
type tooLongError struct{ max int }

func (e tooLongError) Error() string {
	return fmt.Sprintf("the reply reached max_reply_bytes (%s) and was stopped; the text up to it is kept", byteSize(e.max))
}

// byteSize says n in the unit it was most likely written in.
func byteSize(n int) string {
	switch {
	case n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n%(1<<10) == 0:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}
