package ui

import (
	"context"
	"fmt"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/lockchat/lockchat/client"
)

// frameInterval paces the stream's work: tokens are coalesced, saved once
// per frame, and the reply's markdown is rendered at most once per frame.
const frameInterval = 33 * time.Millisecond

// Markdown rendering gets a CPU budget: after a render that cost c, the
// next one waits c*renderBudgetFactor (1.25% of a core), but at least
// minRenderGap and at most maxRenderGap. Every render redraws the
// terminal too, which costs about as much as a cheap tail render, so the
// reply redraws at most 10 times a second (15 cost 11% more CPU end to end
// at 200 tokens/s); a long code block being highlighted, at five.
const (
	renderBudgetFactor = 80
	minRenderGap       = 3 * frameInterval
	maxRenderGap       = 200 * time.Millisecond
)

// timeZero is "no time set" for the stream's deadlines.
var timeZero time.Time

// streamState is the reply being written, if any.
type streamState struct {
	id     int // increases with every request; chunks of other ids are stale
	active bool
	cancel context.CancelFunc
	// reader is the running stream, handed over by streamStartedMsg; nil
	// until it has started.
	reader *client.Stream
	entry  *entry
	retry  client.RetryInfo
	// retryUntil is when the announced retry starts (zero: none pending).
	retryUntil time.Time
	usage      client.Usage
	// renderCost is a moving average of the tail render's cost, and
	// nextRender the earliest time of the next render (see renderBudgetFactor).
	renderCost time.Duration
	nextRender time.Time
	// started is when the request was sent, for the footer's clock.
	started time.Time
	// pending is the text received since the last store write.
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
	id    int
	text  string
	retry *client.RetryInfo
	usage *client.Usage
	ended bool
	err   error
}

// frameMsg asks for the pending render.
type frameMsg struct{}

// startStream sends the request in a command.
func startStream(c Chatter, ctx context.Context, id int, req client.Request) tea.Cmd {
	return func() tea.Msg {
		return streamStartedMsg{id: id, stream: c.Stream(ctx, req)}
	}
}

// ReadInterval is how often the chat reads a streaming reply from the
// network (client.Options.ReadInterval): half a frame, so each read brings
// the tokens of half a frame and the reply on screen is at most a frame old.
const ReadInterval = frameInterval / 2

// waitChunk blocks for the stream's next event, then takes every event
// already buffered behind it, and returns them all as one message. With
// the client reading once per ReadInterval, the events of one read arrive
// together, so Update and View run once per read, not once per token.
func waitChunk(id int, st *client.Stream) tea.Cmd {
	return func() tea.Msg {
		msg := chunkMsg{id: id}
		var text strings.Builder
		ev, ok := <-st.Events()
		if ok && msg.add(ev, &text) {
			ok = drain(st, &msg, &text)
		}
		msg.text = text.String()
		if !ok {
			msg.ended, msg.err = true, st.Err()
		}
		return msg
	}
}

// drain adds every event already buffered to msg, without waiting. It
// stops early at a retry (shown at once) and returns false when the
// stream has ended.
func drain(st *client.Stream, msg *chunkMsg, text *strings.Builder) bool {
	for {
		select {
		case ev, ok := <-st.Events():
			if !ok {
				return false
			}
			if !msg.add(ev, text) {
				return true
			}
		default:
			return true
		}
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

// frame schedules a frame after d unless one is already due.
func (m *Model) frame(d time.Duration) tea.Cmd {
	if m.frameScheduled {
		return nil
	}
	m.frameScheduled = true
	return m.opts.After(max(d, time.Millisecond), frameMsg{})
}

// elapsedTickMsg refreshes the footer's clock of the reply being written.
type elapsedTickMsg struct{ id int }

// elapsedTick ticks once a second for stream id.
func (m *Model) elapsedTick(id int) tea.Cmd {
	return m.opts.After(time.Second, elapsedTickMsg{id: id})
}

// handleElapsedTick redraws the footer while the stream it was for runs.
func (m *Model) handleElapsedTick(msg elapsedTickMsg) tea.Cmd {
	if msg.id != m.stream.id || !m.stream.active {
		return nil
	}
	m.cache.screenValid = false
	return m.elapsedTick(msg.id)
}

// elapsedText is how long the reply has taken so far: "7 s", "2 min 05 s".
func (m *Model) elapsedText() string {
	d := max(m.opts.Now().Sub(m.stream.started), 0).Truncate(time.Second)
	if d < time.Minute {
		return fmt.Sprintf("%d s", int(d.Seconds()))
	}
	return fmt.Sprintf("%d min %02d s", int(d.Minutes()), int(d.Seconds())%60)
}
