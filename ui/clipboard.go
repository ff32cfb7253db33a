package ui

import (
	"encoding/base64"
	"errors"
	"fmt"

	tea "charm.land/bubbletea/v2"
	"github.com/atotto/clipboard"

	"github.com/lockchat/lockchat/client"
)

// osc52Max is the most base64 an OSC 52 sequence is given: tmux and many
// terminals drop a longer one without a word.
const osc52Max = 100_000

// errNoClipboard says no clipboard program was found.
var errNoClipboard = errors.New("no clipboard program (xclip, xsel, wl-copy, pbcopy) was found")

// systemClipboard writes text to the system clipboard through the
// platform's program, when one is installed.
func systemClipboard(text string) error {
	if clipboard.Unsupported {
		return errNoClipboard
	}
	return clipboard.WriteAll(text)
}

// copiedMsg is how the system clipboard took a text; large says it was
// too large for OSC 52, so nothing else copied it.
type copiedMsg struct {
	what  string
	large bool
	err   error
}

// copyText copies text, already sanitised, twice: through the terminal
// (OSC 52, which works over SSH) and to the system clipboard, in a
// command. what names the text in the footer's notice, short enough that
// the notice fits 80 columns beside the token count.
func (m *Model) copyText(what, text string) tea.Cmd {
	write := m.opts.Clipboard
	large := base64.StdEncoding.EncodedLen(len(text)) > osc52Max
	sys := func() tea.Msg { return copiedMsg{what: what, large: large, err: write(text)} }
	if large {
		m.footer.push(fmt.Sprintf("%s is too large for the terminal's clipboard (OSC 52 takes about %d KB); copying it to the system clipboard…",
			what, osc52Max*3/4/1000), true)
		return sys
	}
	// The terminal does not say whether it took the text (some refuse
	// OSC 52), so the notice says what was sent, not that it arrived.
	m.footer.push(fmt.Sprintf("Sent %s to the clipboard (OSC 52).", what), false)
	return tea.Batch(tea.SetClipboard(text), sys)
}

// handleCopied reports a text too large for OSC 52: whether the system
// clipboard took it. A text OSC 52 carried needs no word more.
func (m *Model) handleCopied(msg copiedMsg) tea.Cmd {
	switch {
	case !msg.large:
	case msg.err != nil:
		m.footer.push(fmt.Sprintf("Nothing was copied: %s is too large for the terminal's clipboard (OSC 52), and %s.",
			msg.what, sanitizeLine(msg.err.Error())), true)
	default:
		m.footer.push(fmt.Sprintf("Copied %s to the system clipboard (too large for OSC 52).", msg.what), false)
	}
	return nil
}

// copyReply copies the newest reply's markdown source, sanitised: a
// reply's control characters must not reach a terminal later through a
// paste either.
func (m *Model) copyReply() tea.Cmd {
	e := m.lastReply()
	if e == nil {
		m.footer.push("No reply to copy yet.", false)
		return nil
	}
	return m.copyText(sized(m.replyName(e), e.shown()), e.shown())
}

// sized names a whole message's text with its length, which the footer
// gives so a copy's size can be checked at a glance.
func sized(what, text string) string {
	return what + " (" + plural(len([]rune(text)), "character") + ")"
}

// copyMessage copies the selected message's markdown source, sanitised.
func (m *Model) copyMessage(e *entry) tea.Cmd {
	if e.shown() == "" {
		m.footer.push("This message has no text to copy.", false)
		return nil
	}
	what := "the prompt"
	if e.role == roleAssistant {
		what = m.replyName(e)
	}
	return m.copyText(sized(what, e.shown()), e.shown())
}

// replyName is how a copy's notice names reply e: one still being
// written is copied as far as it has come.
func (m *Model) replyName(e *entry) string {
	if m.stream.active && e == m.stream.entry {
		return "the reply so far"
	}
	return "the reply"
}

// copyCode copies a code block of the selected message, without its
// fences: the first, then the next on each press, round again after the
// last. The block copied is marked on screen until the selection moves.
func (m *Model) copyCode(e *entry) tea.Cmd {
	blocks := codeBlocks(e.shown())
	if len(blocks) == 0 {
		if m.stream.active && e == m.stream.entry {
			m.footer.push("This reply has no code block yet.", false)
		} else {
			m.footer.push("This message has no code block.", false)
		}
		return nil
	}
	if m.sel.codeOf != e.id {
		m.sel.code, m.sel.codeOf = 0, e.id
	}
	n := m.sel.code % len(blocks)
	m.sel.code = n + 1
	m.sel.copied, m.sel.copiedOf = n+1, e // marked on screen (markSelected)
	m.revealCopied(e)
	b := blocks[n]
	lang := b.lang
	if lang == "" {
		lang = "no language"
	}
	lines := plural(b.lines, "line")
	if b.open && e == m.stream.entry && m.stream.active {
		lines += " so far" // the rest of the block is still to come
	}
	what := fmt.Sprintf("code block %d of %d (%s, %s)", n+1, len(blocks), sanitizeLine(lang), lines)
	return m.copyText(what, b.code)
}

// lastReply is the newest assistant message with text, streaming or not.
func (m *Model) lastReply() *entry {
	for i := len(m.tr.entries) - 1; i >= 0; i-- {
		if e := m.tr.entries[i]; e.role == client.RoleAssistant && e.shown() != "" {
			return e
		}
	}
	return nil
}

// plural spells a count with its noun: "1 character", "1,204 characters".
func plural(n int, noun string) string {
	s := groupThousands(n) + " " + noun
	if n != 1 {
		s += "s"
	}
	return s
}

// groupThousands writes n with commas between groups of three digits.
func groupThousands(n int) string {
	s := fmt.Sprint(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
