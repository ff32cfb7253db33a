package ui

import (
	"context"
	"fmt"
	"slices"
	"strconv"

	tea "charm.land/bubbletea/v2"

	"github.com/lockchat/lockchat/client"
	tokencount "github.com/lockchat/lockchat/client/tokens"
	"github.com/lockchat/lockchat/session"
)

// The chat counts tokens with tokens.Estimate, never exact.Count: the
// exact count's tables cost some 24 MB of memory on first use, and the
// estimate, within a few percent, needs none and runs on every key.
var countTokens session.Counter = tokencount.Estimate

// budgetState is what the chat knows about the model's context window and
// what the history costs.
type budgetState struct {
	// asked is the model whose ModelInfo was last asked for, info what
	// the server said about infoModel.
	asked, infoModel string
	info             client.ModelInfo
	// history is what the transcript costs before the input, for the
	// footer; counted is the transcript it was counted for, so that it is
	// counted again only when that changes, never per key.
	history int
	counted historyKey
	// sent is what the request being answered cost by the local count,
	// for Budget.Scaled after a context-length error; retried says the
	// reply was already retried once for one.
	sent    int
	retried bool
	// override, when its Window is set, is the budget of the retry.
	override session.Budget
	// marked is the entry that carries the "not sent" mark, if any.
	marked *entry
}

// modelInfoMsg is what the server said about a model.
type modelInfoMsg struct {
	model string
	info  client.ModelInfo
}

func (msg modelInfoMsg) apply(m *Model) tea.Cmd {
	if msg.model == m.model {
		m.budget.infoModel, m.budget.info = msg.model, msg.info
	}
	return nil
}

// contextMsg is a message of the context budget or of attachments: it
// applies itself to the model in Update.
type contextMsg interface{ apply(m *Model) tea.Cmd }

// askModelInfo asks the server about the model in use once per model, in
// a command; an error is a note only: nothing is said, and the config
// and the built-in table still apply.
func (m *Model) askModelInfo() tea.Cmd {
	ask, model := m.opts.ModelInfo, m.model
	if ask == nil || model == "" || model == m.budget.asked {
		return nil
	}
	m.budget.asked = model
	return func() tea.Msg {
		info, _ := ask(context.Background(), model)
		return modelInfoMsg{model: model, info: info}
	}
}

// serverInfo is what the server said about the model in use.
func (m *Model) serverInfo() client.ModelInfo {
	if m.budget.infoModel == m.model {
		return m.budget.info
	}
	return client.ModelInfo{}
}

// window is the model's context window by Options.Window, or 0 (unknown:
// nothing is left out).
func (m *Model) window() int {
	if m.opts.Window == nil {
		return 0
	}
	return m.opts.Window(m.model, m.serverInfo())
}

// requestBudget is how much of the window a request may fill.
func (m *Model) requestBudget() session.Budget {
	if m.budget.override.Window > 0 {
		return m.budget.override
	}
	return session.Budget{Window: m.window(), MaxTokens: m.opts.MaxTokens}
}

// path is the branch on screen up to (not including) upTo, as the store
// keeps it.
func (m *Model) path(upTo *entry) []session.Message {
	path := make([]session.Message, 0, len(m.tr.entries))
	for _, e := range m.tr.entries {
		if e == upTo {
			break
		}
		if e.role == roleSystem {
			continue
		}
		path = append(path, session.Message{ID: e.id, ParentID: e.parent, Role: e.role,
			Content: e.text.String(), Status: e.status, Attachments: e.attachments})
	}
	return path
}

// fitted is the history sent with a reply, fitted to the budget, with the
// transcript's mark moved to where the sent context begins.
func (m *Model) fitted(upTo *entry) (session.Sent, error) {
	sent, err := session.HistoryWithin(m.conv.SystemPrompt, m.path(upTo), m.requestBudget(), countTokens)
	if err != nil {
		return sent, err
	}
	m.budget.sent = sent.Tokens
	m.markFirstSent(sent.FirstSent, sent.NotSent)
	return sent, nil
}

// markFirstSent puts the "not sent" line above the entry id, taking it
// from the one that had it; nothing is deleted.
func (m *Model) markFirstSent(id string, n int) {
	old := m.budget.marked
	if old != nil && old.id == id && old.notSent == n {
		return
	}
	var mark *entry
	for _, e := range m.tr.entries {
		if id != "" && e.id == id {
			mark = e
			break
		}
	}
	if old == nil && mark == nil {
		return
	}
	if old != nil {
		old.notSent = 0
	}
	if mark != nil {
		mark.notSent = n
	}
	m.budget.marked = mark
	if m.width > 0 {
		rc := m.renderCtx()
		for _, e := range []*entry{old, mark} {
			if e != nil {
				e.render(rc)
			}
		}
		m.tr.relayoutAll()
	}
}

// notSentLine is the dim line above the oldest message sent.
func notSentLine(n int) string {
	if n == 1 {
		return "· 1 earlier message is not sent ·"
	}
	return "· " + strconv.Itoa(n) + " earlier messages are not sent ·"
}

// retryShorter answers a server's context-length error: once per reply,
// the reply is asked for again with the history trimmed to the window the
// server named, scaled by how the server counted against the local count.
// It reports false when there is nothing to retry with.
func (m *Model) retryShorter(reply *entry, ce *client.Error) (tea.Cmd, bool) {
	// A reply on a branch not shown has no history on screen to fit again.
	if ce.Kind != client.KindContextLength || ce.ContextLimit <= 0 || m.budget.retried || !m.streamShown() {
		return nil, false
	}
	b := session.Budget{Window: ce.ContextLimit, MaxTokens: m.opts.MaxTokens}.Scaled(m.budget.sent, ce.PromptTokens)
	m.budget.retried, m.budget.override = true, b
	defer func() { m.budget.override = session.Budget{} }()
	if _, err := m.fitted(reply); err != nil {
		return nil, false
	}
	m.footer.push(ce.Message+" Asking again with older messages left out to fit "+strconv.Itoa(b.Window)+" tokens.", true)
	return m.startReply(reply), true
}

// tokensText is the footer's count: the history and the input, over the
// window when it is known ("3.1k / 8k"), else "3.1k tokens"; "" while
// there is nothing to count.
func (m *Model) tokensText() string {
	n := m.historyTokens() + m.inputTokens()
	if n == 0 {
		return ""
	}
	if w := m.window(); w > 0 {
		return shortCount(n) + " / " + shortCount(w)
	}
	return shortCount(n) + " tokens"
}

// shortCount writes a count as people say it: 950, 3.1k, 128k, 1.2M.
func shortCount(n int) string {
	switch {
	case n < 1000:
		return strconv.Itoa(n)
	case n < 10_000:
		return trimZero(fmt.Sprintf("%.1f", float64(n)/1000)) + "k"
	case n < 1_000_000:
		return strconv.Itoa((n+500)/1000) + "k"
	}
	return trimZero(fmt.Sprintf("%.1f", float64(n)/1_000_000)) + "M"
}

func trimZero(s string) string {
	if len(s) > 2 && s[len(s)-2:] == ".0" {
		return s[:len(s)-2]
	}
	return s
}

// historyKey tells one transcript from another cheaply: a message added,
// a branch switched, a reply finished or a system prompt changed all
// change it.
type historyKey struct {
	n      int
	last   *entry
	status session.Status
	system string
	first  *entry // the oldest message sent, when older ones are left out
}

// historyTokens is what the next request costs: from the newest reply
// the server reported usage for, its prompt as the server counted it, then
// each message after by its own count (kept in the entry). Messages the
// budget leaves out (above the "not sent" line) are not counted. It
// counts again only when the transcript changed.
func (m *Model) historyTokens() int {
	key := historyKey{n: len(m.tr.entries), last: m.tr.last(), system: m.conv.SystemPrompt, first: m.budget.marked}
	if key.last != nil {
		key.status = key.last.status
	}
	if key == m.budget.counted {
		return m.budget.history
	}
	m.budget.counted = key
	first := 0
	if key.first != nil {
		if i := slices.Index(m.tr.entries, key.first); i >= 0 {
			first = i
		}
	}
	total, from := 0, first
	for i := len(m.tr.entries) - 1; i >= first; i-- {
		if p := m.tr.entries[i].promptTokens; p > 0 {
			total, from = p, i
			break
		}
	}
	if total == 0 && m.conv.SystemPrompt != "" {
		total = countTokens(m.conv.SystemPrompt) + 4
	}
	for _, e := range m.tr.entries[from:] {
		total += e.cost()
	}
	m.budget.history = total
	return total
}

// cost is what the message adds to a request, its files' text included;
// a reply the server counted costs what it said. A finished message keeps
// its count.
func (e *entry) cost() int {
	if e.role != roleUser && e.role != roleAssistant {
		return 0
	}
	if e.tokens > 0 {
		return e.tokens
	}
	n := 4 + countTokens(e.text.String()) // the chat format's wrapping
	if e.meter.usage > 0 {
		n = 4 + e.meter.usage
	}
	for _, a := range e.attachments {
		if !a.IsImage() {
			n += countTokens(a.Block())
		}
	}
	if e.status.Finished() {
		e.tokens = n
	}
	return n
}
