package ui

import (
	tea "charm.land/bubbletea/v2"
)

// viewCache remembers the last composed screen. Bubble Tea calls View after
// every Update, which while streaming means once per read; most of those
// Updates only append text that the next frame will render, so the screen
// is reused instead of being composed again. View fills it; it holds no
// state of the chat.
type viewCache struct {
	screen      string
	inputTop    int // the screen row of the input's first line
	screenValid bool
	input       string // the textarea's rendering
	cursor      *tea.Cursor
	inputValid  bool
	// selectHelp is select mode's key help row, fitted to selectHelpWidth
	// with the styles of the time (applyStyles drops it).
	selectHelp      string
	selectHelpWidth int
	selectHelpValid bool
}

// change is what a message changed on screen: each handler of the stream
// and the store returns one, and Update marks the cache with it. Most
// messages of a streaming reply only append text that the next frame
// renders, and leave the last screen as it is.
type change int

const (
	unchanged     change = iota // bookkeeping only: the last screen still holds
	screenChanged               // the transcript, the footer or a dialog, not the input
	allChanged                  // the input too
)

// mark drops what ch made stale.
func (c *viewCache) mark(ch change) {
	switch ch {
	case allChanged:
		c.screenValid, c.inputValid = false, false
	case screenChanged:
		c.screenValid = false
	}
}

// inputView returns the textarea's rendering, cached between changes.
func (m *Model) inputView() string {
	m.fillInputCache()
	return m.cache.input
}

// inputCursor returns a copy of the textarea's cursor position (relative
// to the textarea), cached like its rendering; nil when it shows none.
func (m *Model) inputCursor() *tea.Cursor {
	m.fillInputCache()
	if m.cache.cursor == nil {
		return nil
	}
	c := *m.cache.cursor
	return &c
}

func (m *Model) fillInputCache() {
	if !m.cache.inputValid {
		m.cache.input, m.cache.cursor, m.cache.inputValid = m.input.View(), m.input.Cursor(), true
	}
}
