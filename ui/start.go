package ui

import (
	"context"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/lockchat/lockchat/client"
)

// probeTimeout bounds the check at start that the server answers: long
// enough for a slow network, short enough that the warning is up before
// a first prompt is typed.
const probeTimeout = 3 * time.Second

// startState is what the chat learns about its server at start, in
// commands, while the user types: whether it answers (Options.Probe), and
// the model to use when none was named (the first the server lists).
type startState struct {
	// asking says the server's model list is on its way: the chat has no
	// model until it comes.
	asking bool
	// held says a prompt was sent while asking: it goes when the model is
	// known.
	held bool
	// prompted says a prompt was sent: a warning about the start that
	// arrives later is past news (the reply says how it went).
	prompted bool
}

// probedMsg is the outcome of Options.Probe: nil when the server answered.
type probedMsg struct{ err error }

// serverModelMsg carries the server's models for a chat started with no
// model named.
type serverModelMsg struct {
	ids []string
	err error
}

// startChecks are the commands that learn about the server at start: its
// model list when the chat has no model (which also shows whether it
// answers), else the probe.
func (m *Model) startChecks() tea.Cmd {
	switch {
	case m.start.asking:
		return listServerModels(m.opts.Client)
	case m.opts.Probe != nil:
		return probeServer(m.opts.Probe)
	}
	return nil
}

// listServerModels asks the server for its models in a command.
func listServerModels(c Chatter) tea.Cmd {
	return func() tea.Msg {
		ids, err := c.ListModels(context.Background())
		return serverModelMsg{ids: ids, err: err}
	}
}

// probeServer runs probe in a command, within probeTimeout.
func probeServer(probe func(context.Context) error) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(context.Background(), probeTimeout)
		defer cancel()
		return probedMsg{err: probe(ctx)}
	}
}

// handleProbed warns, until the first prompt, that the server does not
// answer; it says nothing when it does.
func (m *Model) handleProbed(msg probedMsg) tea.Cmd {
	if msg.err == nil || m.start.prompted {
		return nil
	}
	m.footer.setSticky(m.unreachable(msg.err))
	m.layout()
	return nil
}

// handleServerModel takes the first model the server lists, says so, and
// sends a prompt held for it; a server that lists none, or can't be
// reached, gets a sticky warning that says what to do instead.
func (m *Model) handleServerModel(msg serverModelMsg) tea.Cmd {
	m.start.asking = false
	held := m.start.held
	m.start.held = false
	first := ""
	for _, id := range msg.ids {
		if id != "" {
			first = id
			break
		}
	}
	switch {
	case first != "" && m.model == "":
		m.model = first
		m.footer.push(joinHints([]string{"Model: " + first + ", the first the server lists",
			keyHint(m.keys.Models, "lists the others")})+".", false)
	case first != "": // chosen in the menu meanwhile
	case msg.err != nil && isUnreachable(msg.err):
		m.footer.setSticky(m.unreachable(msg.err))
	case msg.err != nil:
		m.footer.setSticky("The server did not list its models (" + strings.TrimSuffix(msg.err.Error(), ".") +
			"): " + m.pickModelHint() + ".")
	default:
		m.footer.setSticky("The server lists no models: " + m.pickModelHint() + ".")
	}
	m.layout()
	if held && m.model != "" {
		return m.sendPrompt()
	}
	return nil
}

// sendPrompt sends the input, or holds it while the server's model list
// is on its way; the first prompt sent ends the start's warnings.
func (m *Model) sendPrompt() tea.Cmd {
	if strings.TrimSpace(m.input.Value()) != "" && m.model == "" {
		if m.start.asking {
			m.start.held = true
			m.footer.push("Waiting for the server to name its model: the message goes as soon as it does.", false)
		} else {
			m.footer.push("There is no model to send to: "+m.pickModelHint()+".", true)
		}
		return nil
	}
	id := m.stream.id
	cmd := m.send()
	if m.stream.id != id { // a reply started
		m.start.prompted = true
		if m.footer.sticky != "" {
			m.footer.dismiss()
			m.layout()
		}
	}
	return cmd
}

// dismissStart is the stop key when no reply streams: it dismisses the
// sticky warning and takes back a prompt held for the model list.
func (m *Model) dismissStart() {
	if m.start.held {
		m.start.held = false
		m.footer.push("Not sent: the message stays in the input.", false)
	}
	if m.footer.sticky != "" {
		m.footer.dismiss()
		m.layout()
	}
}

// unreachable phrases a failure to reach the server for the status row.
func (m *Model) unreachable(err error) string {
	if m.opts.Unreachable != nil {
		if s := m.opts.Unreachable(err); s != "" {
			return s
		}
	}
	return err.Error()
}

// pickModelHint says how to get a model when the server names none.
func (m *Model) pickModelHint() string {
	if h := keyHint(m.keys.Models, "to pick one"); h != "" {
		return "press " + h + ", or start lockchat with -m MODEL"
	}
	return "start lockchat with -m MODEL"
}

// isUnreachable says err is a failure to reach the server at all.
func isUnreachable(err error) bool {
	ce, ok := client.AsError(err)
	return ok && (ce.Kind == client.KindNetwork || ce.Kind == client.KindTimeout)
}
