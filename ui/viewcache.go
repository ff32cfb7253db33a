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
}

// invalidate marks what msg may have changed on screen. Messages that only
// feed the stream or the store change nothing visible by themselves; the
// handlers that do show something call m.cache.screenValid = false.
func (c *viewCache) invalidate(msg tea.Msg) {
	switch msg.(type) {
	case chunkMsg, persistedMsg, streamStartedMsg, frameMsg:
		return // handlers mark the screen stale when they show something
	case retryTickMsg, elapsedTickMsg, noticeExpiredMsg, modelsMsg, convsMsg, loadedMsg, exportedMsg,
		searchDueMsg, searchedMsg:
		c.screenValid = false // these never touch the input
		return
	}
	c.screenValid, c.inputValid = false, false
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
