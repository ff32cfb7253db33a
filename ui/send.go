package ui

import (
	"context"
	"strings"

	tea "charm.land/bubbletea/v2"

	"github.com/lockchat/lockchat/client"
	"github.com/lockchat/lockchat/client/sanitize"
	"github.com/lockchat/lockchat/session"
)

const (
	roleUser      = client.RoleUser
	roleAssistant = client.RoleAssistant
)

func sanitizeLine(s string) string { return sanitize.Line(s) }

// send turns the input into a user message and starts the reply.
func (m *Model) send() tea.Cmd {
	typed := m.input.Value()
	text := m.expandPastes(typed)
	if strings.TrimSpace(text) == "" {
		return nil
	}
	if m.stream.active {
		m.footer.push(m.keys.stillStreaming(m.editing != nil), true)
		return nil
	}
	m.branchFromEdit()
	given := len(m.attach.pending)
	files, read, ok := m.takeAttachments(text)
	if !ok {
		return read // it sends again once the files are read
	}
	if err := m.fits(text, files); err != nil {
		m.attach.pending = files[:given] // kept, like the text, for the next Enter
		m.footer.push(err.Error(), true)
		return nil
	}
	title := m.titleOf(typed)
	m.input.Reset()
	m.pastes = pastes{}
	m.restoreUnsent() // what was typed before an edit comes back
	m.layout()
	m.ensureRenderer()
	now := m.opts.Now()
	if !m.convSaved {
		m.conv.Created, m.conv.Updated = now, now
		conv := m.conv
		m.queue(func(j Journal) session.Notice { return j.CreateConversation(conv) })
		m.convSaved = true
	}
	user := &entry{id: session.NewID(), parent: m.tr.lastID(), role: roleUser, created: now, status: session.StatusComplete, folded: true}
	user.appendText(text)
	user.attachments = files
	m.addEntry(user)
	if m.conv.Title == "" {
		m.conv.Title = title
	}
	reply := &entry{id: session.NewID(), parent: user.id, role: roleAssistant, model: m.model, created: now, status: session.StatusStreaming}
	reply.streaming(m.renderer)
	m.addEntry(reply)
	return tea.Batch(m.startReply(reply), m.persist())
}

// addEntry renders, shows and saves a new message.
func (m *Model) addEntry(e *entry) {
	m.tree.add(e)
	e.branch = m.tree.branchMark(e)
	e.render(m.renderCtx())
	m.tr.follow = true
	m.tr.append(e)
	msg := session.Message{
		ID: e.id, ConversationID: m.conv.ID, ParentID: e.parent, Role: e.role,
		Content: e.text.String(), Model: e.model, Created: e.created, Status: e.status,
		Attachments: e.attachments,
	}
	m.queue(func(j Journal) session.Notice { return j.AddMessage(msg) })
}

// startReply starts streaming into reply with a fresh stream id.
func (m *Model) startReply(reply *entry) tea.Cmd {
	m.stream.id++
	ctx, cancel := context.WithCancel(context.Background())
	m.stream.active, m.stream.cancel, m.stream.entry, m.stream.reader = true, cancel, reply, nil
	m.stream.retryUntil, m.stream.usage = timeZero, client.Usage{}
	m.stream.renderCost, m.stream.nextRender = 0, timeZero
	m.stream.pending, m.stream.pendingReasoning, m.stream.started = "", "", m.opts.Now()
	req := client.Request{Model: m.model, Messages: m.history(reply), Temperature: m.opts.Temperature, MaxTokens: m.opts.MaxTokens}
	if sent, err := m.fitted(reply); err == nil {
		req.Messages = sent.Messages
	}
	req.Messages = m.withoutRefusedImages(req.Messages)
	return tea.Batch(startStream(m.opts.Client, ctx, m.stream.id, req), m.elapsedTick(m.stream.id))
}

// history is the conversation sent with a request: the branch on screen
// up to (not including) the reply being written, as session.History
// shapes it, before it is fitted to the context window.
func (m *Model) history(upTo *entry) []client.Message {
	return session.History(m.conv.SystemPrompt, m.path(upTo))
}

// fits says whether text, sent as the next prompt, fits the context
// window with the system prompt: a *session.TooLongError when it does
// not, and then nothing is sent.
func (m *Model) fits(text string, files []session.Attachment) error {
	path := append(m.path(nil), session.Message{Role: roleUser, Content: text, Attachments: files})
	_, err := session.HistoryWithin(m.conv.SystemPrompt, path, m.requestBudget(), countTokens)
	return err
}

// flushPending queues the reasoning and the answer received since the
// last write.
func (m *Model) flushPending() {
	st := &m.stream
	if st.entry == nil {
		return
	}
	id := st.entry.id
	if text := st.pendingReasoning; text != "" {
		m.queue(func(j Journal) session.Notice { return j.AppendReasoning(id, text) })
	}
	if text := st.pending; text != "" {
		m.queue(func(j Journal) session.Notice { return j.AppendDelta(id, text) })
	}
	st.pending, st.pendingReasoning = "", ""
}

// finishStream records how the reply ended, shows it and saves it.
func (m *Model) finishStream(err error) tea.Cmd {
	e := m.stream.entry
	if ce, ok := client.AsError(err); ok && e.text.Len() == 0 {
		if m.stream.cancel != nil {
			m.stream.cancel()
		}
		if cmd, retried := m.retryShorter(e, ce); retried {
			return cmd
		}
	}
	m.budget.retried = false
	end := session.Outcome(err)
	e.status, e.errText = end.Status, end.ErrorText
	if ce, ok := client.AsError(err); ok && e.status == session.StatusError {
		if why, refused := m.refusedImages(ce); refused {
			e.errText += " " + why
		}
	}
	if ce, ok := client.AsError(err); ok && m.opts.ErrorHint != nil && e.status == session.StatusError {
		if hint := m.opts.ErrorHint(ce); hint != "" {
			e.errText += " " + sanitize.Line(hint)
		}
	}
	return m.endReply(e)
}

// endReply closes the reply in the transcript and the store.
func (m *Model) endReply(e *entry) tea.Cmd {
	m.stream.active, m.stream.retryUntil = false, timeZero
	if m.stream.cancel != nil {
		m.stream.cancel()
	}
	u := m.stream.usage
	e.meter.usage, e.promptTokens = u.CompletionTokens, u.PromptTokens
	if m.streamShown() {
		m.redraw((*entry).finish)
	} else {
		e.finish(m.renderCtx()) // on a branch not shown: its stream ends all the same
	}
	m.flushPending()
	if e.text.Len()+e.think.text.Len() > freshRendererAfter {
		m.freshRenderer()
	}
	id := e.id
	end := session.Ending{Status: e.status, ErrorText: e.errText, Reasoning: e.think.duration(),
		Usage: session.Usage{PromptTokens: u.PromptTokens, CompletionTokens: u.CompletionTokens}}
	m.queue(func(j Journal) session.Notice { return j.FinishMessage(id, end) })
	m.stream.entry, m.stream.reader = nil, nil
	return m.persist()
}

// stop ends the streaming reply at once; its text stays, marked stopped.
func (m *Model) stop() tea.Cmd {
	if !m.stream.active {
		return nil
	}
	e := m.stream.entry
	m.stream.id++ // late chunks of the stopped stream are dropped
	e.status = session.StatusStopped
	return m.endReply(e)
}

// stopOrQuit stops a streaming reply, or quits once the store is flushed.
func (m *Model) stopOrQuit() tea.Cmd {
	if m.stream.active {
		return m.stop()
	}
	m.quitting = true
	return m.quitWhenSaved()
}
