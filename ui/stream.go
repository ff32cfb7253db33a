package ui

import (
	"context"
	"fmt"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/lockchat/lockchat/client"
	"github.com/lockchat/lockchat/session"
)

// This file holds the stream of the reply being written: each message it
// sends to Update, the command that sends it and the handler that applies
// it, side by side. Handlers return what they changed on screen.

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

// ReadInterval is how often the chat reads a streaming reply from the
// network (client.Options.ReadInterval): half a frame, so each read brings
// the tokens of half a frame and the reply on screen is at most a frame old.
const ReadInterval = frameInterval / 2

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
	// pending and pendingReasoning are the answer and the reasoning
	// received since the last store write.
	pending, pendingReasoning string
}

// redraw re-renders the reply being written with render (its tail, its
// status lines or its end) and lays the transcript's end out again: the
// one way the reply's lines change. The reply is the last entry when it
// is shown; on a branch not shown, nothing is drawn (its text still
// grows), and showBranch renders it whole when its branch is shown again.
func (m *Model) redraw(render func(*entry, renderCtx)) change {
	e := m.stream.entry
	if e == nil || !m.streamShown() {
		return unchanged
	}
	render(e, m.renderCtx())
	m.tr.relayoutLast()
	return screenChanged
}

// streamShown reports whether the reply being written is on the branch
// shown. Nothing is under a reply being written, so shown, it is the last
// entry: O(1) at any length.
func (m *Model) streamShown() bool {
	return m.stream.entry != nil && m.tr.last() == m.stream.entry
}

// streamStartedMsg hands the running stream to Update.
type streamStartedMsg struct {
	id     int
	stream *client.Stream
}

// startStream sends the request in a command.
func startStream(c Chatter, ctx context.Context, id int, req client.Request) tea.Cmd {
	return func() tea.Msg {
		return streamStartedMsg{id: id, stream: c.Stream(ctx, req)}
	}
}

// handleStarted keeps the new stream and begins waiting for its chunks.
func (m *Model) handleStarted(msg streamStartedMsg) (tea.Cmd, change) {
	if msg.id != m.stream.id {
		return nil, unchanged // replaced before it started; its context is already cancelled
	}
	m.stream.reader = msg.stream
	return waitChunk(msg.id, msg.stream), unchanged
}

// chunkMsg is everything a stream delivered since the last one: answer
// and reasoning text, retries, usage, and whether it ended (then err tells
// how). A reclassify ends a message, so that all the answer text before it
// is in the message or already applied.
type chunkMsg struct {
	id        int
	text      string
	reasoning string
	// reclassify says the answer so far was reasoning (EventReclassify).
	reclassify bool
	// chunks is how many text and reasoning events came, for the meter.
	chunks int
	retry  *client.RetryInfo
	usage  *client.Usage
	// usageRefused says the server refused to report usage (EventUsageRefused).
	usageRefused bool
	ended        bool
	err          error
}

// waitChunk blocks for the stream's next event, then takes every event
// already buffered behind it, and returns them all as one message. With
// the client reading once per ReadInterval, the events of one read arrive
// together, so Update and View run once per read, not once per token.
func waitChunk(id int, st *client.Stream) tea.Cmd {
	return func() tea.Msg {
		msg := chunkMsg{id: id}
		var text, reasoning strings.Builder
		b := builders{&text, &reasoning}
		ev, ok := <-st.Events()
		if ok && msg.add(ev, b) {
			ok = drain(st, &msg, b)
		}
		msg.text, msg.reasoning = text.String(), reasoning.String()
		if !ok {
			msg.ended, msg.err = true, st.Err()
		}
		return msg
	}
}

// builders collect a message's answer and reasoning text.
type builders struct{ text, reasoning *strings.Builder }

// drain adds every event already buffered to msg, without waiting. It
// stops early at a retry (shown at once) or a reclassify, and returns
// false when the stream has ended.
func drain(st *client.Stream, msg *chunkMsg, b builders) bool {
	for {
		select {
		case ev, ok := <-st.Events():
			if !ok {
				return false
			}
			if !msg.add(ev, b) {
				return true
			}
		default:
			return true
		}
	}
}

// add merges one event; it reports whether more may be merged after it.
func (msg *chunkMsg) add(ev client.Event, b builders) bool {
	switch ev.Kind {
	case client.EventText:
		b.text.WriteString(ev.Text)
		msg.chunks++
	case client.EventReasoning:
		b.reasoning.WriteString(ev.Text)
		msg.chunks++
	case client.EventReclassify:
		msg.reclassify = true
		return false
	case client.EventRetry:
		r := ev.Retry
		msg.retry = &r
		return false
	case client.EventUsage:
		u := ev.Usage
		msg.usage = &u
	case client.EventUsageRefused:
		msg.usageRefused = true
	}
	return true
}

// handleChunk applies what a stream delivered. Text and reasoning are
// appended to the reply and shown at the next frame; a retry is shown at
// once. Chunks of a stopped or replaced stream do nothing.
func (m *Model) handleChunk(msg chunkMsg) (tea.Cmd, change) {
	if msg.id != m.stream.id || !m.stream.active {
		return nil, unchanged
	}
	ch := unchanged
	var cmds []tea.Cmd
	if msg.text != "" || msg.reasoning != "" || msg.reclassify {
		ch = m.takeText(msg)
		cmds = append(cmds, m.frame(frameInterval))
	}
	if msg.retry != nil {
		m.stream.retry = *msg.retry
		m.stream.retryUntil = m.opts.Now().Add(msg.retry.Delay)
		ch = m.redraw((*entry).restatus)
		cmds = append(cmds, m.retryTick(msg.id))
	}
	if msg.usage != nil {
		m.stream.usage = *msg.usage
	}
	if msg.usageRefused {
		m.rememberNoUsage()
	}
	switch {
	case msg.ended:
		return tea.Batch(append(cmds, m.finishStream(msg.err))...), screenChanged
	case m.tooLong():
		return tea.Batch(append(cmds, m.cutOff())...), screenChanged
	}
	return tea.Batch(append(cmds, waitChunk(msg.id, m.stream.reader))...), ch
}

// takeText gives the reply a message's reasoning and answer, and moves the
// answer to the reasoning when the message says so. What the store has
// not been told yet waits in pending and pendingReasoning for the frame.
// Text ends a pending retry's countdown: the retried request is answering.
func (m *Model) takeText(msg chunkMsg) change {
	ch := unchanged
	if !m.stream.retryUntil.IsZero() {
		m.stream.retryUntil = timeZero
		ch = m.redraw((*entry).restatus)
	}
	e, st, now := m.stream.entry, &m.stream, m.opts.Now()
	e.meter.tick(msg.chunks, now)
	e.appendReasoning(msg.reasoning, now)
	st.pendingReasoning += msg.reasoning
	e.appendText(msg.text)
	st.pending += msg.text
	if msg.reclassify {
		m.flushPending() // the store moves bytes it has been given
		id, n := e.id, e.reclassify(now)
		m.queue(func(j Journal) session.Notice { return j.Reclassify(id, n) })
	}
	return ch
}

// tooLong reports whether the reply has passed Options.MaxReplyBytes.
func (m *Model) tooLong() bool {
	e, limit := m.stream.entry, m.opts.MaxReplyBytes
	return limit > 0 && e.text.Len()+e.think.text.Len() > limit
}

// cutOff stops a reply that passed the bound: what arrived is kept, and a
// sentence says why it ends there.
func (m *Model) cutOff() tea.Cmd {
	e := m.stream.entry
	m.stream.id++ // what the stream still sends is dropped
	e.status = session.StatusTruncated
	e.errText = fmt.Sprintf("The reply passed %s (max_reply_bytes), so lockchat stopped it there; the text received is kept.",
		byteSize(m.opts.MaxReplyBytes))
	return m.endReply(e)
}

// byteSize spells a size in the unit that divides it: "16 MiB", "512 KiB".
func byteSize(n int) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return plural(n, "byte")
}

// rememberNoUsage records that the server refused to report usage, so the
// next runs ask it without the option.
func (m *Model) rememberNoUsage() {
	if m.opts.Client == nil {
		return
	}
	base := client.StoredBaseURL(m.opts.Client.Provider())
	m.queue(func(j Journal) session.Notice {
		return j.SetProviderPrefs(base, session.ProviderPrefs{NoStreamUsage: true})
	})
}

// frameMsg asks for the pending render.
type frameMsg struct{}

// frame schedules a frame after d unless one is already due.
func (m *Model) frame(d time.Duration) tea.Cmd {
	if m.frameScheduled {
		return nil
	}
	m.frameScheduled = true
	return m.opts.After(max(d, time.Millisecond), frameMsg{})
}

// handleFrame saves the text that arrived since the last frame and
// renders the reply's tail, unless the markdown budget says to wait (then
// the next frame renders it): at most one render and one write per frame.
func (m *Model) handleFrame() (tea.Cmd, change) {
	m.frameScheduled = false
	e := m.stream.entry
	if !m.stream.active || e == nil {
		return nil, unchanged
	}
	var next tea.Cmd
	ch := unchanged
	if e.dirty && m.streamShown() {
		if now := m.opts.Now(); now.Before(m.stream.nextRender) {
			next = m.frame(frameInterval)
		} else {
			ch = m.renderTimed(now)
		}
	}
	m.flushPending()
	return tea.Batch(next, m.persist()), ch
}

// renderTimed renders the reply's tail and schedules the next render
// within the markdown CPU budget.
func (m *Model) renderTimed(start time.Time) change {
	ch := m.redraw((*entry).renderTail)
	end := m.opts.Now()
	st := &m.stream
	st.renderCost = (3*st.renderCost + end.Sub(start)) / 4
	gap := min(max(st.renderCost*renderBudgetFactor, m.opts.MinRenderGap), maxRenderGap)
	st.nextRender = end.Add(gap - frameInterval/2) // frames tick every frameInterval
	return ch
}

// retryTickMsg refreshes the retry countdown once a second.
type retryTickMsg struct{ id int }

func (m *Model) retryTick(id int) tea.Cmd {
	return m.opts.After(time.Second, retryTickMsg{id: id})
}

// handleRetryTick redraws the countdown while a retry is pending.
func (m *Model) handleRetryTick(msg retryTickMsg) (tea.Cmd, change) {
	if msg.id != m.stream.id || m.stream.retryUntil.IsZero() {
		return nil, unchanged
	}
	ch := m.redraw((*entry).restatus)
	if m.opts.Now().After(m.stream.retryUntil) {
		return nil, ch
	}
	return m.retryTick(msg.id), ch
}

// retryLine is the countdown of a pending retry, or "" when none is.
func (m *Model) retryLine() string {
	if m.stream.retryUntil.IsZero() {
		return ""
	}
	return m.retryText()
}

// retryText describes the pending retry with its countdown.
func (m *Model) retryText() string {
	r := m.stream.retry
	left := max(m.stream.retryUntil.Sub(m.opts.Now()).Round(time.Second), 0)
	return fmt.Sprintf("↻ %s Retrying in %s (attempt %d of %d).", sanitizeLine(r.Reason), left, r.Attempt, r.MaxAttempts)
}

// elapsedTickMsg refreshes the footer's clock of the reply being written.
type elapsedTickMsg struct{ id int }

// elapsedTick ticks once a second for stream id.
func (m *Model) elapsedTick(id int) tea.Cmd {
	return m.opts.After(time.Second, elapsedTickMsg{id: id})
}

// handleElapsedTick redraws the footer while the stream it was for runs.
func (m *Model) handleElapsedTick(msg elapsedTickMsg) (tea.Cmd, change) {
	if msg.id != m.stream.id || !m.stream.active {
		return nil, unchanged
	}
	return m.elapsedTick(msg.id), screenChanged
}

// elapsedText is how long the reply has taken so far: "7 s", "2 min 05 s".
func (m *Model) elapsedText() string {
	return clockText(m.opts.Now().Sub(m.stream.started))
}
