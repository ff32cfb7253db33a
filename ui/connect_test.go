package ui

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/lockchat/lockchat/client"
	"github.com/lockchat/lockchat/session"
)

// savedConversation is a conversation held with provider "elsewhere",
// with a system prompt, one exchange and a reply by model "m-saved".
func savedConversation() loadedMsg {
	now := time.Now()
	conv := session.Conversation{ID: session.NewID(), Title: "held elsewhere", ProviderName: "elsewhere",
		Provider: "http://127.0.0.1:9/v1", SystemPrompt: "saved prompt", Created: now, Updated: now}
	user := session.Message{ID: session.NewID(), ConversationID: conv.ID, Role: session.RoleUser,
		Content: "q", Created: now, Status: session.StatusComplete}
	reply := session.Message{ID: session.NewID(), ConversationID: conv.ID, ParentID: user.ID, Role: session.RoleAssistant,
		Content: "a", Model: "m-saved", Created: now, Status: session.StatusComplete}
	return loadedMsg{conv: conv, msgs: []session.Message{user, reply}}
}

// openWith opens msg in m, running Options.Connect's command as the
// program would, and returns the model and the conversation as connected.
func openWith(t *testing.T, m *Model, msg loadedMsg) (*Model, loadedMsg) {
	t.Helper()
	m, cmd := step(m, msg)
	if cmd == nil {
		t.Fatal("opening asked for no command: Connect was not called")
	}
	connected, ok := cmd().(loadedMsg)
	if !ok || !connected.connected {
		t.Fatalf("the command returned %T, want the connected conversation", connected)
	}
	if len(m.tr.entries) != 0 {
		t.Fatal("the conversation opened before its client was chosen")
	}
	m, _ = step(m, connected)
	return m, connected
}

// TestOpenedConversationSwitchesClient: a conversation opened goes on with
// the client Connect gives for it, and its model.
func TestOpenedConversationSwitchesClient(t *testing.T) {
	_, start := testServer(t)
	_, held := testServer(t)
	opts := testOptions(newTestClock())
	opts.Client = start
	var asked []session.Conversation
	opts.Connect = func(c session.Conversation) (Chatter, error) {
		asked = append(asked, c)
		return held, nil
	}
	m := newSized(t, opts, 80, 24)
	msg := savedConversation()
	m, _ = openWith(t, m, msg)
	if len(asked) != 1 || asked[0].ProviderName != "elsewhere" || asked[0].ID != msg.conv.ID {
		t.Errorf("Connect was asked for %+v", asked)
	}
	if m.opts.Client != Chatter(held) || m.model != "m-saved" || len(m.tr.entries) != 2 {
		t.Errorf("after opening: client switched %v, model %q, %d entries", m.opts.Client == Chatter(held), m.model, len(m.tr.entries))
	}
	if m.conv.SystemPrompt != "saved prompt" {
		t.Errorf("the saved system prompt was replaced by %q without --system", m.conv.SystemPrompt)
	}
}

// TestOpenedConversationThatCannotConnect: the conversation still opens,
// with the current client and model, and the footer says why.
func TestOpenedConversationThatCannotConnect(t *testing.T) {
	_, start := testServer(t)
	opts := testOptions(newTestClock())
	opts.Client = start
	opts.Connect = func(session.Conversation) (Chatter, error) {
		return nil, errors.New(`the conversation was held with provider "elsewhere", which is gone`)
	}
	m := newSized(t, opts, 80, 24)
	m, _ = openWith(t, m, savedConversation())
	if m.opts.Client != Chatter(start) || m.model != "gpt-4" || len(m.tr.entries) != 2 {
		t.Errorf("after a failed connect: client kept %v, model %q, %d entries", m.opts.Client == Chatter(start), m.model, len(m.tr.entries))
	}
	if !strings.Contains(m.footer.text, `"elsewhere", which is gone`) || !strings.Contains(m.footer.text, "goes on with fake") {
		t.Errorf("footer %q does not say what happened", m.footer.text)
	}
}

// TestSystemChosenReplacesTheSavedOne: with --system, an opened
// conversation sends that prompt from the next request on, and saves it.
func TestSystemChosenReplacesTheSavedOne(t *testing.T) {
	j := newRecJournal()
	opts := testOptions(newTestClock())
	opts.Journal, opts.System, opts.SystemChosen = j, "new prompt", true
	m := newSized(t, opts, 80, 24)
	msg := savedConversation()
	m, cmd := step(m, msg)
	settleStore(t, m, cmd)
	if m.conv.SystemPrompt != "new prompt" {
		t.Errorf("system prompt %q, want the one named", m.conv.SystemPrompt)
	}
	var updated bool
	for _, op := range j.Ops() {
		updated = updated || (op.Kind == "update" && op.ID == msg.conv.ID)
	}
	if !updated {
		t.Errorf("the new system prompt was not saved: %v", j.Ops())
	}
	m, _ = sendPrompt(t, m, "next")
	if h := m.history(m.stream.entry); len(h) == 0 || h[0].Role != client.RoleSystem || h[0].Content != "new prompt" {
		t.Errorf("the next request starts with %+v", h)
	}
}
