package ui

import (
	"context"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/lockchat/lockchat/client"
)

// frameInterval paces rendering: tokens are coalesced and the reply's
// markdown is rendered at most once per frame.
const frameInterval = 33 * time.Millisecond

// streamState is the reply being written, if any.
type streamState struct {
	id     int // increases with every request; chunks of other ids are stale
	active bool
	cancel context.CancelFunc
	entry  *entry
	retry  client.RetryInfo
	// retryUntil is when the announced retry starts (zero: none pending).
	retryUntil time.Time
	usage      client.Usage
	// pending is the text received since the last store write. A string,
	// not a Builder: the model is copied by value on every Update.
	pending string
}

// streamStartedMsg hands the running stream to Update.
type streamStartedMsg struct {
	id     int
	stream *client.Stream
}

// chunkMsg is everything a stream delivered since the last one: text,
// retries, usage, and whether it ended (then err tells how).
type chunkMsg struct {
	id     int
	text   string
	retry  *client.RetryInfo
	usage  *client.Usage
	ended  bool
	err    error
	stream *client.Stream
}

// frameMsg asks for the pending render.
type frameMsg struct{}

// startStream sends the request in a command.
func startStream(c Chatter, ctx context.Context, id int, req client.Request) tea.Cmd {
	return func() tea.Msg {
		return streamStartedMsg{id: id, stream: c.Stream(ctx, req)}
	}
}

// waitChunk blocks for the stream's next event, then drains whatever else
// is already buffered, and returns it all as one message: work per frame,
// not per token.
func waitChunk(id int, st *client.Stream) tea.Cmd {
	return func() tea.Msg {
		msg := chunkMsg{id: id, stream: st}
		var text strings.Builder
		ev, ok := <-st.Events()
		for ok {
			if !msg.add(ev, &text) {
				break // a retry is shown at once, not merged with later text
			}
			select {
			case ev, ok = <-st.Events():
				continue
			default:
			}
			break
		}
		msg.text = text.String()
		if !ok {
			msg.ended, msg.err = true, st.Err()
		}
		return msg
	}
}

// add merges one event; it reports whether more may be merged after it.
func (msg *chunkMsg) add(ev client.Event, text *strings.Builder) bool {
	switch ev.Kind {
	case client.EventText:
		text.WriteString(ev.Text)
	case client.EventRetry:
		r := ev.Retry
		msg.retry = &r
		return false
	case client.EventUsage:
		u := ev.Usage
		msg.usage = &u
	}
	return true
}

// frame schedules the next render unless one is already due.
func (m *Model) frame() tea.Cmd {
	if m.frameScheduled {
		return nil
	}
	m.frameScheduled = true
	return tea.Tick(frameInterval, func(time.Time) tea.Msg { return frameMsg{} })
}
