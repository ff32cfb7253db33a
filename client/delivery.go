package client

import (
	"context"
	"strings"
)

// streamState tracks one reply while its events are read.
type streamState struct {
	// text is the answer text delivered, less what a reclassify moved to
	// the reasoning: what an error's Partial holds. With noPartial it is
	// held only while a reclassify may still need it.
	text strings.Builder
	// answered counts the bytes of text, held or not.
	answered  int
	noPartial bool // Options.NoPartial
	think     thinkSplitter
	delivered bool // some text or reasoning reached the caller
	finished  bool
	done      bool
	events    int
}

// deliver sends a chunk's reasoning, then its text through the <think>
// splitter. It reports false when the caller has gone away.
func (st *streamState) deliver(ctx context.Context, s *Stream, d decoded) bool {
	if d.reasoning != "" {
		st.think.fieldReasoning()
		if !st.emit(ctx, s, piece{kind: EventReasoning, text: d.reasoning}) {
			return false
		}
	}
	return d.text == "" || st.emitAll(ctx, s, st.think.feed(d.text))
}

// flush sends what the splitter still holds, at the end of the reply.
func (st *streamState) flush(ctx context.Context, s *Stream) bool {
	return st.emitAll(ctx, s, st.think.flush())
}

func (st *streamState) emitAll(ctx context.Context, s *Stream, ps []piece) bool {
	for _, p := range ps {
		if !st.emit(ctx, s, p) {
			return false
		}
	}
	return true
}

// emit sends one piece, keeping text in step with what the caller holds
// as the answer.
func (st *streamState) emit(ctx context.Context, s *Stream, p piece) bool {
	ev := Event{Kind: p.kind, Text: p.text}
	switch p.kind {
	case EventText:
		st.answered += len(p.text)
		st.keep(p.text)
	case EventReclassify:
		ev.Text = st.text.String()
		st.text.Reset()
		st.answered = 0
	}
	st.delivered = true
	return s.send(ctx, ev)
}

// keep adds answer text to text, unless the caller keeps it itself
// (noPartial) and no reclassify can come any more: then text is let go,
// so that a long reply is not held here a second time.
func (st *streamState) keep(text string) {
	switch {
	case !st.noPartial || st.think.mayReclassify():
		st.text.WriteString(text)
	case st.text.Cap() > 0:
		st.text.Reset()
	}
}
