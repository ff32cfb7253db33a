package session

import (
	"strconv"
	"strings"
)

// A streaming reply has up to three parts in a delta log, each logged
// under its own record ID so that the record format stays the same: the
// answer under the message ID, the reasoning under "<id>:r", and under
// "<id>:m" how many bytes of the answer turned out to be reasoning (a
// model that closes a </think> it never opened). Message IDs hold no
// colon, so the parts never collide with another message.
type part byte

const (
	partAnswer part = iota
	partReasoning
	partMoved
)

var partSuffixes = [...]string{partAnswer: "", partReasoning: ":r", partMoved: ":m"}

// logID is the record ID of one part of a reply.
func logID(msgID string, p part) string { return msgID + partSuffixes[p] }

// replyOf is the message a record ID belongs to.
func replyOf(id string) string {
	msgID, _, _ := strings.Cut(id, ":")
	return msgID
}

// replyLog is what a delta log holds for one reply.
type replyLog struct {
	answer, reasoning string
	// moved is how many bytes at the start of the answer are reasoning.
	moved int
}

// replyFrom gathers a reply's parts; text returns a record ID's text.
func replyFrom(text func(id string) string, msgID string) replyLog {
	r := replyLog{answer: text(logID(msgID, partAnswer)), reasoning: text(logID(msgID, partReasoning))}
	// Each move record is "<bytes>;"; the last one counts.
	moves := strings.Split(strings.TrimSuffix(text(logID(msgID, partMoved)), ";"), ";")
	if n, err := strconv.Atoi(moves[len(moves)-1]); err == nil && n > 0 {
		r.moved = n
	}
	return r
}

// fold adds the logged parts to what the message row already holds. Text
// moved out of the answer goes before the logged reasoning: a reply is
// reclassified only while no reasoning came in a field of its own, so the
// reasoning logged after it came later.
func (r replyLog) fold(content, reasoning string) (string, string) {
	content += r.answer
	if n := min(r.moved, len(content)); n > 0 {
		reasoning += content[:n]
		content = content[n:]
	}
	return content, reasoning + r.reasoning
}
