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
	c := session.Conversation{ID: session.NewID(), SystemPrompt: m.sys.text}
	if m.opts.Client != nil {
		p := m.opts.Client.Provider()
		c.ProviderName, c.Provider = p.Name, client.StoredBaseURL(p)
	}
	return c
}

// newChat starts an empty conversation, stopping a reply in progress and
// saying so.
func (m *Model) newChat() tea.Cmd {
	cmd, stopped := m.stopToLeave()
	cmd = tea.Batch(cmd, m.leaveSelect()) // nothing is left to select
	m.tr.reset()
	m.tree, m.editing, m.unsent = branches{}, nil, unsentInput{}
	m.layout()
	m.conv, m.convSaved, m.role = m.newConversation(), false, m.sys.role
	m.syncSystemEntry()
	m.footer.push(stopped+"New conversation.", false)
	return cmd
}

// stopToLeave stops a streaming reply before the chat shows another
// conversation, and returns the sentence that says so ("" when nothing
// was streaming): the reply does not vanish unannounced.
func (m *Model) stopToLeave() (tea.Cmd, string) {
	if !m.stream.active {
		return nil, ""
	}
	cmd := m.stop()
	if m.opts.Journal == nil {
		return cmd, "The reply was stopped. "
	}
	return cmd, "The reply was stopped and saved. "
}

// loadedMsg carries a conversation read from the store.
type loadedMsg struct {
	conv  session.Conversation
	msgs  []session.Message
	err   error
	empty bool   // -c with nothing saved yet
	focus string // the message to show and mark (a search's hit), or ""
	// connected says Options.Connect has run for conv: client is the
	// client to use from now on, or connErr says why there is none.
	connected bool
	client    Chatter
	connErr   error
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

// handleLoaded replaces the transcript with a loaded conversation, once
// Options.Connect (when set) has chosen the client it goes on with.
func (m *Model) handleLoaded(msg loadedMsg) tea.Cmd {
	if msg.empty {
		m.footer.push("There is no saved conversation to continue yet: this is a new one.", false)
		return nil
	}
	if msg.err != nil {
		m.footer.push("Could not open the conversation: "+msg.err.Error(), true)
		return nil
	}
	if m.opts.Connect != nil && !msg.connected {
		return connectFor(m.opts.Connect, msg)
	}
	cmd, stopped := m.stopToLeave()
	cmd = tea.Batch(cmd, m.leaveSelect()) // the selected message is gone
	m.tr.reset()
	m.conv, m.convSaved = msg.conv, true
	m.found = msg.focus
	m.showLoaded(msg)
	m.useSavedSystem()
	m.layout()
	// A conversation that can't reach its own server goes on with the
	// current server and model.
	if n := len(msg.msgs); n > 0 && msg.msgs[n-1].Model != "" && !m.opts.ModelChosen && msg.connErr == nil {
		m.model = msg.msgs[n-1].Model
	}
	if msg.client != nil {
		m.opts.Client = msg.client
	}
	note, warn := stopped+"Opened “"+shownTitle(msg.conv.Title)+"”.", false
	if msg.connErr != nil {
		note = stopped + "Opened “" + shownTitle(msg.conv.Title) + "”, but " + sanitizeLine(msg.connErr.Error()) +
			"; it goes on with " + m.providerName() + " and " + m.model + "."
		warn = true
	}
	m.footer.push(note+m.restoreDraft(), warn)
	m.showFound()
	return tea.Batch(cmd, m.persist())
}

// shownTitle is a conversation's title as notices quote it: a
// conversation saved for a draft alone has none yet, and the lists call
// it Untitled.
func shownTitle(title string) string {
	if strings.TrimSpace(title) == "" {
		return "Untitled"
	}
	return title
}

// connectFor runs Options.Connect for a loaded conversation in a command
// and hands the conversation back with its client.
func connectFor(connect func(session.Conversation) (Chatter, error), msg loadedMsg) tea.Cmd {
	return func() tea.Msg {
		msg.connected = true
		msg.client, msg.connErr = connect(msg.conv)
		return msg
	}
}

// providerName names the server replies go to, for notices.
func (m *Model) providerName() string {
	if m.opts.Client == nil {
		return "the current server"
	}
	return m.opts.Client.Provider().Name
}

// exportedMsg reports where a transcript was written.
type exportedMsg struct {
	path string
	err  error
}

// export writes the transcript as Markdown in a command.
func (m *Model) export() tea.Cmd {
	if len(m.tr.entries) == 0 {
		m.footer.push("Nothing to export yet.", false)
		return nil
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
		if e.role == roleSystem {
			continue // the conversation's SystemPrompt, not a message
		}
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
		m.footer.push("Export failed: "+strings.TrimSpace(msg.err.Error()), true)
		return nil
	}
	m.footer.push("Saved the transcript to "+msg.path, false)
	return nil
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
