package ui

import (
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strings"

	tea "charm.land/bubbletea/v2"

	"github.com/lockchat/lockchat/client"
	"github.com/lockchat/lockchat/session"
)

// newConversation returns an unsaved conversation for the current provider.
func (m *Model) newConversation() session.Conversation {
	c := session.Conversation{ID: session.NewID(), SystemPrompt: m.opts.System}
	if m.opts.Client != nil {
		p := m.opts.Client.Provider()
		c.ProviderName, c.Provider = p.Name, client.StoredBaseURL(p)
	}
	return c
}

// loadedMsg carries a conversation read from the store.
type loadedMsg struct {
	conv  session.Conversation
	msgs  []session.Message
	err   error
	empty bool // -c with nothing saved yet
}

// loadConversation reads a conversation in a command: the newest one
// (last) or the one with the given ID or unique prefix.
func loadConversation(r Reader, id string, last bool) tea.Cmd {
	return func() tea.Msg {
		if r == nil {
			return loadedMsg{err: errors.New("no conversation store is open")}
		}
		if last {
			c, err := r.Last()
			if err != nil {
				return loadedMsg{err: err, empty: errors.Is(err, session.ErrNotFound)}
			}
			id = c.ID
		} else if full, err := r.Resolve(id); err == nil {
			id = full // --resume accepts a unique prefix, as the command line does
		} else {
			return loadedMsg{err: err}
		}
		conv, msgs, err := r.Load(id)
		return loadedMsg{conv: conv, msgs: msgs, err: err}
	}
}

// handleLoaded replaces the transcript with a loaded conversation.
func (m *Model) handleLoaded(msg loadedMsg) tea.Cmd {
	if msg.empty {
		return m.footer.push("There is no saved conversation to continue yet: this is a new one.", false, m.opts.Now())
	}
	if msg.err != nil {
		return m.footer.push("Could not open the conversation: "+msg.err.Error(), true, m.opts.Now())
	}
	cmd := m.stop()
	m.tr.reset()
	m.conv, m.convSaved = msg.conv, true
	for _, sm := range session.NewTree(msg.msgs).Path(msg.conv.LeafID) {
		m.tr.append(m.entryFrom(sm))
	}
	m.layout()
	if n := len(msg.msgs); n > 0 && msg.msgs[n-1].Model != "" && !m.opts.ModelChosen {
		m.model = msg.msgs[n-1].Model
	}
	return tea.Batch(cmd, m.footer.push("Opened “"+msg.conv.Title+"”.", false, m.opts.Now()))
}

// entryFrom turns a saved message into a rendered transcript entry.
func (m *Model) entryFrom(sm session.Message) *entry {
	e := savedEntry(sm)
	if m.renderer != nil {
		e.render(m.renderCtx())
	}
	return e
}

// exportedMsg reports where a transcript was written.
type exportedMsg struct {
	path string
	err  error
}

// export writes the transcript as Markdown in a command.
func (m *Model) export() tea.Cmd {
	if len(m.tr.entries) == 0 {
		return m.footer.push("Nothing to export yet.", false, m.opts.Now())
	}
	conv, msgs := m.conv, m.snapshot()
	conv.Updated = m.opts.Now()
	conv.Models = modelsOf(msgs)
	name := fmt.Sprintf("lockchat-%s-%s.md", conv.Updated.Format("20060102-150405"), conv.ID)
	path := filepath.Join(m.opts.ExportDir, name)
	return func() tea.Msg {
		err := session.WriteFileAtomic(path, func(w io.Writer) error {
			return session.ExportMarkdown(w, conv, msgs)
		})
		return exportedMsg{path: path, err: err}
	}
}

// snapshot copies the transcript's messages for a command.
func (m *Model) snapshot() []session.Message {
	msgs := make([]session.Message, 0, len(m.tr.entries))
	for _, e := range m.tr.entries {
		msgs = append(msgs, session.Message{ID: e.id, ConversationID: m.conv.ID, ParentID: e.parent, Role: e.role,
			Content: e.text.String(), Model: e.model, Created: e.created,
			Status: e.status, ErrorText: e.errText,
			Reasoning: e.think.text.String(), ReasoningMillis: e.think.duration().Milliseconds(),
			CompletionTokens: e.meter.usage})
	}
	return msgs
}

// handleExported shows the path of the saved transcript.
func (m *Model) handleExported(msg exportedMsg) tea.Cmd {
	if msg.err != nil {
		return m.footer.push("Export failed: "+strings.TrimSpace(msg.err.Error()), true, m.opts.Now())
	}
	return m.footer.push("Saved the transcript to "+msg.path, false, m.opts.Now())
}

// modelsOf lists the models that wrote the messages, in order of first use.
func modelsOf(msgs []session.Message) []string {
	var models []string
	for _, sm := range msgs {
		if sm.Model != "" && !slices.Contains(models, sm.Model) {
			models = append(models, sm.Model)
		}
	}
	return models
}
